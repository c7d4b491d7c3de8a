// Rebuilding latency from k6 summaries (src/drivers/k6/summary-quantiles.ts), against the exact
// order statistics of seeded samples summarised the way k6's Trend sink does (interpolating
// between sorted values: grafana/k6 metrics/sink.go), at the quantile grid the real script asks
// for. Pure and seeded.
import { beforeAll, describe, expect, it } from 'vitest';
import { k6Env } from '../../../src/drivers/k6/params.ts';
import { histogramOfRunners, orderStatistics } from '../../../src/drivers/k6/summary-quantiles.ts';
import type { SummarisedLatency } from '../../../src/drivers/k6/summary-measure.ts';
import { seededRandom } from '../../../src/seeded-random.ts';
import { importK6Script } from '../../fakes/k6/run.ts';
import { loadCell, workload } from '../k6-support.ts';

let grid: number[];
beforeAll(async () => {
  const script = await importK6Script(k6Env({ cell: loadCell(), targetUrl: 'http://echo/', workload }));
  grid = script.options.summaryTrendStats!.filter((s) => s.startsWith('p(')).map((s) => Number(s.slice(2, -1)) / 100);
});

/** k6's P(q) over sorted values, then the summary as the script writes it (rounded to 1 ns). */
function summarise(sorted: readonly number[]): SummarisedLatency {
  const n = sorted.length;
  const p = (q: number): number => {
    const i = q * (n - 1);
    const lo = sorted[Math.floor(i)]!;
    return lo + (sorted[Math.ceil(i)]! - lo) * (i - Math.floor(i));
  };
  return { count: n, min: sorted[0]!, max: sorted[n - 1]!, quantiles: grid.map((q) => [q, Math.round(p(q) * 1e6) / 1e6]) };
}

/** Heavy-tailed latencies: lognormal around a median, plus a share of slow requests. */
function latencies(random: () => number, n: number, shape: { median: number; sigma: number; slow: number }): number[] {
  const values: number[] = [];
  for (let k = 0; k < n; k++) {
    const gauss = Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
    let value = shape.median * Math.exp(shape.sigma * gauss);
    if (random() < shape.slow) value += 20 + 180 * random();
    values.push(value);
  }
  return values.sort((a, b) => a - b);
}

const nearestRank = (sorted: readonly number[], q: number): number => Math.max(0, Math.ceil(q * sorted.length) - 1);

describe('merging runner summaries by count', () => {
  it('gives each percentile within 1 % of the exact one, or within one rank where neighbours are further apart, over 150 seeded cells', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 150; trial++) {
      const runners = 1 + Math.floor(random() * 4);
      const total = Math.floor(Math.exp(Math.log(200) + random() * Math.log(500))); // 200 … 100 000
      const shape = { median: 0.5 + random() * 20, sigma: 0.2 + random() * 0.8, slow: random() * 0.03 };
      const parts = Array.from({ length: runners }, () => latencies(random, Math.max(1, Math.floor(total / runners)), shape));
      const all = parts.flat().sort((a, b) => a - b);
      const histogram = histogramOfRunners(parts.map(summarise));
      expect(histogram.totalCount).toBe(all.length);
      for (const q of [0.5, 0.9, 0.99, 0.999]) {
        const rank = nearestRank(all, q);
        const got = histogram.getValueAtPercentile(q * 100) / 1000;
        const exact = all[rank]!;
        // HDR's 3 significant digits widen the one-rank interval by 0.1 % on either side.
        const withinRank = got >= all[Math.max(0, rank - 1)]! * 0.999 && got <= all[Math.min(all.length - 1, rank + 1)]! * 1.001;
        const within1Percent = Math.abs(got - exact) / exact <= 0.01;
        expect(withinRank || within1Percent, `trial ${trial}: p${q * 100} of ${all.length} over ${runners} runners: ${got} vs exact ${exact}`).toBe(true);
      }
    }
  });

  it('rebuilds the tail order statistics of a small cell exactly, a gap between modes included', () => {
    const random = seededRandom(3);
    for (const n of [2, 5, 50, 400, 2000]) {
      const sorted = latencies(random, n, { median: 2, sigma: 0.3, slow: 0.05 });
      const rebuilt = orderStatistics(summarise(sorted));
      for (let rank = Math.floor(0.99 * (n - 1)); rank < n; rank++) expect(rebuilt[rank]).toBeCloseTo(sorted[rank]!, 5);
    }
  });

  it('weighs runners by their counts, where averaging their percentiles is far off', () => {
    const random = seededRandom(5);
    // One runner served 9000 fast requests, the other 1000 slow ones.
    const fast = latencies(random, 9000, { median: 1, sigma: 0.2, slow: 0 });
    const slow = latencies(random, 1000, { median: 50, sigma: 0.2, slow: 0 });
    const all = [...fast, ...slow].sort((a, b) => a - b);
    const exact = all[nearestRank(all, 0.5)]!;
    const merged = histogramOfRunners([summarise(fast), summarise(slow)]).getValueAtPercentile(50) / 1000;
    const averaged = (summarise(fast).quantiles.find(([q]) => q === 0.5)![1] + summarise(slow).quantiles.find(([q]) => q === 0.5)![1]) / 2;
    expect(Math.abs(merged - exact) / exact).toBeLessThan(0.002);
    expect(Math.abs(averaged - exact) / exact).toBeGreaterThan(10);
  });
});
