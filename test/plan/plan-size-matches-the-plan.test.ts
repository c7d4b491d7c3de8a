// The plan's size by arithmetic (src/plan/size.ts), which lets a huge suite be refused before it is
// expanded, must be the size expandPlan then builds: checked on the shipped scenarios and on suites
// that exercise every term (closed models, cold starts on Knative and Deployments, stackWarmup 0s,
// the reference cell of sequential targets).
import { describe, expect, it } from 'vitest';
import { expandPlan } from '../../src/plan/expand.ts';
import { planSize } from '../../src/plan/size.ts';
import { loadSuite } from '../../src/suite/load.ts';
import type { Suite, TargetName } from '../../src/suite/schema.ts';
import { suiteOf } from './suite-of.ts';

const TARGETS: TargetName[] = ['local', 'kind', 'existing'];

function expectSameSize(suite: Suite, target: TargetName): void {
  const plan = expandPlan(suite, { target });
  const size = planSize(suite, target);
  expect(size.cells).toBe(plan.cellCount);
  expect(size.estimatedMs).toBeCloseTo(plan.estimatedMs, 6);
  expect(size.experiments.map((experiment) => experiment.cells)).toEqual(
    suite.experiments.map((experiment) => plan.groups.flatMap((group) => group.cells).filter((cell) => cell.experiment === experiment.name).length),
  );
}

describe('the plan size computed without expanding', () => {
  it.each(['quickstart', 'sidecar-and-cold-start', 'all-profiles', 'legacy-mixer'])('equals the expanded plan of scenarios/%s.yaml on every target', async (name) => {
    const suite = await loadSuite(`scenarios/${name}.yaml`);
    for (const target of TARGETS) expectSameSize(suite, target);
  });

  it('equals the expanded plan of a suite with every kind of cell', () => {
    const suite = suiteOf({
      profiles: ['baseline', 'istio-sidecar', 'knative', 'knative-defaults'],
      workload: { startupDelay: '200ms' },
      stackWarmup: '2s',
      experiments: [
        { name: 'open', type: 'load', rates: [100, 200, 300], connections: [2, 4], duration: '1s', warmup: '200ms', repetitions: 3 },
        { name: 'closed', type: 'load', model: 'closed', profiles: ['istio-sidecar'], connections: [1, 8], duration: '1s', repetitions: 2 },
        { name: 'cold', type: 'cold-start', services: [1, 5], iterations: 4, idle: '40s' },
        { name: 'cold-deployment', type: 'cold-start', profiles: ['baseline'], iterations: 2, idle: '1s' },
      ],
    });
    for (const target of TARGETS) expectSameSize(suite, target);
  });

  it('counts no stack warm-up when stackWarmup is 0s, nor for profiles with only cold starts', () => {
    const suite = suiteOf({
      profiles: ['baseline', 'knative'],
      stackWarmup: '0s',
      experiments: [
        { name: 'load', type: 'load', profiles: ['baseline'], rates: [10], duration: '1s', repetitions: 1 },
        { name: 'cold', type: 'cold-start', iterations: 1, idle: '40s' },
      ],
    });
    for (const target of TARGETS) expectSameSize(suite, target);
    expectSameSize({ ...suite, stackWarmup: undefined }, 'local');
  });
});
