import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/compare.ts';
import { suiteOf } from '../plan/suite-of.ts';
import { resultsOf, usage } from './results-of.ts';

describe('Knative overheads', () => {
  it('gives queue-proxy and activator CPU per 1000 requests without any comparison', () => {
    // Six repetitions: the sign-test interval of one profile's median needs 6 (2 · 2⁻⁶ ≤ 5%).
    const suite = suiteOf({
      profiles: ['knative'],
      experiments: [{ name: 'latency', type: 'load', rates: [100, 500], connections: [8], duration: '3s', repetitions: 6 }],
    });
    const at = (rate: number, scale: number) =>
      resultsOf({
        profile: 'knative',
        rate,
        p50: [1, 1, 1, 1, 1, 1],
        // Two pods' queue-proxies per repetition: their costs add up.
        resources: [0, 0.01, -0.01, 0.005, -0.005, 0].map((n) => [
          usage('user-container', 0.3),
          usage('queue-proxy', (0.05 + n) * scale),
          usage('queue-proxy', 0.07 * scale),
          usage('activator', (0.02 + n) * scale),
        ]),
      });
    const rows = analyse(suite, [...at(500, 2), ...at(100, 1)]).overheads;
    expect(rows.map((r) => [r.rate, r.component, r.topic, r.measure])).toEqual([
      [100, 'queue-proxy', 'Knative', 'cpu-seconds-per-1000-requests'],
      [100, 'activator', 'Knative', 'cpu-seconds-per-1000-requests'],
      [500, 'queue-proxy', 'Knative', 'cpu-seconds-per-1000-requests'],
      [500, 'activator', 'Knative', 'cpu-seconds-per-1000-requests'],
    ]);
    expect(rows.map((r) => r.candidateValue)).toEqual([expect.closeTo(0.12), expect.closeTo(0.02), expect.closeTo(0.24), expect.closeTo(0.04)]);
    expect(rows.every((r) => r.baseline === undefined && r.verdict === 'more' && r.repetitions.candidate === 6)).toBe(true);
    expect(rows[0]!.ci!.low).toBeLessThan(0.12);
    expect(rows[0]!.ci!.high).toBeGreaterThan(0.12);
  });

  it('says an activator idle at zero CPU has no measurable cost rather than a cost of zero', () => {
    const suite = suiteOf({
      profiles: ['knative'],
      experiments: [{ name: 'latency', type: 'load', rates: [100], connections: [8], duration: '3s', repetitions: 6 }],
    });
    const results = resultsOf({ profile: 'knative', p50: [1, 1, 1, 1, 1, 1], resources: [0, 0, 0, 0, 0, 0].map((cpu) => [usage('queue-proxy', 0.1), usage('activator', cpu)]) });
    const activator = analyse(suite, results).overheads.find((r) => r.component === 'activator')!;
    expect(activator.verdict).toBe('no measurable difference');
  });

  it('gives no verdict on one profile from 5 repetitions, too few for the sign-test interval', () => {
    const suite = suiteOf({
      profiles: ['knative'],
      experiments: [{ name: 'latency', type: 'load', rates: [100], connections: [8], duration: '3s', repetitions: 5 }],
    });
    const results = resultsOf({ profile: 'knative', p50: [1, 1, 1, 1, 1], resources: [1, 2, 3, 4, 5].map((n) => [usage('queue-proxy', 0.1 * n), usage('activator', 0.1)]) });
    const queueProxy = analyse(suite, results).overheads.find((r) => r.component === 'queue-proxy')!;
    expect(queueProxy).toMatchObject({ verdict: 'insufficient repetitions', ci: undefined, delta: expect.closeTo(0.3) });
  });
});
