// Intended send times of the open model, as offsets in ms from the start of the run.
import type { LoadCell } from '../../plan/types.ts';
import { fnv1a, seededRandom } from '../../seeded-random.ts';

/** A stable seed from a cell id, so each cell's Poisson schedule is reproducible. */
export const seedFrom = fnv1a;

/** Returns a generator of increasing offsets (ms); the first arrival is at 0. */
export function arrivalOffsets(arrival: LoadCell['arrival'], rate: number, seed: number): () => number {
  const gapMs = 1000 / rate;
  if (arrival === 'constant') {
    let i = 0;
    // i × gap rather than a running sum, so rounding never drifts the schedule.
    return () => i++ * gapMs;
  }
  const random = seededRandom(seed);
  let t = 0;
  return () => {
    const current = t;
    // Exponential gap; 1 - u is in (0, 1], so the log is finite.
    t += -Math.log(1 - random()) * gapMs;
    return current;
  };
}
