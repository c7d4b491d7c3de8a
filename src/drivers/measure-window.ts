// The measured window as every driver announces it to the samplers: it opens a warm-up after the
// load starts and closes `duration` later — or at once when the run ends first (finished early,
// failed, aborted). One place, so each driver closes what it opened, before its tail of collecting
// results and cleaning up.
import type { DriverHooks } from './driver.ts';

export interface MeasureWindow {
  /** Ends the window now if it is open (onMeasureEnd), or cancels it if it never opened; idempotent. */
  close(): void;
}

/** From now: onMeasureStart after `warmupMs` (at once for none), onMeasureEnd `durationMs` after that. */
export function scheduleMeasureWindow(hooks: DriverHooks | undefined, warmupMs: number, durationMs: number): MeasureWindow {
  let state: 'pending' | 'open' | 'closed' = 'pending';
  let timer: NodeJS.Timeout | undefined;
  const close = (): void => {
    clearTimeout(timer);
    if (state === 'open') hooks?.onMeasureEnd?.();
    state = 'closed';
  };
  const open = (): void => {
    state = 'open';
    hooks?.onMeasureStart?.();
    timer = setTimeout(close, durationMs);
  };
  if (warmupMs <= 0) open();
  else timer = setTimeout(open, warmupMs);
  return { close };
}
