// Closed model: `connections` clients, each sending its next request when the
// previous one completes. Latency runs from the actual send, so a stalled server
// slows the senders down and hides its queueing — callers label these cells.
import type { LoadCell } from '../../plan/types.ts';
import type { DriverHooks, Endpoint, LoadOutcome } from '../driver.ts';
import { startHousekeeping } from './housekeeping.ts';
import { InFlight } from './in-flight.ts';
import { measuredExchange } from './measured-exchange.ts';
import { createPool, send } from './request.ts';
import { WindowTally } from './window-tally.ts';

const CANCELLED = new Error('run aborted');

export async function runClosedModel(
  cell: LoadCell,
  endpoint: Endpoint,
  signal: AbortSignal,
  hooks: DriverHooks | undefined,
): Promise<LoadOutcome> {
  const target = new URL(endpoint.url);
  const path = target.pathname + target.search;
  const pool = createPool(target.origin, cell.connections);
  const inFlight = new InFlight();
  const start = performance.now();
  const tally = new WindowTally(start, cell.warmupMs, cell.durationMs);
  let stopped = false;
  let completed = 0;

  // One client: sends, waits for the whole response, sends again until the run ends.
  const client = (): Promise<void> =>
    new Promise((resolve) => {
      const next = (): void => {
        const sentAt = performance.now();
        if (stopped || sentAt >= tally.end) return resolve();
        const measured = tally.isMeasured(sentAt);
        const settled = (): void => {
          inFlight.finish();
          completed++;
          next();
        };
        const exchange = measuredExchange({ origin: sentAt, timeoutMs: cell.timeoutMs, measured, tally, stopped: () => stopped, settled });
        inFlight.add(exchange);
        send(pool, path, exchange, endpoint.headers);
      };
      next();
    });

  const stopHousekeeping = startHousekeeping({
    start,
    warmupMs: cell.warmupMs,
    durationMs: cell.durationMs,
    inFlight,
    hooks,
    completed: () => completed,
  });
  let onAbort = (): void => {};
  const abortRequested = new Promise<true>((resolve) => {
    onAbort = () => resolve(true);
    signal.addEventListener('abort', onAbort);
  });
  const clients = signal.aborted ? [] : Array.from({ length: cell.connections }, client);
  const aborted = signal.aborted || (await Promise.race([Promise.all(clients).then(() => false), abortRequested]));
  const stoppedAt = performance.now();
  stopped = true;
  signal.removeEventListener('abort', onAbort);
  stopHousekeeping();
  // Cancelled exchanges fail at once, so every client returns promptly.
  inFlight.abortAll(CANCELLED);
  await Promise.all(clients);
  await pool.destroy();

  const measuredMs = aborted ? tally.coveredMs(stoppedAt) : cell.durationMs;
  return tally.outcome(measuredMs, aborted, undefined);
}
