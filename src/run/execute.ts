// Walks the plan: prepare each profile once, run its cells, keep every result as soon as it
// exists. An interrupt (signal) stops at the next safe point; what was measured stays as data.
import type { LoadOutcome } from '../drivers/driver.ts';
import type { ColdStartCell, LoadCell, Plan } from '../plan/types.ts';
import { ColdStartFailed } from '../results/iterations.ts';
import type { StackRecord } from '../results/run-record.ts';
import type { CellResult, ColdStartCellResult, LoadCellResult } from '../results/types.ts';
import type { Suite } from '../suite/schema.ts';
import type { ProfileSession, Target } from '../targets/target.ts';
import { profileNeeds } from './profile-needs.ts';
import type { DriverFor } from './drivers.ts';

export interface ExecuteDeps {
  target: Target;
  /** The driver and endpoint of a load cell on a session. */
  driverFor: DriverFor;
  /** Called with each cell's result as soon as the cell ends. */
  onResult(result: CellResult): Promise<void>;
  /** Progress events for the CLI. */
  onEvent?(event: ExecuteEvent): void;
  signal: AbortSignal;
}

export type ExecuteEvent =
  | { type: 'profile-start'; profile: string }
  | { type: 'profile-ready'; profile: string; dataPath: string[]; notes: string[] }
  | { type: 'cell-start'; cellId: string; index: number }
  | { type: 'cell-progress'; cellId: string; completed: number; elapsedMs: number }
  | { type: 'cell-end'; result: CellResult; index: number };

export interface ExecuteOutcome {
  /** complete: every cell ran; partial: interrupted; failed: a profile could not be prepared. */
  status: 'complete' | 'partial' | 'failed';
  results: CellResult[];
  error?: Error;
  notes: string[];
  stacks: StackRecord[];
}

export async function executePlan(suite: Suite, plan: Plan, deps: ExecuteDeps): Promise<ExecuteOutcome> {
  const results: CellResult[] = [];
  const notes: string[] = [];
  const stacks: StackRecord[] = [];
  let index = 0;
  try {
    for (const group of plan.groups) {
      if (deps.signal.aborted) break;
      deps.onEvent?.({ type: 'profile-start', profile: group.profile.name });
      let session: ProfileSession;
      try {
        session = await deps.target.prepare(group.profile, suite.workload, deps.signal, profileNeeds(group.cells, plan.target));
      } catch (cause) {
        if (deps.signal.aborted) break;
        throw new Error(`failed to prepare profile ${group.profile.name} on the ${deps.target.name} target`, { cause });
      }
      deps.onEvent?.({ type: 'profile-ready', profile: group.profile.name, dataPath: session.dataPath, notes: session.notes });
      // The session's own notes travel with each cell result; the run keeps the data path.
      notes.push(`${group.profile.name}: ${session.dataPath.join(' → ')}`);
      stacks.push({ profile: group.profile.name, dataPath: session.dataPath, facts: session.facts ?? {} });
      try {
        for (const cell of group.cells) {
          if (deps.signal.aborted) break;
          index += 1;
          deps.onEvent?.({ type: 'cell-start', cellId: cell.id, index });
          const result =
            cell.type === 'load' ? await runLoadCell(cell, session, deps) : await runColdStartCell(cell, session, deps);
          results.push(result);
          await deps.onResult(result);
          deps.onEvent?.({ type: 'cell-end', result, index });
        }
      } finally {
        await session.close();
      }
    }
  } catch (error) {
    return { status: 'failed', results, error: await withCleanup(deps.target, error as Error), notes, stacks };
  }
  const cleanupError = await withCleanup(deps.target, undefined);
  if (cleanupError) return { status: 'failed', results, error: cleanupError, notes, stacks };
  return { status: deps.signal.aborted ? 'partial' : 'complete', results, notes, stacks };
}

