import { describe, expect, it } from 'vitest';
import { expandPlan } from '../../src/plan/expand.ts';
import type { ColdStartCell, LoadCell } from '../../src/plan/types.ts';
import { suiteOf } from './suite-of.ts';

describe('plan estimates, drivers and grace periods', () => {
  it('estimates load cells as warm-up + duration + 500ms, cold starts per iteration, and each stack warm-up as 3s + 500ms locally', () => {
    const suite = suiteOf({
      profiles: ['baseline', 'knative'],
      workload: { startupDelay: '200ms' },
      experiments: [
        { name: 'load', type: 'load', rates: [100], duration: '3s', warmup: '1s', repetitions: 2 },
        { name: 'cold', type: 'cold-start', iterations: 3, idle: '8s' },
      ],
    });
    const plan = expandPlan(suite, { target: 'local' });
    const [baseline, knative] = plan.groups;
    expect(baseline!.cells.map((cell) => cell.estimatedMs)).toEqual([4_500, 4_500]);
    // 3 × (8s idle + 200ms start-up + 1s allowance)
    expect(knative!.cells.at(-1)!.estimatedMs).toBe(27_600);
    expect(baseline!.warmup).toMatchObject({ estimatedMs: 3_500, cell: { durationMs: 3_000, warmupMs: 0, rate: 100 } });
    expect(knative!.estimatedMs).toBe(3_500 + 9_000 + 27_600);
    expect(plan.estimatedMs).toBe(3_500 + 9_000 + 3_500 + 9_000 + 27_600);
  });

  it('defaults the driver to builtin locally and k6 on clusters, unless the suite or experiment says', () => {
    const driverOf = (target: 'local' | 'kind' | 'existing', input: Record<string, unknown>) => {
      const suite = suiteOf({ profiles: ['baseline'], ...input });
      return (expandPlan(suite, { target }).groups[0]!.cells as LoadCell[]).map((cell) => cell.driver);
    };
    const experiments = [
      { name: 'a', type: 'load', rates: [1], duration: '1s', repetitions: 1 },
      { name: 'b', type: 'load', rates: [1], duration: '1s', driver: 'builtin', repetitions: 1 },
    ];
    expect(driverOf('local', { experiments })).toEqual(['builtin', 'builtin']);
    expect(driverOf('kind', { experiments })).toEqual(['k6', 'builtin']);
    expect(driverOf('existing', { experiments })).toEqual(['k6', 'builtin']);
    expect(driverOf('local', { driver: 'k6', experiments })).toEqual(['k6', 'builtin']);
  });

  it('gives a Knative cell the grace period in force: locally the experiment, profile or default; on clusters the profile or default only; a Deployment none', () => {
    const graceOf = (target: 'local' | 'kind' | 'existing', gracePeriod?: string) => {
      const suite = suiteOf({
        profiles: ['knative', 'knative-defaults', 'baseline'],
        experiments: [{ name: 'cold', type: 'cold-start', profiles: ['knative', 'knative-defaults', 'baseline'], idle: '40s', ...(gracePeriod ? { gracePeriod } : {}) }],
      });
      return expandPlan(suite, { target }).groups.map((group) => (group.cells[0] as ColdStartCell).gracePeriodMs);
    };
    expect(graceOf('local')).toEqual([6_000, 30_000, undefined]);
    expect(graceOf('local', '2s')).toEqual([2_000, 2_000, undefined]);
    // Issue 9.4: on a cluster the grace period is config-autoscaler's, as the profile sets it
    // (validate refuses an experiment's own there, cross-check.ts): never a value not in force.
    expect(graceOf('kind', '2s')).toEqual([6_000, 30_000, undefined]);
    expect(graceOf('existing')).toEqual([6_000, 30_000, undefined]);
  });

  it("estimates a Knative cold start on a cluster by Knative's time to zero when idle is shorter: window + grace + queue-proxy drain", () => {
    const estimates = (target: 'local' | 'kind', idle: string) => {
      const suite = suiteOf({ profiles: ['knative-defaults', 'knative'], experiments: [{ name: 'cold', type: 'cold-start', iterations: 2, idle }] });
      return expandPlan(suite, { target }).groups.map((group) => group.cells[0]!.estimatedMs);
    };
    // 2 × (60s window + 30s grace + 30s drain + 1s allowance); 2 × (60s default window + 6s + 30s + 1s)
    expect(estimates('kind', '0s')).toEqual([242_000, 194_000]);
    expect(estimates('kind', '3m')).toEqual([362_000, 362_000]);
    expect(estimates('local', '0s')).toEqual([2_000, 2_000]);
  });

  it('copies the load parameters into each cell in milliseconds', () => {
    const suite = suiteOf({
      profiles: ['baseline'],
      experiments: [{ name: 'load', type: 'load', arrival: 'poisson', rates: [50], connections: [4], duration: '2s', timeout: '3s' }],
    });
    expect(expandPlan(suite, { target: 'local' }).groups[0]!.cells[0]).toEqual({
      id: 'baseline/load/rate=50,c=4/r1',
      type: 'load',
      profile: 'baseline',
      experiment: 'load',
      repetition: 1,
      estimatedMs: 2_500,
      driver: 'builtin',
      model: 'open',
      arrival: 'poisson',
      rate: 50,
      connections: 4,
      durationMs: 2_000,
      warmupMs: 0,
      timeoutMs: 3_000,
    });
  });
});
