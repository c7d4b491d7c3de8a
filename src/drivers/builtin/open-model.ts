// Open model: requests leave at scheduled arrival times whatever the server
// does, and latency runs from the *intended* send time, so queueing behind a
// slow server is measured instead of hidden (coordinated omission).
import type { LoadCell } from '../../plan/types.ts';
import type { DriverHooks, Endpoint, LoadOutcome } from '../driver.ts';
import { arrivalOffsets } from './arrivals.ts';
import { startHousekeeping } from './housekeeping.ts';
import { InFlight } from './in-flight.ts';
import { measuredExchange } from './measured-exchange.ts';
import { createPool, send } from './request.ts';
import { saturationReason } from './saturation.ts';
import { WindowTally } from './window-tally.ts';

export interface OpenModelOptions {
  /** Requests in flight beyond which new arrivals are dropped (and the cell marked saturated). */
  maxInFlight: number;
  /** Seed of the Poisson arrival process. */
  seed: number;
}

const CANCELLED = new Error('run aborted');

export async function runOpenModel(
  cell: LoadCell,
  endpoint: Endpoint,
  signal: AbortSignal,
  hooks: DriverHooks | undefined,
  options: OpenModelOptions,
): Promise<LoadOutcome> {
  const rate = cell.rate;
  if (rate === undefined || rate <= 0) throw new Error(`open-model cell ${cell.id} has no rate`);
  const target = new URL(endpoint.url);
  const path = target.pathname + target.search;
  const pool = createPool(target.origin, cell.connections);
  const inFlight = new InFlight();
  const start = performance.now();
  const tally = new WindowTally(start, cell.warmupMs, cell.durationMs);
  const nextOffset = arrivalOffsets(cell.arrival, rate, options.seed);

  let next = start + nextOffset();
  let scheduleDone = false;
  let stopped = false;
  let completed = 0;
  let dropped = 0;
  let scheduledInWindow = 0;
  let sentInWindow = 0;
  let timer: NodeJS.Timeout | undefined;
  let settle: (aborted: boolean) => void = () => {};

  const finished = (): void => {
    if (scheduleDone && inFlight.count === 0) settle(false);
  };

  const dispatch = (intended: number): void => {
    const measured = tally.isMeasured(intended);
    if (measured) scheduledInWindow++;
    if (inFlight.count >= options.maxInFlight) {
      if (measured) dropped++;
      return;
    }
    const sentAt = performance.now();
    if (measured) {
      tally.sendLag(sentAt - intended);
      if (sentAt < tally.end) sentInWindow++;
    }
    const settled = (): void => {
      inFlight.finish();
      completed++;
      finished();
    };
    const exchange = measuredExchange({ origin: intended, timeoutMs: cell.timeoutMs, measured, tally, stopped: () => stopped, settled });
    inFlight.add(exchange);
    send(pool, path, exchange, endpoint.headers);
  };

  // Timers fire ~1 ms late at best, so each tick sends every request whose time has come.
  const tick = (): void => {
    while (next <= performance.now() && next < tally.end) {
      dispatch(next);
      next = start + nextOffset();
    }
    if (next >= tally.end) {
      scheduleDone = true;
      finished();
      return;
    }
    timer = setTimeout(tick, Math.max(0, next - performance.now()));
  };

  const stopHousekeeping = startHousekeeping({
    start,
    warmupMs: cell.warmupMs,
    durationMs: cell.durationMs,
    inFlight,
    hooks,
    completed: () => completed,
  });
  const onAbort = (): void => settle(true);
  const aborted = await new Promise<boolean>((resolve) => {
    settle = resolve;
    if (signal.aborted) return resolve(true);
    signal.addEventListener('abort', onAbort);
    tick();
  });
  const stoppedAt = performance.now();
  stopped = true;
  signal.removeEventListener('abort', onAbort);
  clearTimeout(timer);
  stopHousekeeping();
  inFlight.abortAll(CANCELLED);
  await pool.destroy();

  const measuredMs = aborted ? tally.coveredMs(stoppedAt) : cell.durationMs;
  const reason = saturationReason({
    dropped,
    inFlightCap: options.maxInFlight,
    sendLagP99Ms: tally.sendLagP99Ms(),
    scheduledInWindow,
    sentInWindow,
  });
  return tally.outcome(measuredMs, aborted, reason);
}
