// First Ctrl-C / SIGTERM: abort the run cleanly (stop load, stop processes, keep results).
// Second one: leave at once, after `onLeave` has put the record straight synchronously (nothing
// asynchronous runs after process.exit). Children exit by themselves when our stdin pipes to them
// close; they ignore the terminal's SIGINT (child-lifecycle.ts), so the first Ctrl-C reaches only us.
import { EXIT } from '../errors.ts';

export interface Interrupt {
  readonly signal: AbortSignal;
  /** Name of the signal that aborted the run, if any. */
  readonly received: () => NodeJS.Signals | undefined;
  dispose(): void;
}

export function trapInterrupts(onFirst: (signal: NodeJS.Signals) => void, onLeave: (first: NodeJS.Signals) => void = () => {}): Interrupt {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const handler = (signal: NodeJS.Signals) => {
    if (received) {
      onLeave(received);
      process.exit(EXIT.interrupted);
    }
    received = signal;
    onFirst(signal);
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    received: () => received,
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
