// A cold start's timeline folded from watch events, clusterloader2-style: every mark is the moment
// the harness *received* the first event showing that state, on the same monotonic clock as the
// request (DESIGN.md "Timelines on one clock"). The API server's own second-resolution timestamps
// ride along as a cross-check only. Pure: events in, marks out.
import type { KubeObject } from '../../kube/objects.ts';
import type { WatchEvent } from '../../kube/watch.ts';

export type ServiceKind = 'knative' | 'deployment';

/** The watches a timeline is folded from; a RELISTED with no items still has to know what it emptied. */
export interface WatchStreams {
  pods?: readonly WatchEvent[];
  deployments?: readonly WatchEvent[];
  autoscalers?: readonly WatchEvent[];
}

/** Phase names in their nominal order; `first_byte` is the harness's own mark. */
export const PHASES = ['scaled_up', 'pod_created', 'pod_scheduled', 'queue_proxy_started', 'user_container_started', 'pod_ready', 'first_byte'] as const;
export type Phase = (typeof PHASES)[number];

export interface Timeline {
  /** Phase → ms after `sentAt`; only phases reached (and received at or after `sentAt`). */
  phases: Partial<Record<Phase, number>>;
  /** The API server's timestamps (RFC 3339, second resolution) carried by the event behind each mark. */
  apiServer: Partial<Record<Phase, string>>;
  /** At `sentAt`, as far as the watches had told: 0 desired replicas and no pods at all. */
  cold: boolean;
  /** What was not at zero at `sentAt` (empty when cold). */
  notZero: string[];
  /** The latest state of each pod not deleted, for naming where a failed start got stuck. */
  pods: KubeObject[];
}

export const KNATIVE_SERVICE_LABEL = 'serving.knative.dev/service';
const SIDECARS = new Set(['queue-proxy', 'istio-proxy']);

/** Whether an object from a watch is part of `service` (a relist may bring the whole namespace). */
export function belongsTo(object: KubeObject, service: string, kind: ServiceKind): boolean {
  const labels = object.metadata.labels ?? {};
  if (kind === 'knative') return labels[KNATIVE_SERVICE_LABEL] === service;
  return object.kind === 'Deployment' ? object.metadata.name === service : labels.app === service;
}

/** What keeps a service from being at zero: desired replicas above 0, or any pod, terminating ones included. */
export function zeroProblems(objects: readonly KubeObject[]): string[] {
  const problems: string[] = [];
  for (const object of objects) {
    if (object.kind === 'Deployment') {
      const replicas = (object.spec as { replicas?: number } | undefined)?.replicas ?? 1; // the API server's default
      if (replicas > 0) problems.push(`deployment ${object.metadata.name} wants ${replicas} replica${replicas === 1 ? '' : 's'}`);
    } else if (object.kind === 'PodAutoscaler') {
      const desired = (object.status as { desiredScale?: number } | undefined)?.desiredScale ?? 0; // -1/absent: not decided yet
      if (desired > 0) problems.push(`podautoscaler ${object.metadata.name} desiredScale ${desired}`);
    }
  }
  const pods = objects.filter((object) => object.kind === 'Pod');
  if (pods.length > 0) {
    const named = pods.map((pod) => `${pod.metadata.name} (${podState(pod)})`).join(', ');
    problems.push(`${pods.length} pod${pods.length === 1 ? '' : 's'} still present: ${named}`);
  }
  return problems;
}

function podState(pod: KubeObject): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  return (pod.status as { phase?: string } | undefined)?.phase ?? 'Pending';
}

interface Received {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'RELISTED';
  objects: KubeObject[];
  receivedAt: number;
}

