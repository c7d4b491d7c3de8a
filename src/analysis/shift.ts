// The shift between two samples (candidate − baseline) with a distribution-free confidence
// interval: the Hodges–Lehmann estimate (median of all pairwise differences) and its exact
// Mann–Whitney interval (Lehmann, "Nonparametrics", 1975, ch. 2; Hollander & Wolfe ch. 4.3).
// Written here because simple-statistics has the U statistic but neither the exact null
// distribution nor the interval. Its coverage holds for any continuous distribution, heavy tails
// and spikes included, as long as the two sides differ by a shift; it needs no resampling, so it
// is exact, deterministic and fast. Pure.
import { errorFunction, medianSorted } from 'simple-statistics';

/** Above this many pairs the null distribution of U is taken as normal (its exact table would be large). */
const EXACT_PAIRS_LIMIT = 2500;

export interface Shift {
  /** Hodges–Lehmann estimate of candidate − baseline. */
  shift: number;
  /** The interval at `confidence`; undefined when the sample sizes cannot reach it. */
  ci: { low: number; high: number } | undefined;
  /** The interval's exact coverage (≥ the confidence asked for), undefined without an interval. */
  coverage: number | undefined;
}

/** Hodges–Lehmann shift of candidate over baseline, with its exact Mann–Whitney interval. */
export function shiftInterval(baseline: readonly number[], candidate: readonly number[], confidence = 0.95): Shift {
  const differences = sortedDifferences(baseline, candidate);
  const shift = medianOfSorted(differences);
  const k = criticalRank(baseline.length, candidate.length, confidence);
  if (k === undefined) return { shift, ci: undefined, coverage: undefined };
  const { rank, tail } = k;
  return { shift, ci: { low: differences[rank - 1]!, high: differences[differences.length - rank]! }, coverage: 1 - 2 * tail };
}

/** The Hodges–Lehmann estimate alone, for callers that need many estimates and no interval. */
export function hodgesLehmann(baseline: readonly number[], candidate: readonly number[]): number {
  return medianOfSorted(sortedDifferences(baseline, candidate));
}

/** All m × n differences, ascending: a typed array sorts numerically and several times faster. */
function sortedDifferences(baseline: readonly number[], candidate: readonly number[]): Float64Array {
  if (baseline.length === 0 || candidate.length === 0) throw new RangeError('a Hodges–Lehmann shift needs values on both sides');
  const differences = new Float64Array(candidate.length * baseline.length);
  let i = 0;
  for (const c of candidate) for (const b of baseline) differences[i++] = c - b;
  return differences.sort();
}

function medianOfSorted(sorted: Float64Array): number {
  const n = sorted.length;
  return (sorted[(n - 1) >> 1]! + sorted[n >> 1]!) / 2;
}

/** Whether m against n values can give an interval at `confidence` at all: C(m+n, m) ≥ 2 / (1 − confidence). */
export function canReachVerdict(m: number, n: number, confidence = 0.95): boolean {
  return m > 0 && n > 0 && criticalRank(m, n, confidence) !== undefined;
}

/** The fewest repetitions per side (equal on both) that can give an interval at `confidence`. */
export function minimumRepetitions(confidence = 0.95): number {
  let n = 1;
  while (!canReachVerdict(n, n, confidence)) n++;
  return n;
}

/**
 * The largest rank k with P(U ≤ k − 1) ≤ (1 − confidence) / 2 under the null, and that tail
 * probability; the interval is then [D(k), D(mn − k + 1)] of the sorted pairwise differences.
 */
function criticalRank(m: number, n: number, confidence: number): { rank: number; tail: number } | undefined {
  const alpha = (1 - confidence) / 2;
  const cdf = m * n <= EXACT_PAIRS_LIMIT ? exactCdf(m, n) : normalCdf(m, n);
  let rank = 0;
  while (rank < (m * n) / 2 && cdf(rank) <= alpha) rank++;
  return rank === 0 ? undefined : { rank, tail: cdf(rank - 1) };
}

/**
 * Null distributions already built, by sizes: `trend` asks for the same sizes for every series
 * and every run it judges, and building one costs O(m² n²). Bounded, as sizes can be many.
 */
const exactCdfs = new Map<string, (u: number) => number>();
const EXACT_CDFS_KEPT = 256;

function exactCdf(m: number, n: number): (u: number) => number {
  const key = `${m},${n}`;
  let cdf = exactCdfs.get(key);
  if (cdf === undefined) {
    if (exactCdfs.size >= EXACT_CDFS_KEPT) exactCdfs.clear();
    cdf = buildExactCdf(m, n);
    exactCdfs.set(key, cdf);
  }
  return cdf;
}

/** P(U ≤ u) for sample sizes m and n, from the count of rank arrangements per U (no ties). */
function buildExactCdf(m: number, n: number): (u: number) => number {
  // counts[j][u]: arrangements of i values against j others with U = u, built up over i.
  // Recurrence f(u; i, j) = f(u − j; i − 1, j) + f(u; i, j − 1) (Mann & Whitney 1947).
  let previous: number[][] = Array.from({ length: n + 1 }, () => [1]);
  for (let i = 1; i <= m; i++) {
    const current: number[][] = [[1]];
    for (let j = 1; j <= n; j++) {
      const row = new Array<number>(i * j + 1).fill(0);
      const left = previous[j]!;
      const down = current[j - 1]!;
      for (let u = 0; u < row.length; u++) row[u] = (u - j >= 0 ? (left[u - j] ?? 0) : 0) + (down[u] ?? 0);
      current.push(row);
    }
    previous = current;
  }
  const counts = previous[n]!;
  const total = counts.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const count of counts) cumulative.push((sum += count) / total);
  return (u) => (u < 0 ? 0 : cumulative[Math.min(u, cumulative.length - 1)]!);
}

/** Normal approximation with continuity correction, for large samples. */
function normalCdf(m: number, n: number): (u: number) => number {
  const mean = (m * n) / 2;
  const sd = Math.sqrt((m * n * (m + n + 1)) / 12);
  return (u) => (1 + errorFunction((u + 0.5 - mean) / sd / Math.SQRT2)) / 2;
}

/**
 * The median of one sample with its distribution-free interval from the sign test (order
 * statistics x(k) … x(n−k+1), Hollander & Wolfe ch. 3.6): the one-sample counterpart, for a
 * figure about one profile that has no baseline to shift against. Needs n ≥ 6 at 95 %.
 */
export function medianInterval(values: readonly number[], confidence = 0.95): Shift {
  if (values.length === 0) throw new RangeError('medianInterval needs values');
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const alpha = (1 - confidence) / 2;
  // P(B ≤ k) for B ~ Binomial(n, 1/2), built up term by term.
  let term = 0.5 ** n;
  let cdf = term;
  let rank = 0;
  while (rank < n / 2 && cdf <= alpha) {
    rank++;
    term *= (n - rank + 1) / rank;
    cdf += term;
  }
  const median = medianSorted(sorted);
  if (rank === 0) return { shift: median, ci: undefined, coverage: undefined };
  return { shift: median, ci: { low: sorted[rank - 1]!, high: sorted[n - rank]! }, coverage: 1 - 2 * (cdf - term) };
}
