// The builtin driver: load from this Node process with undici. One module per
// model; this file only picks the model and fills in options.
import type { LoadCell } from '../../plan/types.ts';
import type { DriverHooks, Endpoint, LoadDriver, LoadOutcome } from '../driver.ts';
import { seedFrom } from './arrivals.ts';
import { runClosedModel } from './closed-model.ts';
import { runOpenModel } from './open-model.ts';

/**
 * Requests in flight never exceed rate × timeout (a request is aborted at its
 * intended send time + timeout), so this cap only bites when that product is
 * larger — e.g. 1000 rps × 30 s. It bounds the driver's memory and sockets.
 */
export const DEFAULT_MAX_IN_FLIGHT = 10_000;

export interface BuiltinDriverOptions {
  /** Open model: arrivals beyond this many requests in flight are dropped and the cell marked saturated. */
  maxInFlight?: number;
  /** Open model, Poisson arrivals: fixed seed (default: derived from the cell id, so reruns repeat). */
  seed?: number;
}

export function createBuiltinDriver(options: BuiltinDriverOptions = {}): LoadDriver {
  return {
    name: 'builtin',
    run(cell: LoadCell, endpoint: Endpoint, signal: AbortSignal, hooks?: DriverHooks): Promise<LoadOutcome> {
      if (cell.model === 'closed') return runClosedModel(cell, endpoint, signal, hooks);
      return runOpenModel(cell, endpoint, signal, hooks, {
        maxInFlight: options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
        seed: options.seed ?? seedFrom(cell.id),
      });
    },
  };
}

export const builtinDriver: LoadDriver = createBuiltinDriver();
