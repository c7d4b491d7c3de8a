// Whether the newest run moved away from the level of the runs before it. A change at the newest
// run cannot be a change point yet (it needs minSegment runs after it), so the newest run is
// judged on its own against the current segment (the runs since the last change point), with
// the in-suite interval method: the Hodges–Lehmann shift of the newest run's repetitions over the
// segment's pooled repetitions, with its exact Mann–Whitney interval (analysis/shift.ts).
//
// Pooled repetitions, not the segment's per-run medians: with no change, every repetition of the
// segment and of the newest run is a draw of the same cell, so the interval keeps its exact
// coverage and gains power with every run; run medians against repetitions would compare two
// samples of different spread, which a rank interval does not cover at its level, and throw away
// data. But runs also differ among themselves (another machine, another cluster), which pooled
// repetitions do not see: so a measurable shift must also be beyond the segment's own run-to-run
// spread, i.e. larger (smaller, for an improvement) than the same shift of each segment run over
// all the other runs. With no change the n segment runs and the newest are exchangeable, so the
// newest run's shift is the largest of the n + 1 at most 1 / (n + 1) of the time, whatever the
// noise: the bound when runs differ by much more than repetitions do.
//
// The level is the segment's runs less its latest ones that were themselves measurably off it
// when they were newest (fewer than minSegment of them, too few to be a change point yet): so a
// regression fails its first run and every run after it, not every other one, until it has
// lasted minSegment runs and becomes a change point, the start of a new segment. Pure.
import { hodgesLehmann, shiftInterval } from '../analysis/shift.ts';

export type NewestVerdict =
  | 'regression'
  | 'improvement'
  | 'no measurable change'
  | 'within run-to-run spread'
  | 'insufficient runs'
  | 'insufficient repetitions';

export interface NewestRunJudgement {
  verdict: NewestVerdict;
  /** Runs of the current segment it was judged against. */
  segmentRuns: number;
  /** Latest runs of the segment left out of the level because they were off it themselves (run ids). */
  offLevel: string[];
  repetitions: { segment: number; newest: number };
  /** Hodges–Lehmann shift of the newest run over the segment (undefined without a segment). */
  shift?: number;
  ci?: { low: number; high: number };
  /** Confidence of `ci`, after the correction for the number of series judged together. */
  confidence: number;
  /** Smallest and largest shift of one segment run over the rest: the run-to-run spread (computed only when the interval excludes 0). */
  runToRun?: { low: number; high: number };
  /** One line saying why, for a reader. */
  reason: string;
}

export interface SegmentRun {
  runId: string;
  values: readonly number[];
}

/**
 * `segment`: the runs since the last change point, oldest first; `tail`: how many of its latest
 * runs may still be the start of a change not yet a change point (minSegment − 1).
 */
export function judgeNewestRun(segment: readonly SegmentRun[], newest: readonly number[], tail: number, minRuns: number, confidence: number): NewestRunJudgement {
  const offLevel: SegmentRun[] = [];
  for (let t = Math.max(minRuns, segment.length - tail); t < segment.length; t++) {
    const level = segment.slice(0, t).filter((run) => !offLevel.includes(run));
    const { verdict } = judgeRun(level, segment[t]!.values, minRuns, confidence);
    if (verdict === 'regression' || verdict === 'improvement') offLevel.push(segment[t]!);
  }
  const level = segment.filter((run) => !offLevel.includes(run));
  return { ...judgeRun(level, newest, minRuns, confidence), offLevel: offLevel.map((run) => run.runId) };
}

function judgeRun(level: readonly SegmentRun[], candidate: readonly number[], minRuns: number, confidence: number): Omit<NewestRunJudgement, 'offLevel'> {
  const runs = level.map((run) => run.values);
  const pooled = runs.flat();
  const base = { segmentRuns: runs.length, repetitions: { segment: pooled.length, newest: candidate.length }, confidence };
  if (runs.length < minRuns) {
    return { ...base, verdict: 'insufficient runs', reason: `${runs.length} run(s) before the newest at its level; needs ${minRuns}` };
  }
  const { shift, ci } = shiftInterval(pooled, candidate, confidence);
  if (ci === undefined) {
    return { ...base, verdict: 'insufficient repetitions', shift, reason: `${candidate.length} vs ${pooled.length} repetitions cannot give a ${percent(confidence)} interval` };
  }
  if (ci.low <= 0 && ci.high >= 0) return { ...base, shift, ci, verdict: 'no measurable change', reason: `the ${percent(confidence)} interval contains 0` };
  // Each segment run's shift over all the other runs, the candidate included: then the
  // candidate's own shift (over the segment) is one of n + 1 exchangeable figures when nothing changed.
  const all = [...runs, candidate];
  const others = runs.map((run, i) => hodgesLehmann(all.filter((_, j) => j !== i).flat(), run));
  const runToRun = { low: Math.min(...others), high: Math.max(...others) };
  const judged = { ...base, shift, ci, runToRun };
  const worse = ci.low > 0;
  if (worse ? shift > runToRun.high : shift < runToRun.low) {
    return { ...judged, verdict: worse ? 'regression' : 'improvement', reason: `the ${percent(confidence)} interval lies ${worse ? 'above' : 'below'} 0 and the shift beyond every segment run's` };
  }
  return { ...judged, verdict: 'within run-to-run spread', reason: `measurable over the pooled repetitions, but one of the ${runs.length} segment runs differs as much` };
}

function percent(confidence: number): string {
  return `${+(confidence * 100).toPrecision(4)}%`;
}