/** Always clean up; a cleanup failure is reported, after the error that caused it if any. */
async function withCleanup(target: Target, error: Error | undefined): Promise<Error | undefined> {
  try {
    await target.cleanup();
    return error;
  } catch (cause) {
    if (!error) return new Error(`cleanup of the ${target.name} target failed`, { cause });
    // Keep the first error (and its causes) in front; the cleanup failure rides along in its message.
    error.message += ` (cleanup of the ${target.name} target failed too: ${(cause as Error).message})`;
    return error;
  }
}

async function runLoadCell(cell: LoadCell, session: ProfileSession, deps: ExecuteDeps): Promise<LoadCellResult> {
  const startedAt = new Date().toISOString();
  const sampler = session.sampler(cell);
  sampler.start();
  let outcome: LoadOutcome;
  try {
    const { driver, endpoint } = deps.driverFor(cell, session);
    // The sampler's window is the driver's: what follows its end (a k6 Job completing, its log
    // read, its objects deleted) would otherwise add CPU time the cell's requests did not cost.
    outcome = await driver.run(cell, endpoint, deps.signal, {
      onMeasureStart: () => sampler.measureFrom(),
      onMeasureEnd: () => sampler.measureUntil(),
      onProgress: (completed, elapsedMs) =>
        deps.onEvent?.({ type: 'cell-progress', cellId: cell.id, completed, elapsedMs }),
    });
  } catch (error) {
    await sampler.stop(0); // its timer would keep the process alive
    // One cell failing (a k6 Job that failed, a pod log that lost samples) is that cell's result,
    // like an errored cold-start cell; the other cells and profiles still run.
    return { ...NOTHING_MEASURED, cell, status: 'errored', error: (error as Error).message, startedAt, finishedAt: new Date().toISOString(), resources: [], notes: [...session.notes] };
  }
  const resources = await sampler.stop(outcome.requests);
  const { aborted, ...measured } = outcome;
  return {
    ...measured,
    cell,
    status: aborted ? 'partial' : 'completed',
    startedAt,
    finishedAt: new Date().toISOString(),
    resources,
    notes: [...session.notes],
  };
}

const NOTHING_MEASURED = {
  requests: 0,
  errors: { total: 0, timeout: 0, connect: 0, http: {}, other: 0 },
  measuredMs: 0,
  achievedRps: 0,
  sendLag: { p50: 0, p99: 0, max: 0 },
  saturated: false,
  latency: { count: 0, min: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 },
  histogram: '',
} satisfies Omit<LoadOutcome, 'aborted'>;

async function runColdStartCell(
  cell: ColdStartCell,
  session: ProfileSession,
  deps: ExecuteDeps,
): Promise<ColdStartCellResult> {
  const startedAt = new Date().toISOString();
  const base = { cell, startedAt, notes: [...session.notes], iterations: [], discardedWarm: 0, resources: [] };
  if (!session.coldStart) {
    return { ...base, status: 'errored', error: `profile ${cell.profile} cannot scale from zero`, finishedAt: startedAt };
  }
  const sampler = session.sampler(cell);
  sampler.start();
  sampler.measureFrom();
  try {
    const { iterations, discardedWarm } = await session.coldStart(cell, deps.signal);
    // The figures are the cold services' (see the target's sampler): per cold request they served.
    const served = iterations.filter((iteration) => iteration.ok && iteration.kind !== 'warm').length;
    return {
      ...base,
      iterations,
      discardedWarm,
      status: deps.signal.aborted ? 'partial' : 'completed',
      finishedAt: new Date().toISOString(),
      resources: await sampler.stop(served),
    };
  } catch (error) {
    await sampler.stop(0);
    // The iterations measured before the failure stay in the result (the cell is still errored).
    const measured = error instanceof ColdStartFailed ? { iterations: error.iterations, discardedWarm: error.discardedWarm } : {};
    return { ...base, ...measured, status: 'errored', error: (error as Error).message, finishedAt: new Date().toISOString() };
  }
}
