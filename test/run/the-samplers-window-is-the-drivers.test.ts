// Issue 9, items 3 and 9: each cell's sampler is asked for with the cell (so a cluster target can
// attribute to the cell's pods), and its window is the driver's: onMeasureStart / onMeasureEnd
// reach it before the driver's tail (collecting results, deleting objects) and before stop().
import { describe, expect, it } from 'vitest';
import type { LoadDriver } from '../../src/drivers/driver.ts';
import { expandPlan } from '../../src/plan/expand.ts';
import type { PlanCell } from '../../src/plan/types.ts';
import { executePlan } from '../../src/run/execute.ts';
import type { Target } from '../../src/targets/target.ts';
import { suiteOf } from '../plan/suite-of.ts';

describe('the sampler of a load cell', () => {
  it('is the cell\'s, and its window opens and closes with the driver\'s', async () => {
    const suite = suiteOf({
      profiles: ['baseline'],
      experiments: [{ name: 'load', type: 'load', rates: [10], connections: [1], duration: '1s', repetitions: 1 }],
    });
    const plan = expandPlan(suite, { target: 'local' });
    const events: string[] = [];
    const driver: LoadDriver = {
      name: 'scripted',
      async run(_cell, _endpoint, _signal, hooks) {
        hooks?.onMeasureStart?.();
        events.push('driver: measuring');
        hooks?.onMeasureEnd?.();
        events.push('driver: collecting results and cleaning up');
        return { requests: 10, errors: { total: 0, timeout: 0, connect: 0, http: {}, other: 0 }, measuredMs: 1000, achievedRps: 10, sendLag: { p50: 0, p99: 0, max: 0 }, saturated: false, latency: { count: 10, min: 1, mean: 1, p50: 1, p90: 1, p99: 1, p999: 1, max: 1 }, histogram: 'x', aborted: false };
      },
    };
    const sampledFor: PlanCell[] = [];
    const target: Target = {
      name: 'local',
      emulation: true,
      prepare: async (profile) => ({
        profile: profile.name,
        url: 'http://127.0.0.1:1/',
        dataPath: ['client', 'workload'],
        notes: [],
        sampler: (cell) => {
          sampledFor.push(cell);
          return {
            start: () => events.push('sampler: start'),
            measureFrom: () => events.push('sampler: window opens'),
            measureUntil: () => events.push('sampler: window closes'),
            stop: async () => (events.push('sampler: stop'), []),
          };
        },
        close: async () => {},
      }),
      cleanup: async () => {},
    };
    await executePlan(suite, plan, { target, driverFor: () => ({ driver, endpoint: { url: 'http://127.0.0.1:1/' } }), onResult: async () => {}, signal: new AbortController().signal });
    expect(sampledFor.map((cell) => cell.id)).toEqual(plan.groups[0]!.cells.map((cell) => cell.id));
    expect(events).toEqual([
      // The stack warm-up runs through the same driver, unsampled and unrecorded.
      'driver: measuring',
      'driver: collecting results and cleaning up',
      'sampler: start',
      'sampler: window opens',
      'driver: measuring',
      'sampler: window closes',
      'driver: collecting results and cleaning up',
      'sampler: stop',
    ]);
  });
});
