// Walks the plan in its order (plan/order.ts): prepare each profile once, warm its stack before its
// first measured cell, run its cells, keep every result as soon as it exists. Interleaved plans
// hold every profile's session at once; sequential ones close a profile before the next and run
// the reference cell at the start and end for a drift check. An interrupt (signal) stops at the
// next safe point; what was measured stays as data.
import type { LoadOutcome } from '../drivers/driver.ts';
import type { ReferencePhase } from '../plan/reference.ts';
import type { ColdStartCell, LoadCell, Plan, PlanCell, PlanGroup } from '../plan/types.ts';
import { ColdStartFailed } from '../results/iterations.ts';
import type { DriftRecord, StackRecord, WarmupRecord } from '../results/run-record.ts';
import type { CellResult, ColdStartCellResult, LoadCellResult } from '../results/types.ts';
import type { Suite } from '../suite/schema.ts';
import type { ProfileSession, Target } from '../targets/target.ts';
import { INTERLEAVED_DRIFT, referenceDrift } from './drift.ts';
import { profileNeeds } from './profile-needs.ts';
import type { DriverFor } from './drivers.ts';
import { measureReference, startReferenceEcho, type StartReference } from './reference-cell.ts';
import { warmStack } from './stack-warmup.ts';

export interface ExecuteDeps {
  target: Target;
  /** The driver and endpoint of a load cell on a session. */
  driverFor: DriverFor;
  /** Called with each cell's result as soon as the cell ends. */
  onResult(result: CellResult): Promise<void>;
  /** Progress events for the CLI. */
  onEvent?(event: ExecuteEvent): void;
  signal: AbortSignal;
  /** Starts the reference cell's echo server on sequential plans (default: the echo workload on 127.0.0.1). */
  startReference?: StartReference;
}

export type ExecuteEvent =
  | { type: 'profile-start'; profile: string }
  | { type: 'profile-ready'; profile: string; dataPath: string[]; notes: string[] }
  | { type: 'warmup'; profile: string; warmup: WarmupRecord }
  | { type: 'reference'; phase: ReferencePhase; p50s?: number[]; error?: string }
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
  /** Cell ids in the order they ran. */
  order: string[];
  drift: DriftRecord | undefined;
}

export async function executePlan(suite: Suite, plan: Plan, deps: ExecuteDeps): Promise<ExecuteOutcome> {
  const results: CellResult[] = [];
  const notes: string[] = [];
  const stacks: StackRecord[] = [];
  const order: string[] = [];
  const sessions = new Map<string, ProfileSession>();
  const warmups = new Map<string, WarmupRecord>();
  const groups = new Map(plan.groups.map((group) => [group.profile.name, group]));
  const cells = new Map(plan.groups.flatMap((group) => group.cells.map((cell): [string, PlanCell] => [cell.id, cell])));
  let drift: DriftRecord | undefined = plan.schedule === 'interleaved' ? INTERLEAVED_DRIFT : undefined;
  const outcome = (status: ExecuteOutcome['status'], error?: Error): ExecuteOutcome => ({ status, results, notes, stacks, order, drift, ...(error ? { error } : {}) });

  const open = async (group: PlanGroup): Promise<ProfileSession> => {
    const existing = sessions.get(group.profile.name);
    if (existing) return existing;
    deps.onEvent?.({ type: 'profile-start', profile: group.profile.name });
    let session: ProfileSession;
    try {
      session = await deps.target.prepare(group.profile, suite.workload, deps.signal, profileNeeds(group.cells, plan.target));
    } catch (cause) {
      throw new PrepareFailed(`failed to prepare profile ${group.profile.name} on the ${deps.target.name} target`, { cause });
    }
    sessions.set(group.profile.name, session);
    deps.onEvent?.({ type: 'profile-ready', profile: group.profile.name, dataPath: session.dataPath, notes: session.notes });
    // The session's own notes travel with each cell result; the run keeps the data path.
    notes.push(`${group.profile.name}: ${session.dataPath.join(' → ')}`);
    stacks.push({ profile: group.profile.name, dataPath: session.dataPath, facts: session.facts ?? {} });
    return session;
  };
  const warm = async (group: PlanGroup, session: ProfileSession): Promise<WarmupRecord> => {
    const done = warmups.get(group.profile.name);
    if (done) return done;
    const warmup = await warmStack(group.warmup, session, deps.driverFor, deps.signal);
    warmups.set(group.profile.name, warmup);
    stacks.find((stack) => stack.profile === group.profile.name)!.warmup = warmup;
    deps.onEvent?.({ type: 'warmup', profile: group.profile.name, warmup });
    return warmup;
  };
  const close = async (profile: string): Promise<void> => {
    const session = sessions.get(profile);
    sessions.delete(profile);
    await session?.close();
  };
  const reference = async (phase: ReferencePhase): Promise<number[] | Error> => {
    try {
      const p50s = await measureReference(phase, deps.startReference ?? startReferenceEcho, deps.signal);
      deps.onEvent?.({ type: 'reference', phase, p50s });
      return p50s;
    } catch (error) {
      deps.onEvent?.({ type: 'reference', phase, error: (error as Error).message });
      return error as Error;
    }
  };

  let referenceStart: number[] | Error | undefined;
  try {
    try {
      if (plan.reference) referenceStart = await reference('start');
      if (plan.schedule === 'interleaved') {
        for (const group of plan.groups) if (!deps.signal.aborted) await open(group);
      }
      const lastOf = new Map(plan.order.map((id) => [cells.get(id)!.profile, id]));
      let index = 0;
      for (const id of plan.order) {
        if (deps.signal.aborted) break;
        const cell = cells.get(id)!;
        const group = groups.get(cell.profile)!;
        const session = await open(group);
        const warmup = await warm(group, session);
        if (deps.signal.aborted) break;
        index += 1;
        deps.onEvent?.({ type: 'cell-start', cellId: cell.id, index });
        const result =
          'failed' in warmup
            ? notMeasured(cell, session, `not measured: the stack warm-up failed: ${warmup.failed}`)
            : cell.type === 'load'
              ? await runLoadCell(cell, session, deps)
              : await runColdStartCell(cell, session, deps);
        results.push(result);
        order.push(id);
        if (result.status === 'errored') notes.push(`cell ${cell.id} errored: ${result.error}`);
        await deps.onResult(result);
        deps.onEvent?.({ type: 'cell-end', result, index });
        if (plan.schedule === 'sequential' && lastOf.get(cell.profile) === id) await close(cell.profile);
      }
    } finally {
      for (const profile of [...sessions.keys()]) await close(profile);
    }
    if (plan.reference) drift = await endDrift(referenceStart, deps.signal.aborted ? undefined : await reference('end'));
  } catch (error) {
    // A prepare cut short by an interrupt is the interrupt's doing, not a failed profile.
    if (!(deps.signal.aborted && error instanceof PrepareFailed)) return outcome('failed', await withCleanup(deps.target, error as Error));
  }
  const cleanupError = await withCleanup(deps.target, undefined);
  if (cleanupError) return outcome('failed', cleanupError);
  return outcome(deps.signal.aborted ? 'partial' : 'complete');
}

