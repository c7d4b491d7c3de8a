// When is a change between two runs measurable (pure)? Within a run, profiles are interleaved, so
// the machine's drift reaches every profile alike and the exact interval of the Hodges–Lehmann
// shift over repetitions (shift.ts) is the whole story. Across runs it is not: two runs hours or
// days apart see the machine in different states (clock speed, other load, caches), which moves
// every repetition of a run together. That run-level offset is not in either side's spread, so
// the interval, which assumes independent repetitions, is too narrow: between two runs of one
// configuration an earlier attempt called 12 of 16 rows "measurable".
//
// Neither run can measure the offset between them, but each shows how far its own figures wander
// over its own course: the range (max − min) of a figure's repetitions, which in an interleaved run
// spans its whole duration and so holds the drift it saw as well as the noise. The noise floor of
// a row is the wider of the two runs' ranges, and a change is measurable only when the whole 95 %
// interval of the shift lies beyond it (above +floor or below −floor): the candidate must have
// moved further than either run ever varied within itself. Assumed: runs drift apart by no more
// than about 1.5 × their repetition spread (σ). Then, in the seeded simulation
// (test/compare/cross-run-verdicts-are-calibrated.test.ts), identical configurations are called
// measurable in 3–4 % of rows, where the interval alone (floor 0) says so in 30–53 %; the price
// is power (a 50 % change is found about 60 % of the time; the range includes spiked repetitions).
//
// Memory is the exception: every repetition of a run samples the same processes (one session per
// profile locally, the same pods on a cluster), so its repetitions share their processes' start-up
// heap and their range shows nothing of how far another start lands. Between local runs of one
// configuration memory moved by up to 2.9 % while a run's range was as small as 0.3 % of it, so
// memory's floor is at least MEMORY_FLOOR_SHARE of its baseline median.
import { median } from 'simple-statistics';
import { tailIsSampled } from '../analysis/compare.ts';
import { shiftInterval } from '../analysis/shift.ts';
import type { Interval } from '../analysis/types.ts';
import { isLatency, type PairedFigure } from './pairing.ts';

/**
 * measurable increase / decrease: the 95 % interval lies wholly beyond the noise floor;
 * within run-to-run noise: it excludes 0 but reaches into the floor (the in-suite method would
 * have called it a difference); no measurable difference: it contains 0; insufficient
 * repetitions: too few on a side for any interval (C(m+n, m) < 40); insufficient data: a tail
 * percentile with too few samples beyond it, as in-suite.
 */
export type CrossRunVerdict =
  | 'measurable increase'
  | 'measurable decrease'
  | 'within run-to-run noise'
  | 'no measurable difference'
  | 'insufficient repetitions'
  | 'insufficient data';

export interface CrossRunShift {
  /** Median over the run's repetitions. */
  baseline: number;
  candidate: number;
  /** Hodges–Lehmann shift candidate − baseline, inside `ci`. */
  delta: number;
  /** delta as a percentage of the baseline median; undefined when that is 0. */
  deltaPercent: number | undefined;
  ci: Interval | undefined;
  /** The wider of the two runs' ranges over their own repetitions; for memory at least 5 % of the baseline. */
  noiseFloor: number;
  verdict: CrossRunVerdict;
  repetitions: { baseline: number; candidate: number };
}

export const MEMORY_FLOOR_SHARE = 0.05;

export function crossRunShift(figure: PairedFigure): CrossRunShift {
  const { baseline, candidate } = figure;
  const { shift, ci } = shiftInterval(baseline, candidate);
  const baselineMedian = median(baseline);
  const noiseFloor = Math.max(range(baseline), range(candidate), figure.unit === 'MiB' ? MEMORY_FLOOR_SHARE * Math.abs(baselineMedian) : 0);
  const base = {
    baseline: baselineMedian,
    candidate: median(candidate),
    delta: shift,
    deltaPercent: baselineMedian === 0 ? undefined : (shift / baselineMedian) * 100,
    noiseFloor,
    repetitions: { baseline: baseline.length, candidate: candidate.length },
  };
  const sampled = !isLatency(figure.metric) || tailIsSampled(figure.metric, [...figure.cells.baseline, ...figure.cells.candidate]);
  if (!sampled) return { ...base, ci: undefined, verdict: 'insufficient data' };
  if (!ci) return { ...base, ci: undefined, verdict: 'insufficient repetitions' };
  return { ...base, ci, verdict: verdictOf(ci, noiseFloor) };
}

/** The verdict of an interval against a noise floor; a floor of 0 is the in-suite verdict. */
export function verdictOf(ci: Interval, noiseFloor: number): CrossRunVerdict {
  if (ci.low > noiseFloor) return 'measurable increase';
  if (ci.high < -noiseFloor) return 'measurable decrease';
  if (ci.low > 0 || ci.high < 0) return 'within run-to-run noise';
  return 'no measurable difference';
}

function range(values: readonly number[]): number {
  return Math.max(...values) - Math.min(...values);
}
