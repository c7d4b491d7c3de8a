// The k6-operator runner: a TestRun with `parallelism` runner pods, each running 1/N of the
// arrival rate (the env is sized with `runners: N`), for loads one pod cannot generate. Watches
// `status.stage` to `finished` (`error` fails the cell), reads every runner pod's log (label
// k6_cr=<name>, runner=true) for its summary, merges their latencies by count into ONE histogram,
// then deletes the TestRun (the operator's runner Jobs and pods go with it) and the ConfigMap.
//
// The measured window opens a warm-up after the runners really start. That is not stage `started`:
// the operator sets it as it CREATES the starter Job (k6-operator v1.6.0 internal/controller/
// k6_start.go), whose curl then resumes the runners — started `--paused` — one PATCH /v1/status
// after another (pkg/resources/jobs/starter.go, pkg/resources/containers/curl_start.go). The last
// runner is resumed when the starter Job `<name>-starter` completes: the window opens from there.
import type { KubeObject } from '../../kube/objects.ts';
import type { DriverHooks, LoadOutcome } from '../driver.ts';
import { scheduleMeasureWindow, type MeasureWindow } from '../measure-window.ts';
import type { K6CellRun } from './cell-run.ts';
import { inClusterRun, outcomeOfPods, type ClusterRunDeps } from './in-cluster.ts';
import { k6ConfigMap, k6DeadlineSeconds, k6TestRun } from './objects.ts';
import { describePods, listPods } from './pods.ts';
import { waitForObject } from './wait-object.ts';

type Stage = 'finished' | 'error';

function completed(job: KubeObject): true | undefined {
  const status = (job.status ?? {}) as { succeeded?: number; conditions?: { type: string; status: string }[] };
  return (status.succeeded ?? 0) > 0 || status.conditions?.some((c) => c.type === 'Complete' && c.status === 'True') ? true : undefined;
}

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
  const timeoutMs = k6DeadlineSeconds(env) * 1000 + (deps.waitSlackMs ?? 120_000);
  let window: MeasureWindow | undefined;
  let done = false;
  const stopStarterWatch = new AbortController();
  let starter: Promise<void> | undefined;
  try {
    // Inside the try: a ConfigMap applied before a failing Job/TestRun apply is still removed.
    await kube.apply(objects);
    starter = waitForObject(kube, `/apis/batch/v1/namespaces/${namespace}/jobs`, `${run.name}-starter`, completed, {
      signal: AbortSignal.any([signal, stopStarterWatch.signal]),
      timeoutMs,
    }).then(
      (waited) => {
        if (waited.kind === 'decided' && !done) window = scheduleMeasureWindow(hooks, run.cell.warmupMs, run.cell.durationMs);
      },
      // Without the starter's completion no window opens: the samplers then measure the whole run.
      (error: Error) => deps.onWarning?.(`${where}: could not watch the starter Job: ${error.message}`),
    );
    const waited = await waitForObject<Stage>(kube, `/apis/k6.io/v1alpha1/namespaces/${namespace}/testruns`, run.name, (testRun) => {
      const stage = ((testRun.status ?? {}) as { stage?: string }).stage;
      return stage === 'finished' || stage === 'error' ? stage : undefined;
    }, { signal, timeoutMs });
    done = true;
    window?.close();
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
    done = true;
    window?.close();
    stopStarterWatch.abort();
    await starter;
    // Garbage collection takes the operator's Jobs and pods with the TestRun; deleting the pods
    // (initializer and starter too) here as well means none outlives the cell if it lags.
    const pods = await listPods(kube, namespace, `k6_cr=${run.name}`).catch(() => []);
    await kube.delete([...objects, ...pods]).catch((error: Error) => {
      // Never hide the cell's own error behind a cleanup failure; say what may be left.
      deps.onWarning?.(`k6 cleanup in ${namespace} failed: ${error.message}`);
    });
  }
}
