// JUnit XML of a CiReport, the format every CI reads test results from (Jenkins, GitLab, Azure,
// GitHub test-report actions): one <testsuite> per check group, one <testcase> per check. Built
// with xmlbuilder2, which escapes markup; what XML 1.0 cannot carry at all is made visible here.
import { create } from 'xmlbuilder2';
import { terminalSafe } from '../text/terminal-safe.ts';
import type { Check, CiReport } from './check.ts';

/**
 * Names and messages quote suite text, which may be hostile. Control and invisible format
 * characters are shown as escapes (as on a terminal: CI pages and logs show this text too);
 * whatever XML 1.0 still cannot hold (lone surrogates, U+FFFE/U+FFFF) becomes an escape through
 * xmlbuilder2's invalidCharReplacement. Attribute values are one line: a parser would turn a raw
 * newline in them into a space anyway.
 */
function text(value: string): string {
  return terminalSafe(value);
}

function attribute(value: string): string {
  return terminalSafe(value.replace(/\r\n|[\r\n\t]/g, ' '));
}

function codePointEscape(char: string): string {
  return `\\u{${char.codePointAt(0)!.toString(16)}}`;
}

// Checks are judged, not timed: time="0" is there because several readers parse it as a number.
const TIME = '0';

export function junitXml(report: CiReport): string {
  const groups = new Map<string, Check[]>();
  for (const check of report.checks) groups.set(check.group, [...(groups.get(check.group) ?? []), check]);
  const count = (checks: Check[], outcome: Check['outcome']) => String(checks.filter((check) => check.outcome === outcome).length);
  const root = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: codePointEscape }).ele('testsuites', {
    name: `meshbench ${report.command}`,
    tests: String(report.checks.length),
    failures: count(report.checks, 'failed'),
    errors: '0',
    time: TIME,
  });
  for (const [group, checks] of groups) {
    const suite = root.ele('testsuite', {
      name: attribute(group),
      tests: String(checks.length),
      failures: count(checks, 'failed'),
      errors: '0',
      skipped: count(checks, 'skipped'),
      time: TIME,
    });
    for (const check of checks) {
      const testcase = suite.ele('testcase', { name: attribute(check.name), classname: attribute(`meshbench.${report.command}.${group}`), time: TIME });
      const message = attribute(check.message ?? '');
      if (check.outcome === 'failed') testcase.ele('failure', { message, type: 'meshbench' }).txt(text(check.detail ?? check.message ?? ''));
      else if (check.outcome === 'skipped') testcase.ele('skipped', { message });
      else if (check.detail) testcase.ele('system-out').txt(text(check.detail));
    }
  }
  return `${root.end({ prettyPrint: true, wellFormed: true })}\n`;
}
