// E-divisive means: hierarchical change-point detection with the energy statistic of Matteson &
// James, "A Nonparametric Approach for Multiple Change Point Analysis of Multivariate Data" (JASA
// 2014, arXiv:1306.4933), as Apache Otava's `compute_change_points_orig` runs it
// (otava/change_point_divisive/{calculator,detector,significance_test}.py): divergence
//   Q̂(X, Y) = nm/(n+m) · [ 2/(nm) Σ|x−y|^α − C(n,2)⁻¹ Σ|x−x'|^α − C(m,2)⁻¹ Σ|y−y'|^α ],  α = 1,
// maximised over the split τ and the end κ of Y (Otava's τ–κ search), tested by permuting the
// values within each current segment and searching again, p = (1 + #{Q̂_perm ≥ Q̂}) / (R + 1)
// (Matteson & James §3.2; Otava omits the 1 + and is slightly anti-conservative). Unlike Otava
// (and like the R ecp package's `min.size`), every segment must hold `minSegment` values, so one
// outlier can never become a segment of its own. The κ search lets a short Y find a change that
// later reverts, but also lets a burst of two outliers pass as one; so, as in the merge step of
// Hunter (Fleming et al., "Hunter: Using Change Point Detection to Hunt for Performance
// Regressions", ICPE 2023; Otava's `merge`), each change point is then re-tested between its two
// whole neighbouring segments (the two-sample energy test, permutations of their union) and the
// weakest one that fails is dropped until all pass. Otava's default Hunter variant (t-test on
// sliding windows, Fleming et al. 2023) is not used: its t-test assumes normal segments, which
// latency percentiles are not; permutations are exact for any distribution and cheap at the tens
// to hundreds of runs a history holds. Hand-written: no maintained npm package implements it. Pure.

export interface EDivisiveOptions {
  /** Fewest values on each side of a change point. */
  minSegment: number;
  /** A candidate is a change point when its permutation p-value is at most this. */
  significance: number;
  /** Permutations per test. */
  permutations: number;
  /** Uniform [0, 1) source for the permutations (seeded for reproducible results). */
  random: () => number;
}

export interface DetectedChange {
  /** Index of the first value after the change. */
  index: number;
  pValue: number;
}

interface Candidate {
  index: number;
  q: number;
}

/** Change points of `values` in ascending index order. */
export function eDivisive(values: readonly number[], options: EDivisiveOptions): DetectedChange[] {
  const { minSegment, significance, permutations, random } = options;
  if (!Number.isInteger(minSegment) || minSegment < 1) throw new RangeError('minSegment must be a positive integer');
  const found: DetectedChange[] = [];
  const data = Float64Array.from(values);
  const observed = new Searcher(data.length, minSegment).load(data);
  const permuted = new Searcher(data.length, minSegment);
  for (;;) {
    const bounds = segmentBounds(found, data.length);
    const candidate = observed.best(bounds);
    if (candidate === undefined) break;
    let asExtreme = 0;
    const shuffled = Float64Array.from(data);
    for (let r = 0; r < permutations; r++) {
      for (const [start, end] of bounds) shuffle(shuffled, start, end, random);
      const q = permuted.load(shuffled).best(bounds)?.q ?? -Infinity;
      if (q >= candidate.q) asExtreme++;
    }
    const pValue = (1 + asExtreme) / (permutations + 1);
    if (pValue > significance) break;
    found.push({ index: candidate.index, pValue });
    found.sort((a, b) => a.index - b.index);
  }
  return merge(data, found, options);
}

/** Drops, weakest first, the change points whose two whole neighbouring segments do not differ. */
function merge(data: Float64Array, found: DetectedChange[], options: EDivisiveOptions): DetectedChange[] {
  let changes = found;
  for (;;) {
    const cuts = [0, ...changes.map((change) => change.index), data.length];
    const tested = changes.map((change, i) => ({ index: change.index, pValue: splitPValue(data, cuts[i]!, change.index, cuts[i + 2]!, options) }));
    const weakest = tested.reduce<DetectedChange | undefined>((worst, change) => (worst === undefined || change.pValue > worst.pValue ? change : worst), undefined);
    if (weakest === undefined || weakest.pValue <= options.significance) return tested;
    changes = tested.filter((change) => change !== weakest);
  }
}

