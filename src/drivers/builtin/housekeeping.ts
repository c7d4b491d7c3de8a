// The timers both models share: the measured window's marks, the deadline sweep, and progress.
import type { DriverHooks } from '../driver.ts';
import { scheduleMeasureWindow } from '../measure-window.ts';
import type { InFlight } from './in-flight.ts';

/** How often expired requests are aborted: timeouts are therefore exact to ~this many ms. */
const SWEEP_MS = 20;
const PROGRESS_MS = 1000;

export interface HousekeepingInput {
  start: number;
  warmupMs: number;
  durationMs: number;
  inFlight: InFlight;
  hooks: DriverHooks | undefined;
  /** Requests finished so far (any outcome, warm-up included). */
  completed: () => number;
}

/** Starts the timers; returns the function that stops them all. */
export function startHousekeeping({ start, warmupMs, durationMs, inFlight, hooks, completed }: HousekeepingInput): () => void {
  // The window is the schedule's: it ends when the last measured request is due (an abort ends it sooner).
  const window = scheduleMeasureWindow(hooks, start + warmupMs - performance.now(), durationMs);

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
    window.close();
    clearInterval(sweep);
  };
}
