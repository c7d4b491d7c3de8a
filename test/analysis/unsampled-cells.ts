// Test helper: load cells without a successful request, as the builtin driver really records
// them against real servers on 127.0.0.1 (no hand-made zeros): interrupted before the measured
// window, every request timed out, a window too short for any request, every answer a 503.
import { createBuiltinDriver } from '../../src/drivers/builtin/index.ts';
import type { LoadCellResult } from '../../src/results/types.ts';
import { startServer } from '../drivers/support.ts';
import { pointCell, resultOf } from './results-of.ts';

type Point = Parameters<typeof pointCell>[0];
export type Unsampled = 'interrupted' | 'timed-out' | 'empty-window' | 'all-503';

/** Repetition `repetition` of `point`, measured by the builtin driver so that it has no sample. */
export async function unsampledCell(kind: Unsampled, point: Point, repetition: number): Promise<LoadCellResult> {
  const server = await startServer((_req, res) => {
    if (kind === 'all-503') {
      res.statusCode = 503;
      res.end('no');
    } else setTimeout(() => res.end('late'), 400);
  });
  try {
    const planned = pointCell(point, repetition);
    // Short windows keep it cheap; the point (profile, experiment, rate, connections) stays the plan's.
    const cell =
      kind === 'interrupted'
        ? planned
        : { ...planned, warmupMs: 0, durationMs: kind === 'empty-window' ? 0 : 300, timeoutMs: kind === 'timed-out' ? 40 : planned.timeoutMs };
    const signal = kind === 'interrupted' ? AbortSignal.abort() : new AbortController().signal;
    return resultOf(cell, await createBuiltinDriver().run(cell, { url: server.url }, signal));
  } finally {
    await server.close();
  }
}
