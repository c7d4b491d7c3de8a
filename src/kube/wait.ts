// Waiting for a cluster to converge, with timeouts that say what is not ready — "deployment
// knative-serving/activator: 0/1 replicas ready after 120s" — instead of a bare "timed out".
import { setTimeout as sleep } from 'node:timers/promises';

export type Readiness = { ready: true } | { ready: false; reason: string };

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  signal?: AbortSignal;
}

export class WaitTimeoutError extends Error {
  override name = 'WaitTimeoutError';
}

/**
 * Polls `check` until it reports ready. An error thrown by `check` (e.g. the object does not exist
 * yet) counts as not ready, with its message as the reason. Throws WaitTimeoutError naming
 * `description` and the last reason; rejects with the signal's reason when aborted.
 */
export async function waitFor(description: string, check: () => Readiness | Promise<Readiness>, options: WaitOptions): Promise<void> {
  const { timeoutMs, intervalMs = 1000, signal } = options;
  const deadline = performance.now() + timeoutMs;
  let reason = 'not checked yet';
  for (;;) {
    signal?.throwIfAborted();
    try {
      const readiness = await check();
      if (readiness.ready) return;
      reason = readiness.reason;
    } catch (error) {
      reason = (error as Error).message;
    }
    const left = deadline - performance.now();
    if (left <= 0) throw new WaitTimeoutError(`${description}: ${reason} after ${formatDuration(timeoutMs)}`);
    // timers/promises rejects with a generic AbortError; surface the signal's own reason instead.
    await sleep(Math.min(intervalMs, left), undefined, signal ? { signal } : {}).catch(() => signal?.throwIfAborted());
  }
}

function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
}
interface Status {
  metadata?: { generation?: number };
  spec?: { replicas?: number };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    phase?: string;
    conditions?: Condition[];
    containerStatuses?: { name?: string; state?: { waiting?: { reason?: string } } }[];
  };
}

/** Ready when the controller has seen the latest spec and every desired replica is updated and ready. */
export function deploymentReady(object: unknown): Readiness {
  const { metadata, spec, status = {} } = object as Status;
  const desired = spec?.replicas ?? 1; // the API server's default
  if (metadata?.generation !== undefined && (status.observedGeneration ?? 0) < metadata.generation) {
    return { ready: false, reason: 'spec change not yet observed by the deployment controller' };
  }
  const ready = status.readyReplicas ?? 0;
  const updated = status.updatedReplicas ?? 0;
  if (ready < desired) return { ready: false, reason: `${ready}/${desired} replicas ready` };
  if (updated < desired) return { ready: false, reason: `${updated}/${desired} replicas updated` };
  return { ready: true };
}

/** Ready when the pod's Ready condition is True; otherwise says where it is stuck. */
export function podReady(object: unknown): Readiness {
  const { status = {} } = object as Status;
  const conditions = status.conditions ?? [];
  if (conditions.some((condition) => condition.type === 'Ready' && condition.status === 'True')) return { ready: true };
  if (!conditions.some((condition) => condition.type === 'PodScheduled' && condition.status === 'True')) {
    return { ready: false, reason: `${status.phase ?? 'Pending'}, not scheduled` };
  }
  const waiting = (status.containerStatuses ?? [])
    .filter((container) => container.state?.waiting)
    .map((container) => `${container.name}: ${container.state!.waiting!.reason ?? 'waiting'}`);
  return { ready: false, reason: `${status.phase ?? 'Pending'}, not ready${waiting.length ? ` (${waiting.join(', ')})` : ''}` };
}

/** A CRD serves its kind only once Established. */
export function crdEstablished(object: unknown): Readiness {
  const conditions = (object as Status).status?.conditions ?? [];
  return conditions.some((condition) => condition.type === 'Established' && condition.status === 'True')
    ? { ready: true }
    : { ready: false, reason: 'not established' };
}
