// The k6 driver: the same LoadDriver seam as the builtin one, with three ways to run k6 —
// `local` (the k6 binary on PATH), `job` (one pod in the run's namespace) and `testrun`
// (k6-operator, N runner pods). Whichever runs it, samples become one HDR histogram per cell.
import type { Kube } from '../../kube/kube.ts';
import type { Labels } from '../../kube/ownership.ts';
import type { Runner } from '../../exec/runner.ts';
import type { LoadCell } from '../../plan/types.ts';
import type { Workload } from '../../suite/schema.ts';
import type { DriverHooks, Endpoint, LoadDriver, LoadOutcome } from '../driver.ts';
import { k6CellRun } from './cell-run.ts';
import type { ClusterRunDeps } from './in-cluster.ts';
import { runK6Job } from './run-job.ts';
import { runK6Local } from './run-local.ts';
import { runK6TestRun } from './run-testrun.ts';

export type K6Mode = 'local' | 'job' | 'testrun';

export interface K6DriverDeps {
  mode: K6Mode;
  /** Runs the local `k6` binary (mode `local`). */
  runner: Runner;
  /** The echo workload's delay and size, sent as query parameters. */
  workload: Workload;
  /** Modes `job` and `testrun`: the cluster, the run's namespace, its id (ownership labels). */
  kube?: Kube;
  namespace?: string;
  runId?: string;
  /** Labels of the workload pods, which the k6 pods keep off; default `{app: 'echo'}`. */
  workloadLabels?: Labels;
  /** Mode `testrun`: runner pods sharing the load (default 1). */
  parallelism?: number;
  /** Keep what k6 reported (summaries; locally also the raw samples) under <runDir>/k6 for audit. */
  runDir?: string;
  /** Skipped lines, failed checks, a summary that disagrees: for the run's notes. */
  onWarning?: (message: string) => void;
}

function clusterDeps(deps: K6DriverDeps): ClusterRunDeps {
  const { kube, namespace, runId } = deps;
  if (kube === undefined || namespace === undefined || runId === undefined) {
    throw new Error(`the k6 driver in mode ${deps.mode} needs kube, namespace and runId`);
  }
  return {
    kube,
    namespace,
    runId,
    workloadLabels: deps.workloadLabels ?? { app: 'echo' },
    ...(deps.runDir === undefined ? {} : { runDir: deps.runDir }),
    ...(deps.onWarning === undefined ? {} : { onWarning: deps.onWarning }),
  };
}

export function createK6Driver(deps: K6DriverDeps): LoadDriver {
  const parallelism = deps.parallelism ?? 1;
  if (!Number.isInteger(parallelism) || parallelism < 1) throw new Error(`k6 parallelism must be a positive integer, got ${parallelism}`);
  // Checked now, so a misconfigured driver fails before any cell runs.
  const cluster = deps.mode === 'local' ? undefined : clusterDeps(deps);
  return {
    name: 'k6',
    async run(cell: LoadCell, endpoint: Endpoint, signal: AbortSignal, hooks?: DriverHooks): Promise<LoadOutcome> {
      const run = k6CellRun(cell, endpoint, deps.workload);
      if (cluster === undefined) return runK6Local(run, deps, signal, hooks);
      if (deps.mode === 'job') return runK6Job(run, cluster, signal, hooks);
      return runK6TestRun(run, parallelism, cluster, signal, hooks);
    },
  };
}
