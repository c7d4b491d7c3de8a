// Scale-from-zero on a cluster, the knative/serving benchmark way: make sure each service is at
// zero (no desired replicas, no pods, terminating ones included), open watches, send one request
// per service at once, and fold what the watches saw into one timeline per request. A plain
// Deployment runs the same experiment with the harness scaling it 0 → 1 as its "request", so the
// report can tell Knative's share of a cold start from the pod's own.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kube } from '../../kube/kube.ts';
import type { KubeObject } from '../../kube/objects.ts';
import { podReady, waitFor, WaitTimeoutError } from '../../kube/wait.ts';
import type { ColdStartCell } from '../../plan/types.ts';
import { ColdStartFailed, isDiscardedWarm } from '../../results/iterations.ts';
import type { ColdStartIteration } from '../../results/types.ts';
import { established, podSelector, startServiceWatch, type ServiceWatch } from './service-watch.ts';
import { belongsTo, foldTimeline, zeroProblems, type Phase, type ServiceKind } from './timeline.ts';

export interface ColdResponse {
  status: number;
  bodyBytes: number;
  /** performance.now() when the first byte of the answer arrived. */
  firstByteAt: number;
}

export interface ColdStartDeps {
  kube: Kube;
  namespace: string;
  /** Ksvc (or Deployment) names; the first `cell.services` are used. */
  services: string[];
  kind: ServiceKind;
  /** The harness's HTTP call to a service through the ingress; rejects when `signal` aborts. */
  request(service: string, signal: AbortSignal): Promise<ColdResponse>;
  expectedBodyBytes: number;
  /** A service kept at one replica, requested the same way after each iteration's cold requests (warm baseline). */
  warmService?: string;
  signal: AbortSignal;
  /** The clock `sentAt` is stamped on: the Kube seam's and `request`'s (performance.now by default). */
  now?: () => number;
  /** How long a service may take to reach zero, after `idle`, before the iteration counts as warm (the target derives it: cluster/cold-starts.ts). */
  zeroTimeoutMs: number;
  /** Polling interval of the zero check. */
  zeroPollMs?: number;
}

/** A cluster iteration carries the API server's own timestamps next to the marks, as a cross-check. */
export interface KubeColdStartIteration extends ColdStartIteration {
  apiServer: Partial<Record<Phase, string>>;
}

const FIELD_MANAGER = 'meshbench-cold-start';
/** After the answer, how long to keep watching for a pod Ready event that is still on its way. */
const LINGER_MS = 2_000;
/** Between attempts to reach a plain Deployment whose pod is Ready but not yet behind its Service. */
const RETRY_MS = 50;

export async function measureColdStarts(cell: ColdStartCell, deps: ColdStartDeps): Promise<{ iterations: KubeColdStartIteration[]; discardedWarm: number }> {
  const { kube, namespace, kind, signal } = deps;
  if (deps.services.length < cell.services) throw new Error(`${cell.id} makes ${cell.services} services cold at once, only ${deps.services.length} are deployed`);
  const services = deps.services.slice(0, cell.services);
  const { zeroTimeoutMs } = deps;
  const iterations: KubeColdStartIteration[] = [];
  try {
    for (let iteration = 1; iteration <= cell.iterations; iteration++) {
      await sleep(cell.idleMs, undefined, { signal });
      if (kind === 'deployment') await kube.apply(services.map((service) => scaled(service, namespace, 0)), FIELD_MANAGER);
      // Knative is left to scale itself to zero: forcing it would measure something else.
      const notZero = await Promise.all(services.map((service) => verifyZero(deps, service, zeroTimeoutMs, deps.zeroPollMs ?? 250)));
      const watches = services.map((service) => startServiceWatch(kube, namespace, service, kind));
      try {
        await Promise.all(watches.map((watch, i) => established(watch, services[i]!, kind, signal)));
        const measured = await Promise.all(services.map((service, i) => coldStart(cell, deps, service, watches[i]!, notZero[i])));
        measured.forEach((result, i) => iterations.push({ iteration, service: services[i]!, ...result }));
      } finally {
        await Promise.all(watches.map((watch) => watch.stop()));
      }
      // After the cold answers, not alongside them: the warm request must not share the node with a starting pod.
      if (deps.warmService) iterations.push({ iteration, service: deps.warmService, ...(await warmRequest(cell, deps, deps.warmService)) });
    }
  } catch (error) {
    // An interrupted cell keeps what it measured; a failed one reports it alongside the error.
    if (!signal.aborted) throw new ColdStartFailed(iterations, error);
  }
  return { iterations, discardedWarm: iterations.filter(isDiscardedWarm).length };
}

/** Undefined once the service is at zero; otherwise what was still there when the wait ran out. */
async function verifyZero(deps: ColdStartDeps, service: string, timeoutMs: number, intervalMs: number): Promise<string | undefined> {
  const { kube, namespace, kind, signal } = deps;
  const labelSelector = podSelector(service, kind);
  const current = async () => {
    const lists = await Promise.all([
      kube.list('apps/v1', 'Deployment', { namespace, labelSelector }),
      kube.list('v1', 'Pod', { namespace, labelSelector }),
      kind === 'knative' ? kube.list('autoscaling.internal.knative.dev/v1alpha1', 'PodAutoscaler', { namespace, labelSelector }) : [],
    ]);
    return lists.flat().filter((object) => belongsTo(object, service, kind));
  };
  try {
    await waitFor(`${service} not at zero`, async () => {
      const problems = zeroProblems(await current());
      return problems.length === 0 ? { ready: true } : { ready: false, reason: problems.join('; ') };
    }, { timeoutMs, intervalMs, signal });
    return undefined;
  } catch (error) {
    if (error instanceof WaitTimeoutError) return error.message;
    throw error;
  }
}

