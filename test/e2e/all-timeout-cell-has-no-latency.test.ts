// Issue 11 items 5 and 10, end to end on the local target: a load cell whose every request times
// out printed "p50 0.000 ms" as if measured, and the summary printed to the terminal showed
// "&gt;". A suite cannot ask for that any more: validate refuses a timeout at or below the workload
// delay + a profile's emulation.proxyDelay (the first test shows it). So the hang is injected where
// a real one happens, in the data path, after loading: the loaded profile is given the proxyDelay
// no file may ask for, and the emulated sidecar waits 300 ms per request while the timeout is
// 100 ms. Run under flock /tmp/meshbench-kind-tests.lock (it runs the local target end to end).
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminalSummary } from '../../src/report/render.ts';
import { runSuite, type RunSummary } from '../../src/run/run-suite.ts';
import { loadSuite, SuiteError } from '../../src/suite/load.ts';
import { writeSuite } from './suites.ts';

const SUITE = `apiVersion: meshbench.dev/v1alpha1
kind: Suite
name: all-timeouts
description: "every request > its timeout & <none> answered"
target: local
profiles: [istio-sidecar]
stackWarmup: 0s
workload: { delay: 0ms, size: 64, startupDelay: 0ms }
experiments:
  - name: slow
    type: load
    rates: [20]
    connections: [2]
    duration: 500ms
    timeout: 100ms
    repetitions: 1
`;

describe('a local run whose every request times out', () => {
  let dir: string;
  let runDir: string;
  let run: RunSummary;
  const lines: string[] = [];
  let printed: string;

  beforeAll(async () => {
    const suite = await writeSuite(SUITE);
    dir = suite.dir;
    runDir = join(dir, 'run');
    const loaded = await loadSuite(suite.file, { target: 'local' });
    const hanging = { ...loaded, profiles: loaded.profiles.map((profile) => ({ ...profile, emulation: { proxyDelay: 300 } })) };
    run = await runSuite(hanging, {
      suiteFile: suite.file,
      target: 'local',
      runDir,
      command: ['test'],
      progress: { log: (line) => lines.push(line), status: () => {}, done: () => {} },
    });
    printed = await terminalSummary(runDir);
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('cannot be asked for in a file: validate refuses the proxyDelay at the timeout it would hang', async () => {
    const inline = SUITE.replace('profiles: [istio-sidecar]', 'profiles:\n  - { name: hang, mesh: { type: istio-sidecar }, emulation: { proxyDelay: 300ms } }');
    const written = await writeSuite(inline);
    const refused = await loadSuite(written.file, { target: 'local' }).then(() => undefined, (error: unknown) => error);
    await rm(written.dir, { recursive: true, force: true });
    expect(refused).toBeInstanceOf(SuiteError);
    expect((refused as SuiteError).problems.map((problem) => `${problem.key}: ${problem.message}`)).toEqual([
      'experiments[0].timeout: expected a timeout above the workload delay + the emulated proxyDelay of profile "hang", 0ms + 300ms, or every request times out; got 100ms',
    ]);
  });

  it('is a run that measured nothing: failed, exit 3', () => {
    expect(run.results).toHaveLength(1);
    expect(run.status).toBe('failed');
    expect(run.exitCode).toBe(3);
  });

  it('says no samples, and why, in the cell line and the printed summary', () => {
    expect(lines.join('\n')).toMatch(/\[1\/1\] istio-sidecar\/slow\/rate=20,c=2\/r1: no samples \(all \d+ requests timed out\) · 0 rps · \d+ errors/);
    expect(printed).toMatch(/\| istio-sidecar \| 20 \| 2 \| 0 \(\+1 without samples\) \| \*\*no samples\*\* \(all \d+ requests timed out\) \|/);
    expect(printed).not.toContain('0.000 ms');
  });

  it('prints the summary as plain text, while summary.md stays Markdown', async () => {
    expect(printed).toContain('every request > its timeout & <none> answered');
    expect(printed).not.toMatch(/&(gt|lt|amp);/);
    expect(await readFile(join(runDir, 'summary.md'), 'utf8')).toContain('every request &gt; its timeout &amp; &lt;none&gt; answered');
  });

  it('records no latency: results.json has none, latency.csv leaves it empty', async () => {
    const { results } = JSON.parse(await readFile(join(runDir, 'results.json'), 'utf8'));
    expect(results).toHaveLength(1);
    const [cell] = results;
    expect(cell.requests).toBe(0);
    expect(cell.errors.timeout).toBeGreaterThan(0);
    expect(cell.errors.total).toBe(cell.errors.timeout);
    expect(cell).not.toHaveProperty('latency');
    expect(cell).not.toHaveProperty('histogram');
    // The hang is the profile's, recorded as such: in the cell's notes and in run.json's suite.
    expect(cell.notes).toContain('emulated regression: proxy +300 ms per request');
    const record = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8'));
    expect(record.suite.profiles[0].emulation).toEqual({ proxyDelay: 300 });
    const [row]: Record<string, string>[] = parse(await readFile(join(runDir, 'latency.csv'), 'utf8'), { columns: true });
    expect(row).toMatchObject({ requests: '0', errors: String(cell.errors.total), p50_ms: '', p99_ms: '', max_ms: '', mean_ms: '' });
  });
});
