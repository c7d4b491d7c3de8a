// Issue 12, done-when: `compare` on two local runs of one suite, the candidate's sidecar with an
// injected 2 ms proxy delay (the calibration knob `meshbench calibrate` checks), reports the
// regression as measurable and fails `--fail-on p50>+1ms` (exit 1); two runs of the identical
// configuration report no measurable change and exit 0. Real runs, the real CLI.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareResult } from '../../src/compare/compare-runs.ts';
import { runSuite } from '../../src/run/run-suite.ts';
import { loadSuite } from '../../src/suite/load.ts';
import { meshbench } from './cli.ts';
import { writeSuite } from './suites.ts';

// Closed model, one connection: an open-model repetition whose driver fell behind its schedule (a
// stalled event loop on a busy machine) is saturated and dropped from latency figures, which left
// too few repetitions for an interval here; a closed loop has no schedule to fall behind.
const SUITE = `apiVersion: meshbench.dev/v1alpha1
kind: Suite
name: compare-e2e
target: local
profiles: [baseline, istio-sidecar]
workload: { delay: 0ms, size: 512 }
experiments:
  - { name: load, type: load, model: closed, connections: [1], duration: 1s, warmup: 300ms, repetitions: 6 }
comparisons:
  - { name: sidecar tax, baseline: baseline, candidate: istio-sidecar }
`;

describe('meshbench compare on real local runs', () => {
  let dir: string;
  const runDir = (name: string) => join(dir, name);

  async function run(name: string, proxyDelayMs?: number): Promise<void> {
    const file = join(dir, 'suite.yaml');
    const lines: string[] = [];
    const suite = await loadSuite(file, { target: 'local' });
    // The profile field a user writes (emulation.proxyDelay, in ms once loaded), set on the loaded sidecar profile.
    if (proxyDelayMs !== undefined) suite.profiles.find((profile) => profile.name === 'istio-sidecar')!.emulation = { proxyDelay: proxyDelayMs };
    const result = await runSuite(suite, {
      suiteFile: file,
      target: 'local',
      runDir: runDir(name),
      command: ['test'],
      progress: { log: (line) => lines.push(line), status: () => {}, done: () => {} },
    });
    expect(result.status, lines.join('\n')).toBe('complete');
  }

  const compared = async (name: string) => JSON.parse(await readFile(join(runDir(name), 'compare', 'compare.json'), 'utf8')) as CompareResult;

  beforeAll(async () => {
    dir = (await writeSuite(SUITE)).dir;
    await run('baseline');
    await run('delayed', 2);
    await run('again');
  }, 240_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reports the injected delay as a measurable increase and fails p50>+1ms: exit 1', async () => {
    const cli = await meshbench(['compare', runDir('baseline'), runDir('delayed'), '--fail-on', 'p50>+1ms']);
    expect(cli.exitCode, cli.stdout + cli.stderr).toBe(1);
    expect(cli.stdout).toMatch(/^# meshbench compare: FAILED/);
    expect(cli.stdout).toContain(`wrote ${join(runDir('delayed'), 'compare', 'compare.html')}`);
    const result = await compared('delayed');
    const p50 = result.rows.find((row) => row.profile === 'istio-sidecar' && row.metric === 'p50')!;
    expect(p50.verdict).toBe('measurable increase');
    expect(p50.delta).toBeGreaterThan(1.5);
    expect(result.rules[0]!.rows.find(({ row }) => row.profile === 'istio-sidecar')!.outcome).toBe('failed');
    expect(result.rows.find((row) => row.profile === 'baseline' && row.metric === 'p50')!.verdict).not.toBe('measurable increase');
    for (const file of ['compare.html', 'compare.md']) {
      expect(await readFile(join(runDir('delayed'), 'compare', file), 'utf8')).toContain('istio-sidecar');
    }
  });

  it('reports no measurable change between two runs of the identical configuration: exit 0', async () => {
    const cli = await meshbench(['compare', runDir('baseline'), runDir('again'), '--fail-on', 'p50>+1ms']);
    expect(cli.exitCode, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/^# meshbench compare: passed/);
    const result = await compared('again');
    const measurable = result.rows.filter((row) => row.verdict.startsWith('measurable'));
    expect(measurable, JSON.stringify(measurable, null, 1)).toEqual([]);
    expect(result.rows.length).toBeGreaterThan(8);
  });
});
