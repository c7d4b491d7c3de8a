// Compares profiles pairwise as the suite's comparisons ask: per experiment, parameter point and
// metric, the Hodges–Lehmann shift over repetitions with its exact 95% interval and a verdict;
// then judges the thresholds. Pure: results in, analysis out.
import { median } from 'simple-statistics';
import { hasLatency, type SampledLoadCell } from '../results/cell-data.ts';
import type { CellResult } from '../results/types.ts';
import type { Comparison, Metric, Suite, Threshold } from '../suite/schema.ts';
import { coldStartOverheads } from './cold-start-overhead.ts';
import { computeOverheads } from './overheads.ts';
import { shiftInterval } from './shift.ts';
import type { Analysis, ComparisonRow, ThresholdResult } from './types.ts';

const REPORTED_METRICS: Metric[] = ['p50', 'p90', 'p99', 'p999'];

export function analyse(suite: Suite, results: CellResult[]): Analysis {
  const usable = results.filter(isUsable);
  const comparisons = suite.comparisons.flatMap((comparison) => {
    // Rows for metrics a threshold judges too (max, mean), or that threshold could never pass.
    const judged = suite.thresholds.filter((t) => t.comparison === comparison.name).map((t) => t.metric);
    const metrics = [...new Set([...REPORTED_METRICS, ...judged])];
    return compare(suite, comparison, metrics, usable);
  });
  const thresholds = suite.thresholds.map((threshold) => judge(threshold, comparisons));
  return { comparisons, thresholds, overheads: computeOverheads(suite, usable), coldStartOverheads: coldStartOverheads(results) };
}

/**
 * The repetitions the summary shows (cells with samples: errored cells and cells without a
 * successful request have no latency), less driver-saturated ones, whose figures describe the
 * load generator too (README).
 */
function isUsable(result: CellResult): result is SampledLoadCell {
  return hasLatency(result) && !result.saturated;
}

function compare(suite: Suite, comparison: Comparison, metrics: Metric[], results: SampledLoadCell[]): ComparisonRow[] {
  const experiments = suite.experiments.filter((experiment) =>
    comparison.experiment === undefined ? experiment.type === 'load' : experiment.name === comparison.experiment,
  );
  const rows: ComparisonRow[] = [];
  for (const experiment of experiments) {
    const side = (profile: string) =>
      results.filter((result) => result.cell.profile === profile && result.cell.experiment === experiment.name);
    const baseline = side(comparison.baseline);
    const candidate = side(comparison.candidate);
    for (const { rate, connections } of sharedPoints(baseline, candidate)) {
      const at = (cells: SampledLoadCell[]) =>
        cells.filter((result) => result.cell.rate === rate && result.cell.connections === connections);
      const baselineCells = at(baseline);
      const candidateCells = at(candidate);
      for (const metric of metrics) {
        const values = {
          baseline: baselineCells.map((result) => result.latency[metric]),
          candidate: candidateCells.map((result) => result.latency[metric]),
        };
        rows.push({
          comparison: comparison.name,
          experiment: experiment.name,
          baseline: comparison.baseline,
          candidate: comparison.candidate,
          rate,
          connections,
          metric,
          ...difference(values.baseline, values.candidate, tailIsSampled(metric, [...baselineCells, ...candidateCells])),
        });
      }
    }
  }
  return rows;
}

/** (rate, connections) points measured on both sides, ordered by rate then connections. */
function sharedPoints(baseline: SampledLoadCell[], candidate: SampledLoadCell[]) {
  const key = (result: SampledLoadCell) => `${result.cell.rate ?? ''}/${result.cell.connections}`;
  const candidateKeys = new Set(candidate.map(key));
  const points = new Map<string, { rate: number | undefined; connections: number }>();
  for (const result of baseline) {
    if (candidateKeys.has(key(result))) points.set(key(result), { rate: result.cell.rate, connections: result.cell.connections });
  }
  return [...points.values()].sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0) || a.connections - b.connections);
}

