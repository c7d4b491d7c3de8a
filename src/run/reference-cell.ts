// Runs one phase of the reference cell (plan/reference.ts): the builtin driver against an echo
// server on 127.0.0.1 that meshbench starts for it, returning each measured repetition's p50.
import { builtinDriver } from '../drivers/builtin/index.ts';
import type { LoadDriver } from '../drivers/driver.ts';
import { referenceCells, type ReferencePhase } from '../plan/reference.ts';
import { startWorkload } from '../targets/local/hops.ts';
import { startChild } from '../targets/local/processes.ts';

export interface ReferenceServer {
  url: string;
  close(): Promise<void>;
}

export type StartReference = (signal: AbortSignal) => Promise<ReferenceServer>;

/** The echo workload as its own process (its event loop apart from the driver's), no delay, 1 KiB answers. */
export const startReferenceEcho: StartReference = async (signal) => {
  const child = await startWorkload(startChild, { delay: 0, size: 1024, startupDelay: 0 }, signal);
  return { url: `http://127.0.0.1:${child.port}/`, close: () => child.stop() };
};

export async function measureReference(
  phase: ReferencePhase,
  start: StartReference,
  signal: AbortSignal,
  driver: LoadDriver = builtinDriver,
): Promise<number[]> {
  const server = await start(signal);
  try {
    const p50s: number[] = [];
    for (const cell of referenceCells(phase)) {
      const outcome = await driver.run(cell, { url: server.url }, signal);
      if (outcome.aborted) throw new Error(`reference cell ${cell.id} was interrupted`);
      if (outcome.errors.total > 0) throw new Error(`reference cell ${cell.id}: ${outcome.errors.total} of ${outcome.requests} requests failed`);
      if (!outcome.latency) throw new Error(`reference cell ${cell.id}: no request succeeded`);
      if (cell.repetition > 0) p50s.push(outcome.latency.p50);
    }
    return p50s;
  } finally {
    await server.close();
  }
}
