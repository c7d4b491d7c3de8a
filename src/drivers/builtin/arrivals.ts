// Intended send times of the open model, as offsets in ms from the start of the run.
import type { LoadCell } from '../../plan/types.ts';
import { seededRandom } from '../../seeded-random.ts';

/** FNV-1a: a stable seed from a cell id, so each cell's Poisson schedule is reproducible. */
export function seedFrom(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

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