/** Folds one service's watch events into its timeline relative to `sentAt`. */
export function foldTimeline(input: { service: string; kind: ServiceKind; sentAt: number; firstByteAt?: number; streams: WatchStreams }): Timeline {
  const { service, kind, sentAt, firstByteAt, streams } = input;
  const received: Received[][] = [streams.pods, streams.deployments, streams.autoscalers].map((events = []) =>
    events
      .map((event) => ({ type: event.type, objects: event.type === 'RELISTED' ? event.items : [event.object], receivedAt: event.receivedAt }))
      .map((event) => ({ ...event, objects: event.objects.filter((object) => belongsTo(object, service, kind)) }))
      // Stable sort: the state at a moment is what was received last before it, whatever the input order.
      .sort((a, b) => a.receivedAt - b.receivedAt),
  );

  const marks = new Map<Phase, { at: number; apiServer: string | undefined }>();
  // The earliest receipt wins, so a duplicate, a stale event or a relist never moves a mark earlier.
  const mark = (phase: Phase, at: number, apiServer: string | undefined) => {
    const current = marks.get(phase);
    if (!current || at < current.at) marks.set(phase, { at, apiServer });
  };
  for (const { type, objects, receivedAt } of received.flat()) {
    // State from before the request is the previous iteration's (or a warm service's), not this start.
    if (type === 'DELETED' || receivedAt < sentAt) continue;
    for (const object of objects) {
      if (object.metadata.deletionTimestamp) continue; // a pod on its way out starts nothing
      markObject(object, receivedAt, mark);
    }
  }
  if (firstByteAt !== undefined) mark('first_byte', firstByteAt, undefined);

  const phases: Timeline['phases'] = {};
  const apiServer: Timeline['apiServer'] = {};
  for (const phase of PHASES) {
    const found = marks.get(phase);
    if (!found) continue;
    phases[phase] = Math.round((found.at - sentAt) * 1000) / 1000;
    if (found.apiServer) apiServer[phase] = found.apiServer;
  }
  const notZero = zeroProblems(received.flatMap((events) => stateAt(events, sentAt)));
  const pods = stateAt(received[0]!, Infinity);
  return { phases, apiServer, cold: notZero.length === 0, notZero, pods };
}

/** The objects one watch stream had reported as present by `time`. */
function stateAt(events: readonly Received[], time: number): KubeObject[] {
  const present = new Map<string, KubeObject>();
  for (const { type, objects, receivedAt } of events) {
    if (receivedAt > time) break;
    if (type === 'RELISTED') present.clear(); // a relist is the whole current state
    for (const object of objects) {
      if (type === 'DELETED') present.delete(object.metadata.name);
      else present.set(object.metadata.name, object);
    }
  }
  return [...present.values()];
}

interface Condition {
  type?: string;
  status?: string;
  lastTransitionTime?: string;
}
interface ContainerStatus {
  name?: string;
  state?: { running?: { startedAt?: string } };
}

function markObject(object: KubeObject, at: number, mark: (phase: Phase, at: number, apiServer: string | undefined) => void): void {
  if (object.kind === 'PodAutoscaler') {
    const { desiredScale = 0, actualScale = 0 } = (object.status ?? {}) as { desiredScale?: number; actualScale?: number };
    if (desiredScale > 0 || actualScale > 0) mark('scaled_up', at, undefined);
    return;
  }
  if (object.kind === 'Deployment') {
    if (((object.spec as { replicas?: number } | undefined)?.replicas ?? 1) > 0) mark('scaled_up', at, undefined);
    return;
  }
  if (object.kind !== 'Pod') return;
  const spec = (object.spec ?? {}) as { nodeName?: string; containers?: { name: string }[] };
  const status = (object.status ?? {}) as { conditions?: Condition[]; containerStatuses?: ContainerStatus[] };
  const condition = (type: string) => status.conditions?.find((c) => c.type === type && c.status === 'True');

  mark('pod_created', at, object.metadata.creationTimestamp as string | undefined);
  const scheduled = condition('PodScheduled');
  if (spec.nodeName || scheduled) mark('pod_scheduled', at, scheduled?.lastTransitionTime);
  // The workload is the first container that is not a sidecar: `user-container` on Knative unless
  // the service names it, the Deployment's own container otherwise.
  const workload = spec.containers?.find((container) => !SIDECARS.has(container.name))?.name ?? 'user-container';
  for (const container of status.containerStatuses ?? []) {
    const running = container.state?.running;
    if (!running) continue;
    if (container.name === 'queue-proxy') mark('queue_proxy_started', at, running.startedAt);
    else if (container.name === workload) mark('user_container_started', at, running.startedAt);
  }
  const ready = condition('Ready');
  if (ready) mark('pod_ready', at, ready.lastTransitionTime);
}
