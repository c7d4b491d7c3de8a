// Scale-from-zero cells on a cluster. Knative: the cold-1 … cold-N Knative services (deployed at
// zero), requested through the ingress by their route's host (status.url, route-hosts.ts). A
// plain Deployment (serving: deployment): cold-1 … cold-N Deployments at 0 replicas behind
// ClusterIP Services, scaled 0 → 1 by the harness and requested through the API server's service
// proxy. Both are measured against the watch timeline; with a warm baseline, warm-1 (never at
// zero) is requested the same way after each iteration.
import type { Kube } from '../../kube/kube.ts';
import { knativeTimeToZero } from '../../components/knative/time-to-zero.ts';
import { measureColdStarts } from '../../measure/cold-start/knative.ts';
import type { ColdStartCell } from '../../plan/types.ts';
import type { ColdStartIteration } from '../../results/types.ts';
import type { Profile, Workload } from '../../suite/schema.ts';
import { ingressRequest } from './ingress-request.ts';
import { coldServiceNames, WARM_SERVICE } from './profile-steps.ts';

type ColdStarts = Promise<{ iterations: ColdStartIteration[]; discardedWarm: number }>;

/**
 * How long a plain cold-N pod may take to be gone once the harness scaled it to 0: the pod's
 * terminationGracePeriodSeconds, 30 s by default (k8s.io/api core/v1
 * DefaultTerminationGracePeriodSeconds), and as much again as a margin.
 */
const DEPLOYMENT_ZERO_WAIT_MS = 60_000;

interface ClusterColdStartDeps {
  kube: Kube;
  namespace: string;
  workload: Workload;
}

interface KnativeColdStartDeps extends ClusterColdStartDeps {
  /** Each Knative Service's route host (from its status.url). */
  routeHosts: ReadonlyMap<string, string>;
}

/** Knative leaves the service to scale itself to zero: the harness waits its time to zero under the profile's settings. */
export function knativeColdStarts(cell: ColdStartCell, signal: AbortSignal, deps: KnativeColdStartDeps & { url: string; profile: Profile }): ColdStarts {
  return measureColdStarts(cell, {
    ...common(cell, signal, deps),
    kind: 'knative',
    zeroTimeoutMs: knativeTimeToZero(deps.profile.serving.autoscaler).waitMs,
    request: (service, requestSignal) => ingressRequest(deps.url, hostOf(deps.routeHosts, service), requestSignal),
  });
}

function hostOf(hosts: ReadonlyMap<string, string>, service: string): string {
  const host = hosts.get(service);
  if (!host) throw new Error(`no route host read for knative service ${service}`);
  return host;
}

/**
 * The request goes through the API server's service proxy: it needs no ingress or node port, works
 * on kind and existing clusters alike, and the harness still sends it and stamps its first byte on
 * its own clock. The path adds the API server hop (and its TLS), milliseconds at most — acceptable
 * against the seconds a pod takes to start, and the same on the warm baseline, so cold − warm
 * cancels it.
 */
export function deploymentColdStarts(cell: ColdStartCell, signal: AbortSignal, deps: ClusterColdStartDeps): ColdStarts {
  return measureColdStarts(cell, {
    ...common(cell, signal, deps),
    kind: 'deployment',
    zeroTimeoutMs: DEPLOYMENT_ZERO_WAIT_MS,
    request: (service, requestSignal) => deps.kube.serviceProxyGet(deps.namespace, service, 80, requestSignal),
  });
}

/** The cold-start measurement a cluster profile serves: Knative through its ingress, a Deployment through the service proxy. */
export function clusterColdStart(profile: Profile, deps: KnativeColdStartDeps & { ingressUrl: string | undefined }): ((cell: ColdStartCell, signal: AbortSignal) => ColdStarts) | undefined {
  if (profile.serving.type === 'deployment') return (cell, signal) => deploymentColdStarts(cell, signal, deps);
  const url = deps.ingressUrl;
  return url ? (cell, signal) => knativeColdStarts(cell, signal, { ...deps, url, profile }) : undefined;
}

function common(cell: ColdStartCell, signal: AbortSignal, deps: ClusterColdStartDeps) {
  return {
    kube: deps.kube,
    namespace: deps.namespace,
    services: coldServiceNames(cell.services),
    expectedBodyBytes: deps.workload.size,
    ...(cell.warmBaseline ? { warmService: WARM_SERVICE } : {}),
    signal,
  };
}
