// The timers both models share: the measure-start mark, the deadline sweep, and progress.
import type { DriverHooks } from '../driver.ts';
import type { InFlight } from './in-flight.ts';

/** How often expired requests are aborted: timeouts are therefore exact to ~this many ms. */
const SWEEP_MS = 20;
const PROGRESS_MS = 1000;

export interface HousekeepingInput {
  start: number;
  warmupMs: number;
  inFlight: InFlight;
  hooks: DriverHooks | undefined;
  /** Requests finished so far (any outcome, warm-up included). */
  completed: () => number;
}

/** Starts the timers; returns the function that stops them all. */
export function startHousekeeping({ start, warmupMs, inFlight, hooks, completed }: HousekeepingInput): () => void {
  let measureTimer: NodeJS.Timeout | undefined;
  if (warmupMs <= 0) hooks?.onMeasureStart?.();
  else measureTimer = setTimeout(() => hooks?.onMeasureStart?.(), start + warmupMs - performance.now());

  let lastProgress = start;
  const sweep = setInterval(() => {
    const now = performance.now();
    inFlight.expire(now);
    if (now - lastProgress >= PROGRESS_MS) {
      lastProgress = now;
      hooks?.onProgress?.(completed(), now - start);
    }
  }, SWEEP_MS);

  return () => {
    clearTimeout(measureTimer);
    clearInterval(sweep);
  };
}
