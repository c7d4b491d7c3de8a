// The watches one service's cold start is timed from: its pods, its Deployment(s) and, on Knative,
// its PodAutoscaler(s). Events are kept as received (the Kube seam stamps `receivedAt` and resumes
// dropped streams); the timeline is folded from them afterwards, and while waiting.
import type { Kube } from '../../kube/kube.ts';
import type { WatchEvent } from '../../kube/watch.ts';
import { belongsTo, KNATIVE_SERVICE_LABEL, type ServiceKind, type WatchStreams } from './timeline.ts';

export interface ServiceWatch {
  readonly streams: Required<{ [K in keyof WatchStreams]: WatchEvent[] }>;
  /** Resolves once `condition` holds (checked now and after every event); rejects on abort or a failed watch. */
  until(condition: () => boolean, signal: AbortSignal): Promise<void>;
  /** Why a watch gave up (the seam already retried), if one did. */
  failure(): string | undefined;
  stop(): Promise<void>;
}

/** How long the API server may take to answer a watch with the objects that already exist. */
const ESTABLISH_MS = 10_000;

/** The label selector of a service's pods. */
export function podSelector(service: string, kind: ServiceKind): string {
  return kind === 'knative' ? `${KNATIVE_SERVICE_LABEL}=${service}` : `app=${service}`;
}

export function startServiceWatch(kube: Kube, namespace: string, service: string, kind: ServiceKind): ServiceWatch {
  const ns = encodeURIComponent(namespace);
  const labelSelector = podSelector(service, kind);
  const streams = { pods: [] as WatchEvent[], deployments: [] as WatchEvent[], autoscalers: [] as WatchEvent[] };
  const controller = new AbortController();
  const listeners = new Set<() => void>();
  let failed: string | undefined;

  const watch = (name: keyof typeof streams, path: string, query: Record<string, string>) =>
    kube
      .watch(path, query, (event) => {
        streams[name].push(event);
        for (const listener of [...listeners]) listener();
      }, controller.signal)
      .catch((error: unknown) => {
        failed ??= `watch of ${name} for ${service} failed: ${(error as Error).message}`;
        for (const listener of [...listeners]) listener();
      });

  const running = [
    watch('pods', `/api/v1/namespaces/${ns}/pods`, { labelSelector }),
    // A Knative revision's Deployment is "<revision>-deployment", found by label; a plain one by name.
    watch('deployments', `/apis/apps/v1/namespaces/${ns}/deployments`, kind === 'knative' ? { labelSelector } : { fieldSelector: `metadata.name=${service}` }),
    ...(kind === 'knative' ? [watch('autoscalers', `/apis/autoscaling.internal.knative.dev/v1alpha1/namespaces/${ns}/podautoscalers`, { labelSelector })] : []),
  ];

  const until = (condition: () => boolean, signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (failed) finish(() => reject(new Error(failed)));
        else if (condition()) finish(resolve);
      };
      const onAbort = () => finish(() => reject(signal.reason));
      const finish = (settle: () => void) => {
        listeners.delete(check);
        signal.removeEventListener('abort', onAbort);
        settle();
      };
      if (signal.aborted) return onAbort();
      listeners.add(check);
      signal.addEventListener('abort', onAbort);
      check();
    });

  return {
    streams,
    until,
    failure: () => failed,
    async stop() {
      controller.abort();
      await Promise.all(running);
    },
  };
}

/**
 * Waits until the API server has answered the Deployment (and PodAutoscaler) watches with the
 * objects that exist, so the watches are live before the request goes out. The pod watch has no
 * such proof at zero (there is nothing to send); it is opened first, and were it ever late, the
 * pod's state would arrive as ADDED and stamp marks late, never early.
 */
export async function established(watch: ServiceWatch, service: string, kind: ServiceKind, signal: AbortSignal): Promise<void> {
  const seen = (events: readonly WatchEvent[]) =>
    events.some((event) => (event.type === 'RELISTED' ? event.items : [event.object]).some((object) => belongsTo(object, service, kind)));
  const { deployments, autoscalers } = watch.streams;
  try {
    await watch.until(() => seen(deployments) && (kind !== 'knative' || seen(autoscalers)), AbortSignal.any([signal, AbortSignal.timeout(ESTABLISH_MS)]));
  } catch (error) {
    signal.throwIfAborted();
    const missing = !seen(deployments) ? 'its deployment' : 'its podautoscaler';
    throw new Error(`watching ${service}: no event for ${missing} within ${ESTABLISH_MS / 1000}s (does the service exist?)`, { cause: error });
  }
}
