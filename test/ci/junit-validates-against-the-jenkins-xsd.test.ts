import { describe, expect, it } from 'vitest';
import type { CiReport } from '../../src/ci/check.ts';
import { junitXml } from '../../src/ci/junit.ts';
import { parseJunit, schemaErrors } from './junit-support.ts';

// Suite names and messages quote user text: markup, text that looks like entities (an undefined
// one, a reference to a character XML forbids), a CDATA end, a bidi override, control characters
// XML 1.0 cannot hold at all, a lone surrogate and a non-character.
const HOSTILE = 'tax "q" <b>&amp;</b> &foo; &#1; ]]> \u202e \u0001\u001b[31m \ud800 \ufffe end';

function report(checks: CiReport['checks']): CiReport {
  return { command: 'compare', exitCode: 1, checks, summaryMarkdown: '', result: {} };
}

const checks: CiReport['checks'] = [
  { group: 'thresholds', name: 'sidecar tax p99', outcome: 'passed', message: 'within max 2ms' },
  { group: 'thresholds', name: `${HOSTILE} p50`, outcome: 'failed', message: `p50 +3ms exceeds max 1ms: ${HOSTILE}`, detail: `line one\n${HOSTILE}` },
  { group: 'compare', name: 'p99 < 5%', outcome: 'failed', message: 'p99 +8% [+6%, +10%] exceeds +5%' },
  { group: 'compare', name: 'cold_start', outcome: 'skipped', message: 'not measured in the base run' },
];

describe('JUnit XML of a CI report', () => {
  it('is valid against the Jenkins JUnit schema, hostile names and all', async () => {
    const passedAndFailed = junitXml(report(checks.filter((check) => check.outcome !== 'skipped')));
    expect(await schemaErrors(passedAndFailed)).toEqual([]);
    expect(await schemaErrors(junitXml(report(checks)), { skippedMessage: true })).toEqual([]);
  });

  it('the schema check can fail: raw control characters and a misplaced element are refused', async () => {
    const valid = junitXml(report(checks.slice(0, 1)));
    expect(await schemaErrors(valid.replace('sidecar tax p99', 'a\u0001b'))).not.toEqual([]);
    expect(await schemaErrors(valid.replace('<testcase', '<testsuite name="x" tests="0"/><testcase'))).not.toEqual([]);
  });

  it('has one testsuite per group and one testcase per check, with counts and reasons', () => {
    const parsed = parseJunit(junitXml(report(checks)));
    expect(parsed).toMatchObject({ tests: 4, failures: 2 });
    expect(parsed.suites.map(({ name, tests, failures, errors, skipped }) => ({ name, tests, failures, errors, skipped }))).toEqual([
      { name: 'thresholds', tests: 2, failures: 1, errors: 0, skipped: 0 },
      { name: 'compare', tests: 2, failures: 1, errors: 0, skipped: 1 },
    ]);
    const [thresholds, compare] = parsed.suites;
    expect(thresholds!.cases[0]).toEqual({ name: 'sidecar tax p99', classname: 'meshbench.compare.thresholds' });
    expect(compare!.cases[0]!.failure).toEqual({ message: 'p99 +8% [+6%, +10%] exceeds +5%', text: 'p99 +8% [+6%, +10%] exceeds +5%' });
    expect(compare!.cases[1]!.skipped).toEqual({ message: 'not measured in the base run' });
  });

  it('keeps hostile text as text: markup escaped, what XML cannot carry shown as escapes', () => {
    const hostile = parseJunit(junitXml(report(checks))).suites[0]!.cases[1]!;
    const shown = 'tax "q" <b>&amp;</b> &foo; &#1; ]]> \\u{202e} \\x01\\x1b[31m \\u{d800} \\u{fffe} end';
    expect(hostile.name).toBe(`${shown} p50`);
    expect(hostile.failure!.message).toBe(`p50 +3ms exceeds max 1ms: ${shown}`);
    expect(hostile.failure!.text).toBe(`line one\n${shown}`);
  });
});
