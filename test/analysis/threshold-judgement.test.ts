// A threshold fails only where the delta is measurably over its max (the whole 95% interval above
// it), and a row that cannot reach an interval cannot pass it.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/compare.ts';
import { suiteOf } from '../plan/suite-of.ts';
import { resultsOf } from './results-of.ts';

const suiteWith = (max: string, metric = 'p50') =>
  suiteOf({
    profiles: ['baseline', 'istio-sidecar'],
    experiments: [{ name: 'latency', type: 'load', rates: [100, 500], duration: '3s', repetitions: 4 }],
    comparisons: [{ name: 'sidecar tax', baseline: 'baseline', candidate: 'istio-sidecar' }],
    thresholds: [{ comparison: 'sidecar tax', metric, max }],
  });

// +1ms at 100 rps, +4ms at 500 rps, consistently: the worst delta is 4ms, its interval +3.8 … +4.2ms.
const results = [
  ...resultsOf({ profile: 'baseline', rate: 100, p50: [1, 1.1, 0.9, 1] }),
  ...resultsOf({ profile: 'istio-sidecar', rate: 100, p50: [2, 2.1, 1.9, 2] }),
  ...resultsOf({ profile: 'baseline', rate: 500, p50: [2, 2.1, 1.9, 2] }),
  ...resultsOf({ profile: 'istio-sidecar', rate: 500, p50: [6, 6.1, 5.9, 6] }),
];

describe('threshold judgement', () => {
  it('passes when the worst delta is within the limit', () => {
    const [threshold] = analyse(suiteWith('5ms'), results).thresholds;
    expect(threshold).toMatchObject({ comparison: 'sidecar tax', metric: 'p50', maxMs: 5, passed: true });
    expect(threshold!.worstDeltaMs).toBeCloseTo(4);
    expect(threshold!.reason).toMatch(/^worst p50 \+4ms at latency rate=500,c=8 is within max 5ms \(95% CI \+3\.8ms to \+4\.2ms\)$/);
  });

  it('fails when the whole interval lies above the limit', () => {
    const [threshold] = analyse(suiteWith('3ms'), results).thresholds;
    expect(threshold).toMatchObject({ passed: false });
    expect(threshold!.reason).toBe('p50 +4ms at latency rate=500,c=8 exceeds max 3ms measurably (95% CI +3.8ms to +4.2ms)');
  });

  it('passes a point delta over the limit whose interval reaches down to it: over, but not measurably', () => {
    // Shift +4ms, interval +3.8 … +4.2ms: over 3.9ms at the point, not over it as a whole.
    const analysis = analyse(suiteWith('3.9ms'), results);
    expect(analysis.thresholds[0]).toMatchObject({ passed: true });
    expect(analysis.thresholds[0]!.reason).toBe('p50 +4ms at latency rate=500,c=8 is over max 3.9ms but not measurably (95% CI +3.8ms to +4.2ms)');
  });

  it('passes a delta over the limit whose interval contains 0', () => {
    const noisy = [
      ...resultsOf({ profile: 'baseline', rate: 100, p50: [1, 9, 2, 3] }),
      ...resultsOf({ profile: 'istio-sidecar', rate: 100, p50: [10, 1, 8, 12] }),
    ];
    const analysis = analyse(suiteWith('3ms'), noisy);
    expect(analysis.comparisons[0]).toMatchObject({ deltaMs: 5.5, verdict: 'no measurable difference' });
    expect(analysis.thresholds[0]).toMatchObject({ passed: true, worstDeltaMs: 5.5 });
    expect(analysis.thresholds[0]!.reason).toContain('but not measurably (95% CI −');
  });

  it('fails a row that cannot reach an interval, naming it, even when its delta is small', () => {
    // Two of the candidate's repetitions errored at 500 rps: 4 against 2 (C(6,2) = 15 < 40).
    const errored = [
      ...results.slice(0, 12),
      ...resultsOf({ profile: 'istio-sidecar', rate: 500, p50: [2, 2.1, 1.9, 2] }).map((result, index) =>
        index < 2 ? { ...result, status: 'errored' as const } : result,
      ),
    ];
    const analysis = analyse(suiteWith('5ms'), errored);
    const row = analysis.comparisons.find((c) => c.rate === 500 && c.metric === 'p50')!;
    expect(row).toMatchObject({ verdict: 'insufficient repetitions', ci: undefined, repetitions: { baseline: 4, candidate: 2 } });
    expect(analysis.thresholds[0]).toMatchObject({ passed: false });
    expect(analysis.thresholds[0]!.reason).toBe(
      'p50 at latency rate=500,c=8 cannot be judged against max 5ms: insufficient repetitions (4 vs 2 repetitions)',
    );
  });

  it('judges max and mean too, which comparisons do not report by default', () => {
    const analysis = analyse(suiteWith('10ms', 'max'), results);
    expect(analysis.thresholds[0]).toMatchObject({ metric: 'max', passed: false });
    expect(analysis.thresholds[0]!.worstDeltaMs).toBeCloseTo(20);
  });

  it('fails with "nothing to compare" when nothing was measured', () => {
    expect(analyse(suiteWith('5ms'), []).thresholds).toEqual([
      { comparison: 'sidecar tax', metric: 'p50', maxMs: 5, worstDeltaMs: undefined, passed: false, reason: 'nothing to compare' },
    ]);
  });
});
