import { describe, expect, it } from 'vitest';
import { CURVE_QUANTILES, distributionChart, distributionCurves, percentileCurve } from '../../src/report/distribution-chart.ts';
import { renderSvg } from '../../src/report/svg.ts';
import { createHistogram, encodeHistogram, recordMicros } from '../../src/results/histogram.ts';
import type { LoadCellResult } from '../../src/results/types.ts';
import { seededRandom } from '../../src/seeded-random.ts';
import { fixtureRun } from './fixtures.ts';

/** `count` latencies of 1 ms, and 1 in 1000 of them `tailMs` instead. */
function histogram(count: number, tailMs: number): string {
  const h = createHistogram();
  for (let i = 0; i < count; i++) recordMicros(h, i % 1000 === 999 ? tailMs * 1000 : 1000);
  return encodeHistogram(h);
}

/** The fixture's 100 rps load cells, with histograms given per profile. */
function withHistograms(byProfile: Record<string, string | ((repetition: number) => string)>) {
  const run = fixtureRun();
  const results = run.results.flatMap((r) => {
    if (r.cell.type !== 'load' || r.cell.rate !== 100 || !(r.cell.profile in byProfile)) return [];
    const given = byProfile[r.cell.profile]!;
    return [{ ...(r as LoadCellResult), histogram: typeof given === 'string' ? given : given(r.cell.repetition) }];
  });
  return { ...run, results };
}

const at = (values: { profile: string; percentile: number; ms: number }[], profile: string, percentile: number) =>
  values.filter((v) => v.profile === profile && v.percentile >= percentile).sort((a, b) => a.percentile - b.percentile)[0]?.ms;

describe('latency distribution from the stored histograms', () => {
  it('shows the heavier tail as a higher p99.9 on its curve, the bodies alike', () => {
    const { results } = withHistograms({ baseline: histogram(10_000, 5), 'istio-sidecar': histogram(10_000, 50) });
    const { values } = distributionCurves(results);
    expect(at(values, 'baseline', 50)).toBeCloseTo(1, 2);
    expect(at(values, 'istio-sidecar', 50)).toBeCloseTo(1, 2);
    expect(at(values, 'baseline', 99.95)).toBeCloseTo(5, 1);
    expect(at(values, 'istio-sidecar', 99.95)).toBeCloseTo(50, 0);
  });

  it('merges the repetitions of a profile at a point: the tail of one repetition is the tail of all requests', () => {
    // Repetition 1 has no tail, repetition 2 a 1-in-1000 tail of 40 ms: merged, 1 in 2000 requests is slow.
    const { results } = withHistograms({ baseline: (rep) => (rep === 1 ? histogram(10_000, 1) : histogram(10_000, 40)) });
    const { values } = distributionCurves(results);
    expect(at(values, 'baseline', 99.9)).toBeCloseTo(1, 2);
    expect(at(values, 'baseline', 99.96)).toBeCloseTo(40, 0);
  });

  it('samples a bounded number of quantiles whatever the sample count', () => {
    const random = seededRandom(7);
    for (const count of [10, 1_000, 1_000_000]) {
      const h = createHistogram();
      for (let i = 0; i < count; i++) recordMicros(h, 1000 + 9000 * random());
      const curve = percentileCurve(h);
      expect(curve.length).toBeLessThanOrEqual(CURVE_QUANTILES);
      // It stops where the histogram stops holding samples beyond the quantile: 1/(1−q) ≤ count.
      expect(Math.max(...curve.map((p) => p.x))).toBeCloseTo(count, 3);
      expect(curve.map((p) => p.ms)).toEqual([...curve.map((p) => p.ms)].sort((a, b) => a - b));
    }
  });

  it('renders one line per profile in the profile colours; an unreadable histogram is left out and said', async () => {
    const { record, results } = withHistograms({ baseline: histogram(2_000, 5), 'istio-sidecar': 'HISTFAAAAnot-a-histogram' });
    const chart = distributionChart(record, results);
    if (!('spec' in chart)) throw new Error('expected a chart');
    expect(chart.caption).toContain('2 repetition(s) had an unreadable histogram');
    const svg = await renderSvg(chart.spec);
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('stroke="#0072B2"');
    expect(svg.match(/aria-roledescription="line mark"/g)).toHaveLength(1);
    expect(svg).not.toContain('stroke="#D55E00"');
  });

  it('is omitted when no load cell has a histogram', () => {
    const { record, results } = fixtureRun();
    expect(distributionChart(record, results.filter((r) => r.cell.type !== 'load'))).toMatchObject({ omitted: expect.stringContaining('histogram') });
  });
});
