// Which load driver runs a cell, and where it sends: the builtin driver from this process to the
// session's URL; k6 from the local binary (same URL), or from inside the cluster (a Job or a
// k6-operator TestRun) to the workload's in-cluster address.
import { EnvironmentError, UsageError } from '../errors.ts';
import { builtinDriver } from '../drivers/builtin/index.ts';
import type { Endpoint, LoadDriver } from '../drivers/driver.ts';
import { k6Usable } from '../drivers/k6/availability.ts';
import { createK6Driver } from '../drivers/k6/driver.ts';
import { k6RunnerOf } from '../drivers/k6/runner-choice.ts';
import type { Runner } from '../exec/runner.ts';
import type { LoadCell, Plan } from '../plan/types.ts';
import type { TargetName, Workload } from '../suite/schema.ts';
import type { ProfileSession } from '../targets/target.ts';

export type DriverFor = (cell: LoadCell, session: ProfileSession) => { driver: LoadDriver; endpoint: Endpoint };

/** Before anything is created: every k6 cell must be runnable where the plan puts it. */
export async function checkDrivers(plan: Plan, runner: Runner): Promise<void> {
  const k6Cells = plan.groups.flatMap((group) => group.cells).filter((cell): cell is LoadCell => cell.type === 'load' && cell.driver === 'k6');
  const runners = new Set(k6Cells.map((cell) => k6RunnerOf(cell, plan.target)));
  if (plan.target === 'local' && (runners.has('job') || runners.has('testrun'))) {
    throw new UsageError('k6 runners job and testrun run inside a cluster: use them with --target kind or existing, or k6.runner: local');
  }
  if (runners.has('local')) {
    const k6 = await k6Usable(runner);
    if (!k6.usable) {
      throw new EnvironmentError(`the k6 driver needs a local k6 here: ${k6.reason}`, {
        hint: 'install k6 v0.57 or newer (https://grafana.com/docs/k6/latest/set-up/install-k6/), or set driver: builtin',
      });
    }
  }
}

export function driverResolver(options: { target: TargetName; runner: Runner; workload: Workload; runDir: string; onWarning: (message: string) => void }): DriverFor {
  return (cell, session) => {
    const direct: Endpoint = { url: session.url, ...(session.headers ? { headers: session.headers } : {}) };
    if (cell.driver === 'builtin') return { driver: builtinDriver, endpoint: direct };
    const mode = k6RunnerOf(cell, options.target);
    const common = { runner: options.runner, workload: options.workload, runDir: options.runDir, onWarning: options.onWarning };
    if (mode === 'local') return { driver: createK6Driver({ mode, ...common }), endpoint: direct };
    const { cluster } = session;
    if (!cluster) throw new Error(`k6 runner ${mode} needs a cluster, and profile ${session.profile} has none here`);
    const driver = createK6Driver({ mode, ...common, kube: cluster.kube, namespace: cluster.namespace, runId: cluster.runId, parallelism: cell.k6?.parallelism ?? 1 });
    return { driver, endpoint: { url: cluster.url } };
  };
}