// A percentile is an estimate only when enough samples lie beyond it: p99.9 of 900 requests is
// just the maximum. Below this many tail samples in any repetition the row says so instead of
// reporting a verdict built on one or two requests.
const MIN_TAIL_SAMPLES = 5;
const TAIL_SHARE: Partial<Record<Metric, number>> = { p90: 0.1, p99: 0.01, p999: 0.001 };

/** Whether every cell has enough samples beyond the percentile for it to be an estimate (also used by `compare` across runs). */
export function tailIsSampled(metric: Metric, cells: readonly SampledLoadCell[]): boolean {
  const share = TAIL_SHARE[metric];
  return share === undefined || cells.every((cell) => cell.latency.count * share >= MIN_TAIL_SAMPLES);
}

function difference(baseline: number[], candidate: number[], tailSampled: boolean): Omit<ComparisonRow, 'comparison' | 'experiment' | 'baseline' | 'candidate' | 'rate' | 'connections' | 'metric'> {
  const repetitions = { baseline: baseline.length, candidate: candidate.length };
  const { shift, ci } = shiftInterval(baseline, candidate);
  const base = { baselineMs: median(baseline), candidateMs: median(candidate), deltaMs: shift, repetitions };
  if (!tailSampled) return { ...base, ci: undefined, verdict: 'insufficient data' };
  if (!ci) return { ...base, ci: undefined, verdict: 'insufficient repetitions' };
  const verdict = ci.low > 0 ? 'slower' : ci.high < 0 ? 'faster' : 'no measurable difference';
  return { ...base, ci, verdict };
}

/**
 * A threshold fails only where the delta is measurably over the limit: the whole 95% interval
 * above `max`, which at a true shift ≤ max happens at most 2.5% of the time per row. A row without
 * an interval (too few repetitions, an unsampled tail) cannot be judged, so it fails too, named.
 */
function judge(threshold: Threshold, rows: ComparisonRow[]): ThresholdResult {
  const judged = rows.filter((row) => row.comparison === threshold.comparison && row.metric === threshold.metric);
  const verdict = { comparison: threshold.comparison, metric: threshold.metric, maxMs: threshold.max };
  if (judged.length === 0) return { ...verdict, worstDeltaMs: undefined, passed: false, reason: 'nothing to compare' };

  const worstOf = (candidates: ComparisonRow[]) => candidates.reduce((a, b) => (b.deltaMs > a.deltaMs ? b : a));
  const worst = worstOf(judged);
  const limit = `max ${ms(threshold.max)}`;
  const unjudged = judged.filter((row) => row.ci === undefined);
  const over = judged.filter((row) => row.ci !== undefined && row.ci.low > threshold.max);
  let reason: string;
  if (over.length > 0) {
    const first = worstOf(over);
    reason = `${threshold.metric} ${signed(first.deltaMs)} at ${where(first)} exceeds ${limit} measurably${interval(first)}`;
  } else if (unjudged.length > 0) {
    const first = unjudged[0]!;
    const count = unjudged.length > 1 ? ` (and ${unjudged.length - 1} more row${unjudged.length > 2 ? 's' : ''})` : '';
    reason = `${threshold.metric} at ${where(first)} cannot be judged against ${limit}: ${first.verdict} (${first.repetitions.baseline} vs ${first.repetitions.candidate} repetitions)${count}`;
  } else if (worst.deltaMs > threshold.max) {
    reason = `${threshold.metric} ${signed(worst.deltaMs)} at ${where(worst)} is over ${limit} but not measurably${interval(worst)}`;
  } else {
    reason = `worst ${threshold.metric} ${signed(worst.deltaMs)} at ${where(worst)} is within ${limit}${interval(worst)}`;
  }
  return { ...verdict, worstDeltaMs: worst.deltaMs, passed: over.length === 0 && unjudged.length === 0, reason };
}

function where(row: ComparisonRow): string {
  const rate = row.rate === undefined ? '' : `rate=${row.rate},`;
  return `${row.experiment} ${rate}c=${row.connections}`;
}

function interval({ ci }: ComparisonRow): string {
  return ci ? ` (95% CI ${signed(ci.low)} to ${signed(ci.high)})` : '';
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : '−'}${ms(Math.abs(value))}`;
}

function ms(value: number): string {
  return `${+value.toFixed(2)}ms`;
}
