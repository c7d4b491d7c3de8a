// Both models send alike and differ only in where a request's latency starts: its intended send
// time (open model, so queueing is never hidden) or its actual send time (closed model).
import { classifyFailure } from './error-class.ts';
import { DEADLINE_PASSED } from './in-flight.ts';
import { Exchange } from './request.ts';
import type { WindowTally } from './window-tally.ts';

export interface MeasuredExchangeOptions {
  /** performance.now() from which latency and the timeout are counted. */
  origin: number;
  timeoutMs: number;
  /** Whether the request belongs to the measured window (not the warm-up). */
  measured: boolean;
  tally: WindowTally;
  /** True once the run has stopped: late answers are no longer recorded. */
  stopped: () => boolean;
  settled: () => void;
}

export function measuredExchange({ origin, timeoutMs, measured, tally, stopped, settled }: MeasuredExchangeOptions): Exchange {
  const exchange: Exchange = new Exchange(
    origin + timeoutMs,
    (status) => {
      if (measured && !stopped()) tally.response(status, performance.now() - origin);
      settled();
    },
    (err) => {
      if (measured && !stopped()) tally.failure(classifyFailure(err, exchange.abortReason === DEADLINE_PASSED));
      settled();
    },
  );
  return exchange;
}
