// Drift of the machine between the run's start and end, from the reference cell's p50 per
// repetition (pure). The median, not p99: a 1 s repetition at 200 rps has two requests above its
// p99, too few to compare. Flagged when the 95 % interval of the shift excludes 0.
import { shiftInterval } from '../analysis/shift.ts';
import { REFERENCE } from '../plan/reference.ts';
import type { DriftRecord, ReferenceDrift } from '../results/run-record.ts';

export function referenceDrift(start: readonly number[], end: readonly number[]): ReferenceDrift {
  const { shift, ci, coverage } = shiftInterval(start, end);
  return {
    method: 'reference',
    metric: 'p50_ms',
    rate: REFERENCE.rate,
    durationMs: REFERENCE.durationMs,
    start: [...start],
    end: [...end],
    shiftMs: shift,
    ci,
    coverage,
    flagged: ci !== undefined && (ci.low > 0 || ci.high < 0),
  };
}

/** Locally the order is the control: each profile's repetitions alternate position with the others'. */
export const INTERLEAVED_DRIFT: DriftRecord = {
  method: 'interleaved',
  detail: 'load cells interleaved across profiles, reversed every other repetition: drift reaches every profile alike',
};
