// The k6-operator runner: a TestRun with `parallelism` runner pods, each running 1/N of the
// arrival rate (the env is sized with `runners: N`), for loads one pod cannot generate. Watches
// `status.stage` to `finished` (`error` fails the cell), reads every runner pod's log (label
// k6_cr=<name>, runner=true) for its summary, merges their latencies by count into ONE histogram,
// then deletes the TestRun (the operator's runner Jobs and pods go with it) and the ConfigMap.
import type { KubeObject } from '../../cluster/objects.ts';
import type { DriverHooks, LoadOutcome } from '../driver.ts';
import type { K6CellRun } from './cell-run.ts';
import { inClusterRun, outcomeOfPods, type ClusterRunDeps } from './in-cluster.ts';
import { k6ConfigMap, k6DeadlineSeconds, k6TestRun } from './objects.ts';
import { describePods, listPods } from './pods.ts';
import { waitForObject } from './wait-object.ts';

type Stage = 'finished' | 'error';

export async function runK6TestRun(
  run: K6CellRun,
  parallelism: number,
  deps: ClusterRunDeps,
  signal: AbortSignal,
  hooks: DriverHooks = {},
): Promise<LoadOutcome> {
  const { kube, namespace } = deps;
  const options = { ...(await inClusterRun(run, deps, parallelism)), parallelism };
  const { env } = options;
  const objects = [k6ConfigMap(options), k6TestRun(options)] as KubeObject[];
  // The operator also labels its initializer and starter pods with k6_cr; only runners run the test.
  const selector = `k6_cr=${run.name},runner=true`;
  const where = `k6 TestRun ${namespace}/${run.name}`;
  let measureTimer: NodeJS.Timeout | undefined;
  try {
    // Inside the try: a ConfigMap applied before a failing Job/TestRun apply is still removed.
    await kube.apply(objects);
    // The operator starts all runners together at `started`; the warm-up runs from there.
    const waited = await waitForObject<Stage>(kube, `/apis/k6.io/v1alpha1/namespaces/${namespace}/testruns`, run.name, (testRun) => {
      const stage = ((testRun.status ?? {}) as { stage?: string }).stage;
      if (stage === 'started' && measureTimer === undefined && hooks.onMeasureStart) measureTimer = setTimeout(hooks.onMeasureStart, run.cell.warmupMs);
      return stage === 'finished' || stage === 'error' ? stage : undefined;
    }, { signal, timeoutMs: k6DeadlineSeconds(env) * 1000 + (deps.waitSlackMs ?? 120_000) });
    const pods = await listPods(kube, namespace, selector);
    if (waited.kind === 'timeout' || waited.kind === 'deleted') {
      const stage = ((waited.object?.status ?? {}) as { stage?: string }).stage ?? 'none';
      throw new Error(`${where} ${waited.kind === 'timeout' ? 'did not finish in time' : 'was deleted before it finished'} (stage ${stage}); ${describePods(pods)}`);
    }
    if (waited.kind === 'decided' && waited.value === 'error') throw new Error(`${where} reached stage error; ${describePods(pods)}`);
    const aborted = waited.kind === 'aborted';
    if (!aborted && pods.length !== parallelism) {
      throw new Error(`${where} finished with ${pods.length} runner pod(s), expected ${parallelism}; ${describePods(pods)}`);
    }
    return await outcomeOfPods(run, deps, pods, aborted, where);
  } finally {
    clearTimeout(measureTimer);
    // Garbage collection takes the operator's Jobs and pods with the TestRun; deleting the pods
    // (initializer and starter too) here as well means none outlives the cell if it lags.
    const pods = await listPods(kube, namespace, `k6_cr=${run.name}`).catch(() => []);
    await kube.delete([...objects, ...pods]).catch((error: Error) => {
      // Never hide the cell's own error behind a cleanup failure; say what may be left.
      deps.onWarning?.(`k6 cleanup in ${namespace} failed: ${error.message}`);
    });
  }
}
