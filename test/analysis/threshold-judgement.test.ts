import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/compare.ts';
import { suiteOf } from '../plan/suite-of.ts';
import { resultsOf } from './results-of.ts';

const suiteWith = (max: string, metric = 'p50') =>
  suiteOf({
    profiles: ['baseline', 'istio-sidecar'],
    experiments: [{ name: 'latency', type: 'load', rates: [100, 500], duration: '3s', repetitions: 3 }],
    comparisons: [{ name: 'sidecar tax', baseline: 'baseline', candidate: 'istio-sidecar' }],
    thresholds: [{ comparison: 'sidecar tax', metric, max }],
  });

// +1ms at 100 rps, +4ms at 500 rps, consistently: the worst delta is 4ms.
const results = [
  ...resultsOf({ profile: 'baseline', rate: 100, p50: [1, 1.1, 0.9] }),
  ...resultsOf({ profile: 'istio-sidecar', rate: 100, p50: [2, 2.1, 1.9] }),
  ...resultsOf({ profile: 'baseline', rate: 500, p50: [2, 2.1, 1.9] }),
  ...resultsOf({ profile: 'istio-sidecar', rate: 500, p50: [6, 6.1, 5.9] }),
];

describe('threshold judgement', () => {
  it('passes when the worst delta is within the limit', () => {
    const [threshold] = analyse(suiteWith('5ms'), results).thresholds;
    expect(threshold).toMatchObject({ comparison: 'sidecar tax', metric: 'p50', maxMs: 5, passed: true });
    expect(threshold!.worstDeltaMs).toBeCloseTo(4);
    expect(threshold!.reason).toContain('rate=500,c=8');
  });

  it('fails when a measurable delta exceeds the limit', () => {
    const [threshold] = analyse(suiteWith('3ms'), results).thresholds;
    expect(threshold).toMatchObject({ passed: false });
    expect(threshold!.reason).toMatch(/^p50 \+4ms at latency rate=500,c=8 exceeds max 3ms \(95% CI/);
  });

  it('passes a delta over the limit whose interval contains 0', () => {
    const noisy = [
      ...resultsOf({ profile: 'baseline', rate: 100, p50: [1, 9, 2] }),
      ...resultsOf({ profile: 'istio-sidecar', rate: 100, p50: [10, 1, 8] }),
    ];
    const analysis = analyse(suiteWith('3ms'), noisy);
    expect(analysis.comparisons[0]).toMatchObject({ deltaMs: 6, verdict: 'no measurable difference' });
    expect(analysis.thresholds[0]).toMatchObject({ passed: true, worstDeltaMs: 6 });
    expect(analysis.thresholds[0]!.reason).toContain('no measurable difference');
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
