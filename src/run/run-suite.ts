// The whole pipeline for one suite: plan → target → cells → results → analysis → reports.
import { median } from 'simple-statistics';
import { analyse } from '../analysis/compare.ts';
import { EnvironmentError, EXIT, UsageError } from '../errors.ts';
import { progressLine, type Progress } from './progress.ts';
import { version } from '../version.ts';
import { expandPlan } from '../plan/expand.ts';
import type { Plan } from '../plan/types.ts';
import { whyNoSamples } from '../report/no-samples.ts';
import type { CostOverrides } from '../analysis/cost.ts';
import { renderRun } from '../report/render.ts';
import { hasData, latencyOf } from '../results/cell-data.ts';
import { RunFileError } from '../results/run-files.ts';
import { captureEnvironment, type WarmupRecord } from '../results/run-record.ts';
import { createRun } from '../results/store.ts';
import type { CellResult } from '../results/types.ts';
import { formatDuration } from '../suite/duration.ts';
import type { Suite, TargetName } from '../suite/schema.ts';
import { hostPlatform, linuxPlatform } from '../targets/kind/platform.ts';
import { largestRequests, planRequests } from './cluster-requests.ts';
import { unsupported } from '../targets/local/index.ts';
import type { Facts } from '../doctor/checks.ts';
import { preflight } from '../doctor/preflight.ts';
import { execaRunner, type Runner } from '../exec/runner.ts';
import { openTarget, sampleInterval, type ClusterFlags } from './open-target.ts';
import { checkDrivers, driverResolver } from './drivers.ts';
import { executePlan, type ExecuteEvent } from './execute.ts';
import { trapInterrupts } from './interrupt.ts';
import { errorSummary } from './error-summary.ts';

export interface RunOptions {
  suiteFile: string;
  target: TargetName;
  /** Exact run directory; default reports/<timestamp>-<suite>. */
  runDir?: string | undefined;
  progress: Progress;
  command: string[];
  /** Flags of the cluster targets (kind, existing). */
  cluster?: ClusterFlags;
  /** Runs external CLIs (kind, docker, istioctl); default execa. */
  runner?: Runner;
  /** Cost flags laid over the suite's cost: block in the reports (not stored: `report` takes them again). */
  cost?: CostOverrides;
}

export interface RunSummary {
  dir: string;
  status: 'complete' | 'partial' | 'failed';
  results: CellResult[];
  exitCode: number;
  error?: Error;
  interruptedBy?: string;
}

