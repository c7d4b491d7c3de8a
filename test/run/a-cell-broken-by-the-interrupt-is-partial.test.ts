// Interrupted is partial: a cell whose target or driver fails while the run is being interrupted
// (the emulation's processes stopping under a cold start: "fetch failed") is recorded partial,
// with what it measured, never errored.
import { describe, expect, it } from 'vitest';
import type { LoadDriver } from '../../src/drivers/driver.ts';
import { expandPlan } from '../../src/plan/expand.ts';
import { executePlan } from '../../src/run/execute.ts';
import { ColdStartFailed } from '../../src/results/iterations.ts';
import type { CellResult, ColdStartCellResult } from '../../src/results/types.ts';
import type { ProfileSession, Target } from '../../src/targets/target.ts';
import { suiteOf } from '../plan/suite-of.ts';

function targetWith(session: Partial<ProfileSession>): Target {
  return {
    name: 'local',
    emulation: true,
    prepare: async (profile) => ({
      profile: profile.name,
      url: 'http://127.0.0.1:1/',
      dataPath: ['client', 'workload'],
      notes: [],
      sampler: () => ({ start() {}, measureFrom() {}, measureUntil() {}, stop: async () => [] }),
      close: async () => {},
      ...session,
    }),
    cleanup: async () => {},
  };
}

describe('a cell that fails because the run is being interrupted', () => {
  it('is a partial cold-start cell keeping its iterations', async () => {
    const suite = suiteOf({ profiles: ['knative'], experiments: [{ name: 'cold', type: 'cold-start', iterations: 3, idle: '1s' }] });
    const plan = expandPlan(suite, { target: 'local' });
    const interrupt = new AbortController();
    const measured = [{ iteration: 1, service: 'svc-1', cold: true, ok: true, totalMs: 400, phases: { first_byte: 400 } }];
    const target = targetWith({
      coldStart: async () => {
        interrupt.abort(new Error('interrupted by SIGINT'));
        throw new ColdStartFailed(measured, new TypeError('fetch failed'));
      },
    });
    const results: CellResult[] = [];
    const outcome = await executePlan(suite, plan, { target, driverFor: () => { throw new Error('no load cells'); }, onResult: async (r) => void results.push(r), signal: interrupt.signal });
    const [cell] = results as ColdStartCellResult[];
    expect(outcome.status).toBe('partial');
    expect(cell!.status).toBe('partial');
    expect(cell!.error).toBeUndefined();
    expect(cell!.iterations).toEqual(measured);
    expect(cell!.notes).toContain('interrupted: fetch failed');
    expect(outcome.notes.some((note) => note.includes('errored'))).toBe(false);
  });

  it('is a partial load cell', async () => {
    const suite = suiteOf({ profiles: ['baseline'], experiments: [{ name: 'load', type: 'load', rates: [10], connections: [1], duration: '1s' }] });
    const plan = expandPlan(suite, { target: 'local' });
    const interrupt = new AbortController();
    let calls = 0;
    const driver: LoadDriver = {
      name: 'dies-with-its-target',
      async run() {
        // The first run is the stack warm-up; the interrupt comes during the measured cell.
        if (++calls === 1) return { requests: 10, errors: { total: 0, timeout: 0, connect: 0, http: {}, other: 0 }, measuredMs: 1000, achievedRps: 10, sendLag: { p50: 0, p99: 0, max: 0 }, saturated: false, latency: { count: 10, min: 1, mean: 1, p50: 1, p90: 1, p99: 1, p999: 1, max: 1 }, histogram: 'x', aborted: false };
        interrupt.abort(new Error('interrupted by SIGTERM'));
        throw new Error('connect ECONNREFUSED 127.0.0.1:1');
      },
    };
    const results: CellResult[] = [];
    await executePlan(suite, plan, { target: targetWith({}), driverFor: () => ({ driver, endpoint: { url: 'http://127.0.0.1:1/' } }), onResult: async (r) => void results.push(r), signal: interrupt.signal });
    expect(results.map((r) => [r.status, r.error])).toEqual([['partial', undefined]]);
    expect(results[0]!.notes).toContain('interrupted: connect ECONNREFUSED 127.0.0.1:1');
  });
});
