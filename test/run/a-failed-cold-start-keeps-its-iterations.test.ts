// A cold-start cell that fails midway (a watch that cannot go on, say) is errored, but the
// iterations it measured before failing stay in its result.
import { describe, expect, it } from 'vitest';
import { expandPlan } from '../../src/plan/expand.ts';
import { executePlan } from '../../src/run/execute.ts';
import { ColdStartFailed } from '../../src/results/iterations.ts';
import type { CellResult, ColdStartCellResult } from '../../src/results/types.ts';
import type { Target } from '../../src/targets/target.ts';
import { suiteOf } from '../plan/suite-of.ts';

describe('a cold-start cell failing midway', () => {
  it('keeps the iterations measured before the failure', async () => {
    const suite = suiteOf({
      profiles: ['knative'],
      experiments: [{ name: 'cold', type: 'cold-start', iterations: 3, idle: '45s' }],
    });
    const plan = expandPlan(suite, { target: 'kind' });
    const measured = [1, 2].map((iteration) => ({ iteration, service: 'cold-1', cold: true, ok: true, totalMs: 900 + iteration, phases: { first_byte: 900 + iteration } }));
    const target: Target = {
      name: 'kind',
      emulation: false,
      prepare: async (profile) => ({
        profile: profile.name,
        url: 'http://127.0.0.1:1/',
        dataPath: ['client', 'workload'],
        notes: [],
        coldStart: async () => {
          throw new ColdStartFailed(measured, new Error('watch of pods in meshbench-run failed: 403 Forbidden'));
        },
        sampler: () => ({ start() {}, measureFrom() {}, measureUntil() {}, stop: async () => [] }),
        close: async () => {},
      }),
      cleanup: async () => {},
    };
    const results: CellResult[] = [];
    await executePlan(suite, plan, {
      target,
      driverFor: () => {
        throw new Error('no load cells here');
      },
      onResult: async (result) => void results.push(result),
      signal: new AbortController().signal,
    });
    const [cell] = results as ColdStartCellResult[];
    expect(cell!.status).toBe('errored');
    expect(cell!.error).toBe('watch of pods in meshbench-run failed: 403 Forbidden');
    expect(cell!.iterations.map((it) => it.totalMs)).toEqual([901, 902]);
  });
});
