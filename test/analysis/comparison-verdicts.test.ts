import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/compare.ts';
import { suiteOf } from '../plan/suite-of.ts';
import { resultsOf } from './results-of.ts';

const suite = suiteOf({
  profiles: ['baseline', 'istio-sidecar'],
  experiments: [{ name: 'latency', type: 'load', rates: [100], connections: [8], duration: '3s', repetitions: 5 }],
  comparisons: [{ name: 'sidecar tax', baseline: 'baseline', candidate: 'istio-sidecar' }],
});
const noisy = [1.02, 0.97, 1.1, 0.95, 1.04];

describe('comparison verdicts', () => {
  it('calls a consistent +3ms on every repetition slower, with an interval around 3ms', () => {
    const results = [
      ...resultsOf({ profile: 'baseline', p50: noisy }),
      ...resultsOf({ profile: 'istio-sidecar', p50: noisy.map((value) => value + 3) }),
    ];
    const p50 = analyse(suite, results).comparisons.find((row) => row.metric === 'p50')!;
    expect(p50).toMatchObject({ comparison: 'sidecar tax', experiment: 'latency', rate: 100, connections: 8, verdict: 'slower' });
    expect(p50.baselineMs).toBeCloseTo(1.02);
    expect(p50.deltaMs).toBeCloseTo(3);
    expect(p50.ci!.low).toBeGreaterThan(2.8);
    expect(p50.ci!.high).toBeLessThan(3.2);
    expect(p50.repetitions).toEqual({ baseline: 5, candidate: 5 });
  });

  it('gives no verdict on a percentile with fewer than 5 samples beyond it in a repetition', () => {
    // 900 requests: 9 lie beyond p99 (judged), 0.9 beyond p99.9 (that is just the maximum).
    const results = [
      ...resultsOf({ profile: 'baseline', p50: noisy, requests: 900 }),
      ...resultsOf({ profile: 'istio-sidecar', p50: noisy.map((value) => value + 3), requests: 900 }),
    ];
    const verdicts = Object.fromEntries(analyse(suite, results).comparisons.map((row) => [row.metric, row.verdict]));
    expect(verdicts).toEqual({ p50: 'slower', p90: 'slower', p99: 'slower', p999: 'insufficient data' });
  });

  it('leaves driver-saturated cells out: their latencies describe the load generator too', () => {
    const candidate = resultsOf({ profile: 'istio-sidecar', p50: noisy.map((value) => value + 3) });
    candidate[0] = { ...candidate[0]!, saturated: true, saturationReason: 'send lag p99 12 ms > 10 ms' };
    const p50 = analyse(suite, [...resultsOf({ profile: 'baseline', p50: noisy }), ...candidate]).comparisons.find((row) => row.metric === 'p50')!;
    expect(p50.repetitions).toEqual({ baseline: 5, candidate: 4 });
  });

  it('reports identical noisy data as no measurable difference', () => {
    const results = [...resultsOf({ profile: 'baseline', p50: noisy }), ...resultsOf({ profile: 'istio-sidecar', p50: noisy.toReversed() })];
    const rows = analyse(suite, results).comparisons;
    expect(rows.map((row) => row.metric)).toEqual(['p50', 'p90', 'p99', 'p999']);
    for (const row of rows) {
      expect(row.verdict).toBe('no measurable difference');
      expect(row.ci!.low).toBeLessThanOrEqual(0);
      expect(row.ci!.high).toBeGreaterThanOrEqual(0);
    }
  });

  it('calls a clear speed-up faster', () => {
    const results = [
      ...resultsOf({ profile: 'baseline', p50: noisy.map((value) => value + 2) }),
      ...resultsOf({ profile: 'istio-sidecar', p50: noisy }),
    ];
    expect(analyse(suite, results).comparisons[0]!.verdict).toBe('faster');
  });

  it('gives the shift but no interval from 3 against 4 repetitions (C(7, 3) = 35 < 40), and one from 3 against 5', () => {
    const baseline = resultsOf({ profile: 'baseline', p50: [1, 1.1, 0.9] });
    const fewer = analyse(suite, [...baseline, ...resultsOf({ profile: 'istio-sidecar', p50: [4, 4.2, 4.1, 3.9] })]).comparisons[0]!;
    expect(fewer).toMatchObject({ verdict: 'insufficient repetitions', ci: undefined, repetitions: { baseline: 3, candidate: 4 } });
    expect(fewer.deltaMs).toBeCloseTo(3.05);
    const enough = analyse(suite, [...baseline, ...resultsOf({ profile: 'istio-sidecar', p50: [4, 4.2, 4.1, 3.9, 4] })]).comparisons[0]!;
    expect(enough).toMatchObject({ verdict: 'slower', repetitions: { baseline: 3, candidate: 5 } });
  });

  it('reports the Hodges–Lehmann shift, inside its interval even where the medians differ by more', () => {
    // Medians 2.5 and 4 differ by 1.5, but the median of the 16 pairwise differences is 0.
    const results = [
      ...resultsOf({ profile: 'baseline', p50: [6, 1, 1, 4] }),
      ...resultsOf({ profile: 'istio-sidecar', p50: [4, 5, 1, 4] }),
    ];
    const p50 = analyse(suite, results).comparisons[0]!;
    expect([p50.baselineMs, p50.candidateMs]).toEqual([2.5, 4]);
    expect(p50.deltaMs).toBe(0);
    expect(p50.ci).toEqual({ low: -5, high: 4 });
  });

  it('is reproducible: the same results give the same intervals', () => {
    const results = [
      ...resultsOf({ profile: 'baseline', p50: noisy }),
      ...resultsOf({ profile: 'istio-sidecar', p50: [1.5, 0.9, 2.2, 1.1, 1.3] }),
    ];
    expect(analyse(suite, results)).toEqual(analyse(suite, results));
  });

  it('leaves out errored and empty cells, and points measured on one side only', () => {
    const results = [
      ...resultsOf({ profile: 'baseline', p50: [1, 1.1] }),
      ...resultsOf({ profile: 'baseline', p50: [50], status: 'errored' }),
      ...resultsOf({ profile: 'istio-sidecar', p50: [2, 2.1] }),
      ...resultsOf({ profile: 'istio-sidecar', p50: [60], status: 'partial', requests: 0 }),
      ...resultsOf({ profile: 'istio-sidecar', p50: [2], rate: 500 }),
    ];
    const rows = analyse(suite, results).comparisons;
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ rate: 100, repetitions: { baseline: 2, candidate: 2 } });
    expect(rows[0]!.deltaMs).toBeCloseTo(1);
  });
});
