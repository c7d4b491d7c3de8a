import type { Metric } from '../suite/schema.ts';

/** A 95% interval of a difference: the exact Mann–Whitney interval of the Hodges–Lehmann shift (shift.ts). */
export type Interval = { low: number; high: number };

/**
 * slower / faster: the 95% interval lies wholly above / below 0; no measurable difference: it
 * contains 0 (never a number alone); insufficient repetitions: the repetitions on the two sides
 * (m and n, errored or saturated cells not counted) are too few for any 95% interval, i.e.
 * C(m+n, m) < 40 (fewer than 4 a side when equal) — the point shift is still reported;
 * insufficient data: a tail percentile with too few samples beyond it in some repetition (p99.9 of
 * 900 requests is just the maximum), so the per-repetition values themselves are not estimates.
 */
export type ComparisonVerdict = 'slower' | 'faster' | 'no measurable difference' | 'insufficient repetitions' | 'insufficient data';

/** One metric of one comparison at one parameter point (rate × connections), over repetitions. */
export interface ComparisonRow {
  comparison: string;
  experiment: string;
  baseline: string;
  candidate: string;
  /** Open-model rate, undefined for closed-model cells. */
  rate: number | undefined;
  connections: number;
  metric: Metric;
  /** Median over repetitions of the per-repetition value, milliseconds. */
  baselineMs: number;
  candidateMs: number;
  /**
   * Hodges–Lehmann shift of candidate over baseline: the median of all candidate − baseline
   * differences between repetitions. Not candidateMs − baselineMs in general, but always inside
   * `ci`, so a delta and its interval never contradict each other.
   */
  deltaMs: number;
  /** Exact Mann–Whitney 95% interval of the shift; undefined unless the verdict is slower, faster or no measurable difference. */
  ci: Interval | undefined;
  verdict: ComparisonVerdict;
  repetitions: { baseline: number; candidate: number };
}

export interface ThresholdResult {
  comparison: string;
  metric: Metric;
  maxMs: number;
  /** Largest delta over the comparison's parameter points; undefined when nothing was measured. */
  worstDeltaMs: number | undefined;
  passed: boolean;
  reason: string;
}

/** What an overhead row measures, per repetition, before the median over repetitions. */
export type OverheadMeasure =
  /** Average CPU over the measured window, summed over the component's instances. */
  | 'cpu-millicores'
  /** CPU-seconds per 1000 requests served, summed over the component's instances. */
  | 'cpu-seconds-per-1000-requests'
  /** Average working set per instance (per pod on Kubernetes). */
  | 'memory-mib'
  /** CPU-seconds per 1000 requests of every sampled component: what the whole data path costs. */
  | 'total-cpu-seconds-per-1000-requests';

/**
 * more / less: the interval excludes 0; no measurable difference: it contains 0 (never a number
 * alone); insufficient repetitions: too few repetitions with a value for any 95% interval (as for
 * ComparisonVerdict; a figure about one profile needs 6); missing data: the component was expected
 * and not found (`error` says so), never read as a zero.
 */
export type OverheadVerdict = 'more' | 'less' | 'no measurable difference' | 'insufficient repetitions' | 'missing data';

/** A published figure to read ours against, in the row's unit. An anchor, never a pass/fail. */
export interface PublishedAnchor {
  value: number;
  /** What was published and where, e.g. "Istio 1.24: sidecar 0.20 vCPU per 1000 rps (istio.io performance page)". */
  source: string;
}

/** One resource figure of one component at one load point, median over repetitions. */
export interface OverheadRow {
  /** data path: a comparison's extra components and total; telemetry / Mixer: a pair differing only in mesh.telemetry, or Mixer's own CPU; Knative: queue-proxy and activator of a Knative profile. */
  topic: 'data path' | 'telemetry' | 'Mixer' | 'Knative';
  /** The suite comparison, or undefined for a figure about one profile. */
  comparison: string | undefined;
  experiment: string;
  /** undefined for a figure about one profile. */
  baseline: string | undefined;
  /** The profile whose cost this is (the comparison's candidate). */
  candidate: string;
  rate: number | undefined;
  connections: number;
  /** Component name as sampled, or "total" for the whole data path. */
  component: string;
  measure: OverheadMeasure;
  /** Median over repetitions; undefined when the component does not run on the baseline (it costs nothing there) or no baseline applies. */
  baselineValue: number | undefined;
  candidateValue: number | undefined;
  /**
   * Hodges–Lehmann shift of candidate over baseline (a side where the component does not run
   * counts 0 in each of its sampled repetitions), inside `ci`; for a figure about one profile, the
   * candidate median. Undefined without data on a side.
   */
  delta: number | undefined;
  /** Exact 95% interval of the delta over repetitions (for one profile: the sign-test interval of its median). */
  ci: Interval | undefined;
  verdict: OverheadVerdict;
  /** Repetitions that gave a value on each side. */
  repetitions: { baseline: number; candidate: number };
  /** Why data is missing (verdict 'missing data'): the sampler's error text. */
  error?: string;
  published?: PublishedAnchor;
  /** A caveat that belongs with the figure, e.g. what "mesh-wide requests" means here. */
  note?: string;
}

/** Cold-start overhead of one profile × cold-start experiment × services point. */
export interface ColdStartOverheadRow {
  profile: string;
  experiment: string;
  services: number;
  /** Median total (request sent → first byte) of the cold iterations that answered, ms. */
  coldMs: number | undefined;
  /** Median total of the warm-baseline requests that answered, ms. */
  warmMs: number | undefined;
  /** What starting from zero adds: the Hodges–Lehmann shift of cold over warm totals, inside `ci`. */
  overheadMs: number | undefined;
  /** Exact Mann–Whitney 95% interval of the overhead over iterations; undefined when the verdict is insufficient. */
  ci: Interval | undefined;
  /**
   * slower: cold is measurably slower than warm (the expected case); insufficient iterations: too
   * few answered iterations for a 95% interval (C(m+n, m) < 40); insufficient data: no answered
   * iteration on a side.
   */
  verdict: 'slower' | 'faster' | 'no measurable difference' | 'insufficient iterations' | 'insufficient data';
  /** Answered iterations on each side. */
  samples: { cold: number; warm: number };
}

export interface Analysis {
  comparisons: ComparisonRow[];
  thresholds: ThresholdResult[];
  /** Resource cost of the data path: per comparison, telemetry pair, Mixer and Knative profile. */
  overheads: OverheadRow[];
  /** Cold − warm per cold-start point that measured a warm baseline. */
  coldStartOverheads: ColdStartOverheadRow[];
}
