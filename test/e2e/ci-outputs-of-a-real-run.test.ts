// Issue 12: a real `meshbench run` as a CI job runs it, on GitHub Actions with --junit and --json:
// one JSON document on stdout (the human output on stderr), the exit code a failed threshold
// gives, a JUnit file CI tools accept, the job summary and an annotation for the failed check.
// Then `report --json` gives the same document back from the run directory.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJunit, schemaErrors } from '../ci/junit-support.ts';
import { runDocumentErrors } from '../ci/run-document-schema.ts';
import { meshbench } from './cli.ts';
import { writeSuite } from './suites.ts';

// A comparison name with what JUnit, annotations and markdown must each escape. p999 of 25
// requests a repetition cannot be judged (too few tail samples), so its threshold fails whatever
// the machine; p50 against 1s passes (6 repetitions a side: a busy machine may saturate one or two,
// and 4 against 4 still give an interval).
const NAME = 'tax "q" <&> ]]> 100%, a::b';
const SUITE = `apiVersion: meshbench.dev/v1alpha1
kind: Suite
name: ci-outputs
target: local
profiles: [baseline, istio-sidecar]
workload: { delay: 0ms, size: 512 }
experiments:
  - { name: load, type: load, rates: [50], connections: [4], duration: 500ms, warmup: 200ms, repetitions: 6 }
comparisons:
  - { name: ${JSON.stringify(NAME)}, baseline: baseline, candidate: istio-sidecar }
thresholds:
  - { comparison: ${JSON.stringify(NAME)}, metric: p999, max: 1s }
  - { comparison: ${JSON.stringify(NAME)}, metric: p50, max: 1s }
`;

describe('CI outputs of a real run', () => {
  let dir: string | undefined;
  afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

  it('writes JUnit, the job summary, annotations and one JSON document; the exit code stays 1', async () => {
    const suite = await writeSuite(SUITE);
    dir = suite.dir;
    const runDir = join(dir, 'run');
    const junit = join(dir, 'junit.xml');
    const summary = join(dir, 'step-summary.md');
    const run = await meshbench(['run', suite.file, '--out', runDir, '--junit', junit, '--json'], {
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary },
    });
    expect(run.exitCode, run.stderr).toBe(1);

    // stdout is the document and nothing else; the human summary went to stderr.
    const document = JSON.parse(run.stdout);
    expect(runDocumentErrors(document)).toEqual([]);
    expect(document).toMatchObject({ command: 'run', status: 'failed', exitCode: 1, result: { runDir, status: 'complete' } });
    expect(document.checks.map((check: { name: string; outcome: string }) => [check.name, check.outcome]), JSON.stringify(document.checks, null, 2)).toEqual([
      ['run completed', 'passed'],
      [`${NAME} p999`, 'failed'],
      [`${NAME} p50`, 'passed'],
    ]);
    expect(run.stderr).toContain('# meshbench: ci-outputs');
    expect(run.stderr).toContain(`report: ${join(runDir, 'index.html')}`);

    // One annotation, for the failed threshold, its title's ':' and ',' escaped.
    const annotations = run.stderr.split('\n').filter((line) => line.startsWith('::'));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(/^::error title=meshbench thresholds%3A tax "q" <&> \]\]> 100%25%2C a%3A%3Ab p999::p999 at load rate=50,c=4 cannot be judged against max 1000ms: insufficient data/);

    const xml = await readFile(junit, 'utf8');
    expect(await schemaErrors(xml)).toEqual([]);
    const parsed = parseJunit(xml);
    expect(parsed).toMatchObject({ tests: 3, failures: 1 });
    const thresholds = parsed.suites.find((s) => s.name === 'thresholds')!;
    expect(thresholds.cases.map((c) => c.name)).toEqual([`${NAME} p999`, `${NAME} p50`]);
    expect(thresholds.cases[0]!.failure!.message).toBe(document.checks[1].message);

    const html = new MarkdownIt().render(await readFile(summary, 'utf8'));
    expect(html).toMatch(/<h2>Thresholds<\/h2>\s*<table>/);
    // The name shows as typed (tax "q" <&> ]]> 100%, a::b): text, not markup.
    expect(html).toMatch(/<tr>\s*<td><strong>FAIL<\/strong><\/td>\s*<td>tax &quot;q&quot; &lt;&amp;&gt; \]\]&gt; 100%, a::b<\/td>\s*<td>p99\.9<\/td>/);

    // `report --json` reads the same document back, outside GitHub Actions: no annotations.
    const again = await meshbench(['report', runDir, '--json'], { env: { GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '' } });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual(document);
    expect(again.stderr).toContain(`wrote ${join(runDir, 'summary.md')}`);
    expect(again.stdout + again.stderr).not.toContain('::error');
  }, 120_000);
});
