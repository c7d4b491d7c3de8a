// A load cell whose driver fails (a k6 Job that failed, say) becomes an errored result; the run
// goes on with the next cells and profiles instead of ending.
import { describe, expect, it } from 'vitest';
import type { LoadDriver } from '../../src/drivers/driver.ts';
import { expandPlan } from '../../src/plan/expand.ts';
import { executePlan } from '../../src/run/execute.ts';
import type { CellResult } from '../../src/results/types.ts';
import type { Target } from '../../src/targets/target.ts';
import { suiteOf } from '../plan/suite-of.ts';

describe('a failing load cell', () => {
  it('is recorded as errored and the other cells still run', async () => {
    const suite = suiteOf({
      profiles: ['baseline', 'istio-sidecar'],
      experiments: [{ name: 'load', type: 'load', rates: [10], connections: [1], duration: '1s', repetitions: 2 }],
    });
    const plan = expandPlan(suite, { target: 'local' });
    const driver: LoadDriver = {
      name: 'flaky',
      async run(cell) {
        if (cell.id === 'istio-sidecar/load/rate=10,c=1/r1') throw new Error('k6 Job meshbench/k6-abc failed (BackoffLimitExceeded)');
        return { requests: 10, errors: { total: 0, timeout: 0, connect: 0, http: {}, other: 0 }, measuredMs: 1000, achievedRps: 10, sendLag: { p50: 0, p99: 0, max: 0 }, saturated: false, latency: { count: 10, min: 1, mean: 1, p50: 1, p90: 1, p99: 1, p999: 1, max: 1 }, histogram: 'x', aborted: false };
      },
    };
    const target: Target = {
      name: 'local',
      emulation: true,
      prepare: async (profile) => ({
        profile: profile.name,
        url: 'http://127.0.0.1:1/',
        dataPath: ['client', 'workload'],
        notes: [],
        sampler: () => ({ start() {}, measureFrom() {}, measureUntil() {}, stop: async () => [] }),
        close: async () => {},
      }),
      cleanup: async () => {},
    };
    const results: CellResult[] = [];
    const outcome = await executePlan(suite, plan, {
      target,
      driverFor: () => ({ driver, endpoint: { url: 'http://127.0.0.1:1/' } }),
      onResult: async (result) => void results.push(result),
      signal: new AbortController().signal,
    });
    expect(outcome.status).toBe('complete');
    // In the local target's interleaved order: A B, then B A.
    expect(results.map((r) => [r.cell.id, r.status])).toEqual([
      ['baseline/load/rate=10,c=1/r1', 'completed'],
      ['istio-sidecar/load/rate=10,c=1/r1', 'errored'],
      ['istio-sidecar/load/rate=10,c=1/r2', 'completed'],
      ['baseline/load/rate=10,c=1/r2', 'completed'],
    ]);
    expect(results[1]!.error).toBe('k6 Job meshbench/k6-abc failed (BackoffLimitExceeded)');
    // The run says which cell errored and why, once per errored cell.
    expect(outcome.notes.filter((note) => note.includes('errored'))).toEqual(['cell istio-sidecar/load/rate=10,c=1/r1 errored: k6 Job meshbench/k6-abc failed (BackoffLimitExceeded)']);
  });
});
