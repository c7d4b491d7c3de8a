// One latency histogram from the summaries of one or more k6 runners, merged by count. Pure.
//
// Written by hand because no library rebuilds a distribution from k6's summary. k6's Trend sink
// keeps every value and reports P(q) by linear interpolation between the sorted values at rank
// i = q × (count − 1) (grafana/k6 metrics/sink.go): P(q) = (1 − f)·x[a] + f·x[a+1] with a = ⌊i⌋,
// f = i − a. So each summarised quantile is a linear equation in two neighbouring order statistics,
// and a runner's order statistics x[0] … x[count−1] are rebuilt as:
// - exactly, where the equations pin them: min and max; a quantile that falls on a rank; two
//   quantiles between the same two ranks; a pinned neighbour plus one quantile (small cells, and
//   the tail of every cell, where the grid is denser than the ranks);
// - elsewhere, by linear interpolation through the summarised points (large cells, where ranks are
//   denser than the grid and neighbours differ by little).
// Every runner's rebuilt values go into ONE HDR histogram: runners weigh by how many requests they
// served, and no percentile is ever averaged. The tests hold the rebuilt p50 … p99.9 within 1 % of
// the exact percentiles of the samples (within 0.5 % in practice) on top of HDR's own 0.1 %.
import { createHistogram, recordMicros, type Histogram } from '../../results/histogram.ts';
import type { SummarisedLatency } from './summary-measure.ts';

export function histogramOfRunners(runners: readonly SummarisedLatency[]): Histogram {
  const histogram = createHistogram();
  for (const runner of runners) for (const value of orderStatistics(runner)) recordMicros(histogram, value * 1000);
  return histogram;
}

// f this close to 0 or 1 means the quantile sits on a rank.
const ON_RANK = 1e-9;
// Solving through a small f divides rounding errors by it; 0.2 keeps them under 5× (at 1 ns rounding).
const SOLVABLE = 0.2;

interface Equation {
  /** Rank position q × (count − 1). */
  i: number;
  a: number;
  f: number;
  value: number;
}

/** A runner's rebuilt order statistics, ascending, in milliseconds. */
export function orderStatistics({ count, min, max, quantiles }: SummarisedLatency): Float64Array {
  const out = new Float64Array(count);
  if (count === 0) return out;
  if (count === 1) {
    out[0] = min;
    return out;
  }
  const exact = new Map<number, number>([[0, min], [count - 1, max]]);
  const equations: Equation[] = quantiles.map(([q, value]) => {
    const i = q * (count - 1);
    const a = Math.floor(i);
    return { i, a, f: i - a, value };
  });
  const between: Equation[] = [];
  for (const e of equations) {
    if (e.f < ON_RANK) exact.set(e.a, e.value);
    else if (1 - e.f < ON_RANK) exact.set(e.a + 1, e.value);
    else between.push(e);
  }
  // Two quantiles between the same ranks a and a + 1: two equations, two unknowns.
  for (let k = 0; k + 1 < between.length; k++) {
    const lo = between[k]!;
    let hi = lo;
    while (k + 1 < between.length && between[k + 1]!.a === lo.a) hi = between[++k]!;
    if (hi.f - lo.f < SOLVABLE) continue;
    const step = (hi.value - lo.value) / (hi.f - lo.f);
    if (!exact.has(lo.a)) exact.set(lo.a, lo.value - lo.f * step);
    if (!exact.has(lo.a + 1)) exact.set(lo.a + 1, lo.value - lo.f * step + step);
  }
  // A pinned neighbour and one quantile give the other neighbour. One hop only: a value solved
  // from a solved value would carry the first one's rounding error, amplified again.
  const pinned = new Map(exact);
  for (const e of between) {
    const left = pinned.get(e.a);
    const right = pinned.get(e.a + 1);
    if (left !== undefined && right === undefined && e.f >= SOLVABLE && !exact.has(e.a + 1)) exact.set(e.a + 1, Math.max(e.value, left + (e.value - left) / e.f));
    else if (right !== undefined && left === undefined && 1 - e.f >= SOLVABLE && !exact.has(e.a)) exact.set(e.a, Math.min(e.value, (e.value - e.f * right) / (1 - e.f)));
  }
  // Everything known, by rank position, to interpolate the rest through.
  const points = [...between.map((e): [number, number] => [e.i, e.value]), ...exact].sort((x, y) => x[0] - y[0]);
  let segment = 0;
  for (let rank = 0; rank < count; rank++) {
    const known = exact.get(rank);
    if (known !== undefined) {
      out[rank] = known;
      continue;
    }
    while (segment < points.length - 2 && points[segment + 1]![0] < rank) segment++;
    const [r0, v0] = points[segment]!;
    const [r1, v1] = points[segment + 1]!;
    out[rank] = r1 === r0 ? v1 : v0 + ((v1 - v0) * (rank - r0)) / (r1 - r0);
  }
  return out;
}