/** Permutation p-value of the energy divergence of [start, tau) against [tau, end). */
function splitPValue(data: Float64Array, start: number, tau: number, end: number, options: EDivisiveOptions): number {
  const segment = data.slice(start, end);
  const searcher = new Searcher(segment.length, options.minSegment);
  const observed = searcher.load(segment).q(0, tau - start, segment.length);
  let asExtreme = 0;
  for (let r = 0; r < options.permutations; r++) {
    shuffle(segment, 0, segment.length, options.random);
    if (searcher.load(segment).q(0, tau - start, segment.length) >= observed) asExtreme++;
  }
  return (1 + asExtreme) / (options.permutations + 1);
}

/** [start, end) of the segments the change points cut 0..length into. */
export function segmentBounds(changes: readonly { index: number }[], length: number): [number, number][] {
  const cuts = [0, ...changes.map((change) => change.index), length];
  return cuts.slice(1).map((end, i) => [cuts[i]!, end]);
}

/** Fisher–Yates over [start, end). */
function shuffle(values: Float64Array, start: number, end: number, random: () => number): void {
  for (let i = end - 1; i > start; i--) {
    const j = start + Math.floor(random() * (i - start + 1));
    const swap = values[i]!;
    values[i] = values[j]!;
    values[j] = swap;
  }
}

/**
 * The best split of each segment. Column prefix sums of the distance matrix make every partial
 * sum O(1), so one segment of length L costs O(L²) over all (τ, κ).
 */
class Searcher {
  readonly #n: number;
  readonly #minSegment: number;
  /** prefix[j * (n + 1) + r] = Σ_{i<r} |z_i − z_j| */
  readonly #prefix: Float64Array;

  constructor(n: number, minSegment: number) {
    this.#n = n;
    this.#minSegment = minSegment;
    this.#prefix = new Float64Array(n * (n + 1));
  }

  /** Takes `values` (of the constructor's length) as the series to search. */
  load(values: Float64Array): this {
    const n = this.#n;
    for (let j = 0; j < n; j++) {
      const row = j * (n + 1);
      for (let i = 0; i < n; i++) this.#prefix[row + i + 1] = this.#prefix[row + i]! + Math.abs(values[i]! - values[j]!);
    }
    return this;
  }

  /** Σ_{i∈[a,b)} |z_i − z_j| */
  #sum(j: number, a: number, b: number): number {
    const row = j * (this.#n + 1);
    return this.#prefix[row + b]! - this.#prefix[row + a]!;
  }

  /** Q̂ of [start, tau) against [tau, end). */
  q(start: number, tau: number, end: number): number {
    let between = 0;
    let withinX = 0;
    let withinY = 0;
    for (let j = start; j < tau; j++) withinX += this.#sum(j, start, j);
    for (let j = tau; j < end; j++) {
      between += this.#sum(j, start, tau);
      withinY += this.#sum(j, tau, j);
    }
    return divergence(tau - start, end - tau, between, withinX, withinY);
  }

  best(bounds: readonly [number, number][]): Candidate | undefined {
    let best: Candidate | undefined;
    for (const [start, end] of bounds) {
      const candidate = this.#bestIn(start, end);
      if (candidate && (best === undefined || candidate.q > best.q)) best = candidate;
    }
    return best;
  }

  #bestIn(start: number, end: number): Candidate | undefined {
    const m = this.#minSegment;
    let best: Candidate | undefined;
    let withinX = 0; // Σ over pairs in [start, τ)
    for (let tau = start + 1; tau <= end - m; tau++) {
      withinX += this.#sum(tau - 1, start, tau - 1);
      if (tau - start < m) continue;
      const nx = tau - start;
      let between = 0;
      let withinY = 0;
      for (let kappa = tau + 1; kappa <= end; kappa++) {
        const last = kappa - 1; // the value [τ, κ) gained
        between += this.#sum(last, start, tau);
        withinY += this.#sum(last, tau, last);
        const ny = kappa - tau;
        if (ny < m) continue;
        const q = divergence(nx, ny, between, withinX, withinY);
        if (best === undefined || q > best.q) best = { index: tau, q };
      }
    }
    return best;
  }
}

/** Q̂ from the sums of distances between X and Y and within each (α = 1). */
function divergence(nx: number, ny: number, between: number, withinX: number, withinY: number): number {
  const pairs = (k: number) => (k * (k - 1)) / 2;
  const energy = (2 * between) / (nx * ny) - (nx > 1 ? withinX / pairs(nx) : 0) - (ny > 1 ? withinY / pairs(ny) : 0);
  return ((nx * ny) / (nx + ny)) * energy;
}
