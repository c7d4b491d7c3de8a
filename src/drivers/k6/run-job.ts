// The Job runner: one k6 pod in the run's namespace. Applies the script ConfigMap and the Job,
// waits for the Job to complete, reads the summary back from the pod log (see pods.ts), and deletes
// the Job, its pod and the ConfigMap whatever happened. Good up to what one pod generates; beyond
// that use the TestRun runner.
import type { KubeObject } from '../../kube/objects.ts';
import type { DriverHooks, LoadOutcome } from '../driver.ts';
import { scheduleMeasureWindow, type MeasureWindow } from '../measure-window.ts';
import type { K6CellRun } from './cell-run.ts';
import { inClusterRun, outcomeOfPods, type ClusterRunDeps } from './in-cluster.ts';
import { k6ConfigMap, k6DeadlineSeconds, k6Job } from './objects.ts';
import { describePods, listPods } from './pods.ts';
import { waitForObject } from './wait-object.ts';

type JobVerdict = { done: 'succeeded' } | { done: 'failed'; why: string };

function jobVerdict(job: KubeObject): JobVerdict | undefined {
  const status = (job.status ?? {}) as { succeeded?: number; failed?: number; conditions?: { type: string; status: string; reason?: string; message?: string }[] };
  const failed = status.conditions?.find((c) => c.type === 'Failed' && c.status === 'True');
  if (failed) return { done: 'failed', why: [failed.reason, failed.message].filter(Boolean).join(': ') || 'Failed' };
  if ((status.succeeded ?? 0) > 0) return { done: 'succeeded' };
  if ((status.failed ?? 0) > 0) return { done: 'failed', why: `${status.failed} pod(s) failed` };
  return undefined;
}

export async function runK6Job(run: K6CellRun, deps: ClusterRunDeps, signal: AbortSignal, hooks: DriverHooks = {}): Promise<LoadOutcome> {
  const { kube, namespace } = deps;
  const options = await inClusterRun(run, deps, 1);
  const { env } = options;
  const objects = [k6ConfigMap(options), k6Job(options)] as KubeObject[];
  const selector = `job-name=${run.name}`;
  const where = `k6 Job ${namespace}/${run.name}`;
  // The measured window opens a warm-up after k6 starts; "the Job has a ready pod" is the closest
  // moment the API shows (image pulls come before it), so resource sampling may start a bit early.
  // It closes the measure scenario's duration later, or when the Job ends first — never after the
  // Job's completion, its log download and its deletes (seconds that are not the cell's).
  let window: MeasureWindow | undefined;
  try {
    // Inside the try: a ConfigMap applied before a failing Job/TestRun apply is still removed.
    await kube.apply(objects);
    const waited = await waitForObject(kube, `/apis/batch/v1/namespaces/${namespace}/jobs`, run.name, (job) => {
      const status = (job.status ?? {}) as { ready?: number; active?: number };
      // status.ready arrived in Kubernetes 1.23/1.24; older clusters (the Istio 1.4 node image)
      // only say the pod is active, which starts the window a little earlier (image pull included).
      const started = status.ready !== undefined ? status.ready > 0 : (status.active ?? 0) > 0;
      if (started && window === undefined) window = scheduleMeasureWindow(hooks, run.cell.warmupMs, run.cell.durationMs);
      return jobVerdict(job);
    }, { signal, timeoutMs: k6DeadlineSeconds(env) * 1000 + (deps.waitSlackMs ?? 60_000) });
    window?.close();
    const pods = await listPods(kube, namespace, selector);
    if (waited.kind === 'timeout' || waited.kind === 'deleted') {
      throw new Error(`${where} ${waited.kind === 'timeout' ? 'did not finish in time' : 'was deleted before it finished'}; ${describePods(pods)}`);
    }
    if (waited.kind === 'decided' && waited.value.done === 'failed') {
      throw new Error(`${where} failed (${waited.value.why}); ${describePods(pods)}`);
    }
    // An aborted run keeps what the pod reported; a pod still running has no summary yet.
    return await outcomeOfPods(run, deps, pods, waited.kind === 'aborted', where);
  } finally {
    window?.close();
    // Deleting a batch/v1 Job through the API orphans its pods by default: delete them too.
    const pods = await listPods(kube, namespace, selector).catch(() => []);
    await kube.delete([...objects, ...pods]).catch((error: Error) => {
      // Never hide the cell's own error behind a cleanup failure; say what may be left.
      deps.onWarning?.(`k6 cleanup in ${namespace} failed: ${error.message}`);
    });
  }
}