class PrepareFailed extends Error {}

/** The drift check from both reference phases, or why there is none. */
function endDrift(start: number[] | Error | undefined, end: number[] | Error | undefined): DriftRecord {
  if (start instanceof Error) return { method: 'reference', error: `the start reference failed: ${start.message}` };
  if (end instanceof Error) return { method: 'reference', error: `the end reference failed: ${end.message}` };
  if (!start || !end) return { method: 'reference', error: 'the run was interrupted before the end reference' };
  return referenceDrift(start, end);
}

/** A cell of a profile whose stack could not be warmed: errored, with why, like a failed cell. */
function notMeasured(cell: PlanCell, session: ProfileSession, error: string): CellResult {
  const at = new Date().toISOString();
  const base = { status: 'errored' as const, error, startedAt: at, finishedAt: at, resources: [], notes: [...session.notes] };
  return cell.type === 'load' ? { ...NOTHING_MEASURED, ...base, cell } : { ...base, cell, iterations: [], discardedWarm: 0 };
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
    const finishedAt = new Date().toISOString();
    // A failure while the run is being interrupted is the interrupt's doing: the cell is partial.
    if (deps.signal.aborted) return { ...NOTHING_MEASURED, cell, status: 'partial', startedAt, finishedAt, resources: [], notes: [...session.notes, interruptedNote(error)] };
    // One cell failing (a k6 Job that failed, a pod log that lost samples) is that cell's result,
    // like an errored cold-start cell; the other cells and profiles still run.
    return { ...NOTHING_MEASURED, cell, status: 'errored', error: (error as Error).message, startedAt, finishedAt, resources: [], notes: [...session.notes] };
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
    // The iterations measured before the failure stay in the result.
    const measured = error instanceof ColdStartFailed ? { iterations: error.iterations, discardedWarm: error.discardedWarm } : {};
    const finishedAt = new Date().toISOString();
    // Interrupted is partial, whatever broke while the processes were being stopped.
    if (deps.signal.aborted) return { ...base, ...measured, status: 'partial', finishedAt, notes: [...base.notes, interruptedNote(error)] };
    return { ...base, ...measured, status: 'errored', error: (error as Error).message, finishedAt };
  }
}

function interruptedNote(error: unknown): string {
  return `interrupted: ${error instanceof Error ? error.message : String(error)}`;
}