type Measured = Omit<KubeColdStartIteration, 'iteration' | 'service'>;

async function coldStart(cell: ColdStartCell, deps: ColdStartDeps, service: string, watch: ServiceWatch, notZero: string | undefined): Promise<Measured> {
  const { signal, kind } = deps;
  const now = deps.now ?? (() => performance.now());
  const deadline = AbortSignal.any([signal, AbortSignal.timeout(cell.timeoutMs)]);
  const sentAt = now();
  const timeline = (firstByteAt?: number) => foldTimeline({ service, kind, sentAt, firstByteAt, streams: watch.streams });
  const podIsReady = () => timeline().phases.pod_ready !== undefined;

  // A burst: all requests leave at once, each on its own connection; the activator holds them all.
  const burst = Array.from({ length: cell.burst ?? 1 });
  let responses: ColdResponse[] | undefined;
  let failure: string | undefined;
  try {
    if (kind === 'deployment') {
      await deps.kube.apply([scaled(service, deps.namespace, 1)], FIELD_MANAGER);
      await watch.until(podIsReady, deadline);
      responses = await Promise.all(burst.map(() => firstSuccess(deps, service, deadline)));
    } else {
      responses = await Promise.all(burst.map(() => deps.request(service, deadline)));
    }
    failure = responses.map((response) => answerProblem(response, deps.expectedBodyBytes)).find((problem) => problem !== undefined);
    // Only a cold start has a Ready event still to come; a warm service's pod was ready before.
    if (!failure && notZero === undefined) await watch.until(podIsReady, AbortSignal.any([signal, AbortSignal.timeout(LINGER_MS)])).catch(() => signal.throwIfAborted());
  } catch (error) {
    signal.throwIfAborted();
    const what = kind === 'deployment' && !podIsReady() ? 'no ready pod' : 'no successful answer';
    failure = deadline.aborted ? `${what} within ${cell.timeoutMs} ms; ${whereStuck(timeline().pods)}` : (error as Error).message;
  }
  const endedAt = now();
  // The timeline's first_byte is the earliest answer of the burst; the total is the slowest (below).
  const { phases, apiServer, cold, notZero: atSend } = timeline(responses && Math.min(...responses.map((response) => response.firstByteAt)));
  const problems = [
    notZero ?? (cold ? undefined : `not at zero when sent: ${atSend.join('; ')}`),
    failure,
    watch.failure(),
  ].filter((problem) => problem !== undefined);
  const error = [...new Set(problems)].join('; '); // a failed watch can be both the failure and watch.failure()
  const ok = failure === undefined && watch.failure() === undefined;
  const firstBytes = responses?.map((response) => Math.round((response.firstByteAt - sentAt) * 1000) / 1000);
  const totalMs = ok && firstBytes ? Math.max(...firstBytes) : Math.round((endedAt - sentAt) * 1000) / 1000;
  const burstMarks = burst.length > 1 && firstBytes ? { firstBytes } : {};
  return { cold: notZero === undefined && cold, ok, ...(error ? { error } : {}), totalMs, ...burstMarks, phases, apiServer };
}

/** One request to a service that never scales to zero: the same path as a cold one, minus the start. */
async function warmRequest(cell: ColdStartCell, deps: ColdStartDeps, service: string): Promise<Measured> {
  const now = deps.now ?? (() => performance.now());
  const sentAt = now();
  const warm = { cold: false, kind: 'warm' as const, apiServer: {} };
  try {
    const response = await deps.request(service, AbortSignal.any([deps.signal, AbortSignal.timeout(cell.timeoutMs)]));
    const firstByte = Math.round((response.firstByteAt - sentAt) * 1000) / 1000;
    const error = answerProblem(response, deps.expectedBodyBytes);
    return { ...warm, ok: error === undefined, ...(error ? { error } : {}), totalMs: firstByte, phases: { first_byte: firstByte } };
  } catch (error) {
    deps.signal.throwIfAborted();
    return { ...warm, ok: false, error: `warm baseline ${service}: ${(error as Error).message}`, totalMs: Math.round((now() - sentAt) * 1000) / 1000, phases: {} };
  }
}

/** A plain Deployment has no activator holding the request: retry until its Service routes to the pod. */
async function firstSuccess(deps: ColdStartDeps, service: string, deadline: AbortSignal): Promise<ColdResponse> {
  for (;;) {
    const response = await deps.request(service, deadline).catch((error: unknown) => {
      deadline.throwIfAborted();
      return error as Error;
    });
    if (!(response instanceof Error) && !answerProblem(response, deps.expectedBodyBytes)) return response;
    await sleep(RETRY_MS, undefined, { signal: deadline });
  }
}

function answerProblem(response: ColdResponse, expectedBytes: number): string | undefined {
  if (response.status !== 200) return `HTTP ${response.status}`;
  if (response.bodyBytes !== expectedBytes) return `body of ${response.bodyBytes} bytes, expected ${expectedBytes}`;
  return undefined;
}

function whereStuck(pods: readonly KubeObject[]): string {
  if (pods.length === 0) return 'no pod was created';
  return pods.map((pod) => {
    const readiness = podReady(pod);
    return `pod ${pod.metadata.name}: ${readiness.ready ? 'Ready' : readiness.reason}`;
  }).join('; ');
}

/** The part of a Deployment the harness owns here: its replica count (server-side apply, own field manager). */
function scaled(name: string, namespace: string, replicas: number): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace }, spec: { replicas } };
}
