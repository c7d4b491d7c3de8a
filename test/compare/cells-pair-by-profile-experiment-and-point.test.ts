import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare-runs.ts';
import { parseProfileMap } from '../../src/compare/pairing.ts';
import { UsageError } from '../../src/errors.ts';
import { recordedRun, renamed } from './runs.ts';

describe('pairing two runs', () => {
  it('pairs every figure of a run with itself, none changed', async () => {
    const run = await recordedRun();
    const result = compareRuns(run, await recordedRun('again'), new Map(), []);
    const points = new Set(result.rows.map((row) => `${row.profile}/${row.experiment}/${row.point}`));
    expect(points).toEqual(new Set([
      'baseline/latency/100 rps · 4 conn',
      'istio-sidecar/latency/100 rps · 4 conn',
      'knative-kourier/latency/100 rps · 4 conn',
      'knative-kourier/scale-from-zero/1 svc',
    ]));
    const sidecar = result.rows.filter((row) => row.profile === 'istio-sidecar').map((row) => row.metric);
    expect(sidecar).toEqual(expect.arrayContaining(['p50', 'p90', 'p99', 'p999', 'cpu_per_1000', 'cpu_per_1000.workload', 'cpu_per_1000.istio-proxy', 'memory.istio-proxy', 'memory.workload']));
    expect(result.rows.every((row) => row.delta === 0 && !row.verdict.startsWith('measurable'))).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('leaves a renamed profile unpaired, with a warning, unless --map pairs it', async () => {
    const baseline = await recordedRun();
    const candidate = renamed(await recordedRun(), 'istio-sidecar', 'istio-next');
    const unmapped = compareRuns(baseline, candidate, new Map(), []);
    expect(unmapped.rows.some((row) => row.profile === 'istio-sidecar')).toBe(false);
    expect(unmapped.warnings).toContain('only in the baseline run (not compared): istio-sidecar/latency/100 rps · 4 conn');
    expect(unmapped.warnings).toContain('only in the candidate run (not compared): istio-next/latency/100 rps · 4 conn');

    const map = parseProfileMap(['istio-sidecar=istio-next'], baseline.record, candidate.record);
    const mapped = compareRuns(baseline, candidate, map, []);
    const rows = mapped.rows.filter((row) => row.profile === 'istio-sidecar');
    expect(rows.length).toBeGreaterThan(4);
    expect(rows.every((row) => row.candidateProfile === 'istio-next')).toBe(true);
    expect(mapped.warnings.filter((w) => w.startsWith('only in'))).toEqual([]);
    expect(mapped.map).toEqual([{ from: 'istio-sidecar', to: 'istio-next' }]);
  });

  it('refuses a --map naming a profile a run does not have, or not old=new, every problem at once', async () => {
    const run = await recordedRun();
    const attempt = () => parseProfileMap(['istio-1.27=istio-1.28', 'baseline'], run.record, run.record);
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(/--map istio-1\.27=istio-1\.28: the baseline run has no profile istio-1\.27 \(it has baseline, istio-sidecar, knative-kourier\)/);
    expect(attempt).toThrow(/the candidate run has no profile istio-1\.28/);
    expect(attempt).toThrow(/--map baseline: expected old=new/);
  });
});
