import type { Metric } from '../suite/schema.ts';

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
  /** candidateMs − baselineMs. */
  deltaMs: number;
  /** 95% bootstrap confidence interval of the delta; undefined with fewer than 2 repetitions a side. */
  ci: { low: number; high: number } | undefined;
  /** A delta whose interval contains 0 is "no measurable difference", never a number alone. */
  verdict: 'slower' | 'faster' | 'no measurable difference' | 'insufficient data';
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

export interface Analysis {
  comparisons: ComparisonRow[];
  thresholds: ThresholdResult[];
}
