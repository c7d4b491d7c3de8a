// How a cold-start iteration is read: a warm-baseline request is neither a cold start nor a
// discarded mismatch. Results written before warm baselines have no `kind`; they are all cold attempts.
import type { ColdStartIteration } from './types.ts';

export function isWarmBaseline(iteration: ColdStartIteration): boolean {
  return iteration.kind === 'warm';
}

/** A cold attempt that found the service not at zero: dropped and counted, never mixed in. */
export function isDiscardedWarm(iteration: ColdStartIteration): boolean {
  return !iteration.cold && !isWarmBaseline(iteration);
}

/** A cold-start cell that failed midway, carrying the iterations it had measured before failing. */
export class ColdStartFailed extends Error {
  readonly iterations: ColdStartIteration[];
  readonly discardedWarm: number;
  constructor(iterations: ColdStartIteration[], cause: unknown) {
    super((cause as Error).message ?? String(cause), { cause });
    this.iterations = iterations;
    this.discardedWarm = iterations.filter(isDiscardedWarm).length;
  }
}