export async function runSuite(suite: Suite, options: RunOptions): Promise<RunSummary> {
  const plan = expandPlan(suite, { target: options.target });
  const runner = options.runner ?? execaRunner();
  // Before anything is created: a missing docker or kind stops here with the doctor's fix hints.
  // On kind the requests are those of the steps as the host's platform builds them: the platform
  // only changes which image archives are saved, never what is requested.
  const largest = options.target === 'kind' ? largestRequests(planRequests(suite, plan, { platform: hostPlatform() })) : undefined;
  const requested = largest ? { profile: largest.profile, ...largest.requests.peak } : undefined;
  const facts = options.target === 'local' ? undefined : await preflight(runner, options.target, suite.profiles, { install: options.cluster?.install === true, requested });
  const platform = options.target === 'kind' ? daemonPlatform(facts) : undefined;
  await checkDrivers(plan, runner);
  checkEndpoint(plan, options.cluster);
  if (options.target === 'local') checkEmulated(plan);
  sampleInterval(options.cluster?.sampleInterval); // a bad flag fails before the run directory exists
  const store = await createRun({
    runDir: options.runDir,
    suiteName: suite.name,
    record: {
      meshbenchVersion: version,
      suite,
      suiteFile: options.suiteFile,
      plan,
      target: options.target,
      emulation: options.target === 'local',
      command: options.command,
      environment: captureEnvironment(),
      notes: [],
    },
  });
  const { progress } = options;
  // Trapped from here to the end: whatever the moment, a second signal leaves run.json partial.
  const interrupt = trapInterrupts(
    (signal) => progress.log(`${signal} received: stopping, keeping what was measured`),
    (signal) => store.markInterruptedSync(signal),
  );
  let stopped: Error | undefined;
  try {
    const target = openTarget(options.target, options.cluster ?? {}, {
      runner,
      runDir: store.dir,
      log: (line) => progress.log(line),
      platform,
    });
    progress.log(`meshbench ${version}: suite ${suite.name} on the ${target.name} target${target.emulation ? ' (emulation)' : ''}`);
    progress.log(`${plan.cellCount} cells, about ${formatDuration(plan.estimatedMs)}; writing ${store.dir}`);

    const outcome = await executePlan(suite, plan, {
      target,
      driverFor: driverResolver({ target: options.target, runner, workload: suite.workload, runDir: store.dir, onWarning: (message) => progress.log(`warning: ${message}`) }),
      signal: interrupt.signal,
      onResult: (result) => store.addResult(result),
      onEvent: eventPrinter(plan, progress),
    });
    stopped = outcome.error;

    const analysis = analyse(suite, outcome.results);
    const interruptedBy = interrupt.received();
    // Every cell ran and none measured anything: that is no result, not a success (results/cell-data.ts).
    const nothing = outcome.status === 'complete' && !outcome.results.some(hasData);
    const error = outcome.error ?? (nothing ? nothingMeasured(outcome.results.length) : undefined);
    const status = nothing ? 'failed' : outcome.status;
    await store.finish(status, {
      analysis,
      notes: outcome.notes,
      stacks: outcome.stacks,
      schedule: plan.schedule,
      order: outcome.order,
      ...(outcome.drift ? { drift: outcome.drift } : {}),
      ...(interruptedBy ? { interruptedBy } : {}),
      ...(error ? { error: errorSummary(error) } : {}),
    });
    await renderRun(store.dir, { cost: options.cost ?? {} });
    await store.close();

    const thresholdsFailed = analysis.thresholds.some((threshold) => !threshold.passed);
    const exitCode = error
      ? EXIT.environment
      : interruptedBy
        ? EXIT.interrupted
        : thresholdsFailed
          ? EXIT.thresholdFailed
          : EXIT.ok;
    return {
      dir: store.dir,
      status,
      results: outcome.results,
      exitCode,
      ...(error ? { error } : {}),
      ...(interruptedBy ? { interruptedBy } : {}),
    };
  } catch (error) {
    // A file that could not be written (a full disk), or anything unforeseen: the run is failed,
    // with the first thing that went wrong (a results.json the disk refused, not the run.json after it).
    // A run file this run wrote and cannot read back is meshbench's fault, not the user's input.
    const first = stopped ?? (error instanceof RunFileError ? new EnvironmentError(`meshbench wrote a run file it cannot read back (a bug): ${error.message}`) : (error as Error));
    if (first !== error && stopped) first.message += `; then: ${(error as Error).message}`;
    const unrecorded = await store.fail(errorSummary(first));
    if (unrecorded) first.message += ` (run.json could not be marked failed either: ${unrecorded.message})`;
    throw first;
  } finally {
    interrupt.dispose();
  }
}

function nothingMeasured(cells: number): Error {
  const which = cells === 1 ? 'the one cell' : `none of the ${cells} cells`;
  return new Error(`nothing was measured: ${which} produced a sample without an error (the notes name each errored cell)`);
}

/** kind nodes run the docker daemon's architecture, so images are saved for it (plan can only show the host's). */
function daemonPlatform(facts: Facts | undefined): string {
  const architecture = facts?.dockerDaemon?.architecture;
  if (architecture === undefined) throw new EnvironmentError('docker info reported no Architecture: cannot tell which platform to save the images for (nothing was created)');
  return linuxPlatform(architecture);
}

