// Issue 9.4: an experiment's gracePeriod was shown in plans and reports but applied only by the
// local emulation; on a cluster config-autoscaler had the profile's. Knative's grace period is one
// cluster-wide key (config-autoscaler scale-to-zero-grace-period; knative/serving@knative-v1.19.5
// pkg/apis/autoscaling/register.go has no per-service annotation for it), so kind and existing
// refuse it, naming file, line and key. And since a cluster iteration waits for Knative's own time
// to zero, `idle` needs no floor there; locally it must still cover the grace period.
import { describe, expect, it } from 'vitest';
import { loadSuite } from '../../src/suite/load.ts';
import { FIXTURES, problemsOf } from './problems-of.ts';

const FILE = `${FIXTURES}/grace-period-per-experiment.yaml`;

describe("an experiment's gracePeriod", () => {
  it.each(['kind', 'existing'] as const)('is refused on the %s target, at its line', async (target) => {
    const problems = await problemsOf(FILE, { target });
    expect(problems).toEqual([
      {
        file: FILE, line: 10, column: 18, key: 'experiments[0].gracePeriod',
        message: `expected no gracePeriod on the ${target} target: there Knative's grace period is config-autoscaler's scale-to-zero-grace-period, one setting for the whole cluster (no per-service annotation), so it cannot differ per experiment; got 300ms — set serving.autoscaler.scaleToZeroGracePeriod in the profile instead`,
      },
    ]);
  });

  it('is applied per cell on the local target, where idle must cover the grace period in force', async () => {
    const problems = await problemsOf(FILE, { target: 'local' });
    expect(problems.map(({ line, key, message }) => `${line} ${key}: ${message}`)).toEqual([
      '9 experiments[0].idle: expected at least the scale-to-zero grace period, 300ms (the experiment gracePeriod), or the service is not at zero yet; got 100ms',
      '13 experiments[1].idle: expected at least the scale-to-zero grace period, 6s (profile "knative-kourier"), or the service is not at zero yet; got 100ms',
    ]);
  });
});

it('a cluster accepts any idle: each iteration waits until Knative has the service at zero', async () => {
  const suite = await loadSuite(FILE.replace('grace-period-per-experiment', 'cold-start-idle-on-kind'));
  expect(suite.experiments.map((experiment) => experiment.type === 'cold-start' && experiment.idle)).toEqual([0]);
});
