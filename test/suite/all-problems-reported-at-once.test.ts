import { describe, expect, it } from 'vitest';
import { FIXTURES, problemsOf } from './problems-of.ts';

describe('every problem is reported at once', () => {
  it('lists all schema problems of a suite, top to bottom', async () => {
    const problems = await problemsOf(`${FIXTURES}/several-problems.yaml`);
    expect(problems.map(({ line, key }) => `${line} ${key}`)).toEqual([
      '5 target',
      '10 experiments[0].rates[1]',
      '12 experiments[1].idle',
      '17 thresholds[0].metric',
    ]);
    expect(problems[0]?.message).toBe('expected one of "local", "kind", "existing"; got "minikube"');
    expect(problems[1]?.message).toBe('expected a number ≥ 1; got -5');
  });

  it('points problems inside profile files into those files', async () => {
    const problems = await problemsOf(`${FIXTURES}/profile-problems.yaml`, { profilesDir: 'test/fixtures/profiles' });
    expect(problems).toEqual([
      {
        file: 'test/fixtures/profiles/renamed.yaml',
        line: 4,
        column: 7,
        key: 'name',
        message: 'expected "renamed" (a profile file is named after its profile); got "something-else"',
      },
      {
        file: 'test/fixtures/profiles/invalid.yaml',
        line: 6,
        column: 9,
        key: 'mesh.type',
        message: 'expected one of "none", "istio-sidecar", "istio-ambient"; got "linkerd"',
      },
      {
        file: 'test/fixtures/profiles/invalid.yaml',
        line: 10,
        column: 29,
        key: 'serving.autoscaler.scaleToZeroGracePeriod',
        message: 'expected a duration with a unit, like "500ms", "30s" or "2m"; got 6',
      },
    ]);
  });
});