/** Before anything starts: every profile must be one the local emulation can run (exit 2 otherwise). */
function checkEmulated(plan: Plan): void {
  const refused = plan.groups.flatMap(({ profile }) => {
    const why = unsupported(profile);
    return why ? [`${profile.name}: ${why}`] : [];
  });
  if (refused.length > 0) throw new UsageError(`the local target cannot run these profiles (use --target kind or existing):\n  ${refused.join('\n  ')}`);
}

/** The builtin driver sends from this machine: on an existing cluster it needs an address to send to. */
function checkEndpoint(plan: Plan, cluster: ClusterFlags | undefined): void {
  const builtinLoad = plan.groups.some((group) => group.cells.some((cell) => cell.type === 'load' && cell.driver === 'builtin'));
  if (plan.target === 'existing' && builtinLoad && !cluster?.ingressUrl) {
    throw new UsageError('the builtin driver sends load from this machine: on an existing cluster pass --ingress-url <url> (the ingress, or a kubectl port-forward)');
  }
}

function eventPrinter(plan: Plan, progress: Progress): (event: ExecuteEvent) => void {
  const started = performance.now();
  let finished = 0;
  return (event) => {
    const elapsed = performance.now() - started;
    switch (event.type) {
      case 'profile-start':
        progress.log(`profile ${event.profile}: preparing`);
        break;
      case 'profile-ready':
        progress.log(`profile ${event.profile}: ${event.dataPath.join(' → ')}${event.notes.length ? ` (${event.notes.join('; ')})` : ''}`);
        break;
      case 'warmup':
        progress.log(`profile ${event.profile}: ${describeWarmup(event.warmup)}`);
        break;
      case 'reference':
        progress.log(`reference cell (${event.phase}): ${event.p50s ? `p50 ${event.p50s.map((p50) => p50.toFixed(2)).join(' ')} ms` : `error: ${event.error}`}`);
        break;
      case 'cell-start':
      case 'cell-progress':
        progress.status(`${progressLine(finished, plan.cellCount, elapsed, plan.estimatedMs - elapsed)} · ${event.cellId}`);
        break;
      case 'cell-end':
        finished = event.index;
        progress.log(`[${event.index}/${plan.cellCount}] ${describe(event.result)}`);
        break;
    }
  };
}

function describeWarmup(warmup: WarmupRecord): string {
  if ('skipped' in warmup) return `no stack warm-up (${warmup.skipped})`;
  if ('failed' in warmup) return `STACK WARM-UP FAILED: ${warmup.failed}; its cells are not measured`;
  const load = warmup.rate === undefined ? `${warmup.connections} connections` : `${warmup.rate} rps`;
  return `stack warmed: ${formatDuration(warmup.ms)} at ${load}, ${warmup.requests} requests (${warmup.errors} errors), not recorded`;
}

/** One line per finished cell, the same on a TTY and in CI logs. */
function describe(result: CellResult): string {
  const id = result.cell.id;
  if (result.status === 'errored') return `${id}: error: ${result.error}`;
  const mark = result.status === 'partial' ? ' (partial)' : '';
  if ('requests' in result) {
    const latency = latencyOf(result);
    const figures = latency ? `p50 ${latency.p50.toFixed(2)}ms p99 ${latency.p99.toFixed(2)}ms` : `no samples (${whyNoSamples(result)})`;
    const saturated = result.saturated ? ` · SATURATED: ${result.saturationReason}` : '';
    return `${id}: ${figures} · ${result.achievedRps.toFixed(0)} rps · ${result.errors.total} errors${saturated}${mark}`;
  }
  const cold = result.iterations.filter((iteration) => iteration.cold && iteration.ok);
  const typical = cold.length ? `median ${median(cold.map((iteration) => iteration.totalMs)).toFixed(0)}ms` : 'none answered';
  return `${id}: ${cold.length} cold starts, ${typical} · ${result.discardedWarm} discarded warm${mark}`;
}
