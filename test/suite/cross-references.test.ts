import { describe, expect, it } from 'vitest';
import { loadSuite } from '../../src/suite/load.ts';
import { FIXTURES, problemsOf } from './problems-of.ts';

describe('cross-reference checks', () => {
  it('check names that refer to each other, each at its own line', async () => {
    const problems = await problemsOf(`${FIXTURES}/cross-references.yaml`);
    expect(problems.map(({ line, key }) => `${line} ${key}`)).toEqual([
      '9 experiments[0].profiles[1]',
      '12 experiments[1].name',
      '19 experiments[2].idle',
      '23 comparisons[0].candidate',
      '27 comparisons[1].experiment',
      '29 thresholds[0].comparison',
    ]);
    const message = (key: string) => problems.find((problem) => problem.key === key)?.message;
    expect(message('experiments[0].profiles[1]')).toBe(
      'expected a profile of this suite ("baseline", "istio-sidecar", "knative-kourier"); got "istio-ambient"',
    );
    expect(message('experiments[1].name')).toContain('duplicate experiment name "latency"');
    // A plain Deployment profile may be named: the harness scales it 0 → 1 (no grace period applies).
    expect(message('experiments[2].profiles[0]')).toBeUndefined();
    // knative-kourier's own grace period (6s) applies: the suite sets no gracePeriod.
    expect(message('experiments[2].idle')).toBe(
      'expected at least the scale-to-zero grace period, 6s (profile "knative-kourier"), or the service is not at zero yet; got 3s',
    );
    expect(message('comparisons[0].candidate')).toBe('expected a profile other than the baseline; got "istio-sidecar" for both');
    expect(message('comparisons[1].experiment')).toBe('expected a load experiment; got "cold", a cold-start experiment');
    expect(message('thresholds[0].comparison')).toContain('got "sidecar tax"');
  });

  it('refuse a cold-start experiment that names no profile when the suite has no Knative profile', async () => {
    expect(await problemsOf(`${FIXTURES}/cold-start-without-knative.yaml`)).toEqual([
      expect.objectContaining({ line: 7, column: 5, key: 'experiments[0]', message: expect.stringContaining('got none (name Deployment profiles in `profiles`') }),
    ]);
  });

  it('accept a cold-start experiment on a Deployment profile it names, with any idle', async () => {
    const suite = await loadSuite(`${FIXTURES}/cold-start-on-deployment.yaml`);
    expect(suite.experiments[0]).toMatchObject({ type: 'cold-start', profiles: ['baseline'], idle: 1_000, warmBaseline: true, burst: 2 });
  });
});
