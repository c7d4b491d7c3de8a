// A kubelet for the fake API server: serves /metrics/resource for one node, with a CPU counter per
// container that grows at a fixed rate, for the containers a cluster of what is in the store would
// run: the echo pod and its sidecar in meshbench's namespaces, warm-1 (kept at one replica), the
// running pods the store holds (cold revisions scaled from zero, the plain cold-N / warm-1
// Deployments' pods), one pod per Deployment and DaemonSet in istio-system with its template's
// containers (istiod, Istio 1.4's istio-pilot and Mixer pods with their own istio-proxy, ztunnel),
// Knative's activator and autoscaler. Tests then know the CPU each component must show: the rates below.
//
// Its figures change like a real kubelet's: only when cAdvisor housekeeps a container. Each
// container is housekept when it appears, then again after its interval stretched by a random
// jitter of up to 100 % — 10 s on a real node (kubernetes pkg/kubelet/cadvisor/cadvisor_linux.go
// defaultHousekeepingInterval; google/cadvisor v0.52.1 manager/container.go
// nextHousekeepingInterval → jitter(interval, 1.0)), scaled here (default 100 ms) so tests stay
// fast. Each reading carries its housekeeping time as its timestamp; between housekeepings every
// scrape repeats it. (cAdvisor also doubles an idle container's interval up to 15 s when its stats
// did not change; every container here burns CPU, so none is idle.)
import { seededRandom } from '../../src/seeded-random.ts';
import type { FakeKubeApi } from './kube-api-server.ts';
import type { StoredObject } from './kube-store.ts';
import { RESOURCE_TYPES } from './kube-resources.ts';
import { kubeletMetricsText, type FakeContainer } from './kubelet-metrics-text.ts';

/** Millicores each container burns in the fake; containers not named here burn OTHER_MILLICORES. */
export const FAKE_MILLICORES: Record<string, number> = {
  echo: 100,
  'istio-proxy': 200,
  'user-container': 100,
  'queue-proxy': 50,
  activator: 30,
  autoscaler: 10,
  discovery: 20,
  // Where one container name burns differently per workload: "<workload>/<container>".
  'istio-telemetry/mixer': 60,
  'istio-telemetry/istio-proxy': 25,
  'istio-policy/mixer': 40,
  'istio-policy/istio-proxy': 15,
  'ztunnel/istio-proxy': 30,
};
/** Any other container (Istio 1.4's galley, citadel, prometheus, istio-cni …). */
const OTHER_MILLICORES = 5;
const millicores = (owner: string, container: string) => FAKE_MILLICORES[`${owner}/${container}`] ?? FAKE_MILLICORES[container] ?? OTHER_MILLICORES;
const MEMORY_BYTES = 30 * 2 ** 20;
/** cAdvisor's 10 s housekeeping interval, scaled down 100 times. */
export const FAKE_HOUSEKEEPING_MS = 100;

const type = (groupVersion: string, kind: string) => RESOURCE_TYPES.find((t) => t.groupVersion === groupVersion && t.kind === kind)!;

export interface FakeKubeletOptions {
  /** cAdvisor's housekeeping interval (10 s on a real kubelet), before jitter; default FAKE_HOUSEKEEPING_MS. */
  housekeepingMs?: number;
  /** Seed of the housekeeping jitter. */
  seed?: number;
}

interface Housekept {
  startedAtMs: number;
  nextAtMs: number;
  reading: FakeContainer;
}

export function startFakeKubelet(api: FakeKubeApi, node: string, options: FakeKubeletOptions = {}): () => void {
  const interval = options.housekeepingMs ?? FAKE_HOUSEKEEPING_MS;
  const random = seededRandom(options.seed ?? 7);
  const housekept = new Map<string, Housekept>();
  const jitter = () => interval + random() * interval;
  const tick = () => {
    const now = Date.now();
    const seen = new Set<string>();
    for (const { namespace, pod, owner, names } of podsOf(api)) {
      for (const container of names) {
        const key = `${namespace}/${pod}/${container}`;
        seen.add(key);
        let state = housekept.get(key);
        if (state && now < state.nextAtMs) continue;
        const startedAtMs = state?.startedAtMs ?? now;
        state = {
          startedAtMs,
          nextAtMs: now + jitter(),
          reading: { namespace, pod, container, cpuSeconds: ((now - startedAtMs) / 1000) * (millicores(owner, container) / 1000), memoryBytes: MEMORY_BYTES, atMs: now },
        };
        housekept.set(key, state);
      }
    }
    for (const key of housekept.keys()) if (!seen.has(key)) housekept.delete(key);
    api.setNodeMetrics(node, kubeletMetricsText([...housekept.values()].map((state) => state.reading)));
  };
  tick();
  const timer = setInterval(tick, Math.max(5, interval / 4));
  return () => clearInterval(timer);
}

/** The pods the store's objects imply, with their container names. */
function podsOf(api: FakeKubeApi): { namespace: string; pod: string; owner: string; names: string[] }[] {
  const pods: { namespace: string; pod: string; owner: string; names: string[] }[] = [];
  const namespaces = api.store.list({ type: type('v1', 'Namespace') });
  for (const ns of namespaces) {
    const { name, labels = {} } = ns.metadata;
    if (labels['app.kubernetes.io/managed-by'] !== 'meshbench') continue;
    const sidecar = labels['istio-injection'] === 'enabled' ? ['istio-proxy'] : [];
    if (api.store.list({ type: type('apps/v1', 'Deployment'), namespace: name }).some((d) => d.metadata.name === 'echo')) {
      pods.push({ namespace: name, pod: 'echo-6d4cf56db6-x7k2p', owner: 'echo', names: ['echo', ...sidecar] });
    }
    // Knative Services that never scale to zero here: echo, and warm-1 (min-scale 1). A service
    // created at zero (initial-scale 0) has pods only while a cold request brings them up, as Pods.
    for (const service of api.store.list({ type: type('serving.knative.dev/v1', 'Service'), namespace: name })) {
      if (initialScale(service) === '0') continue;
      pods.push({ namespace: name, pod: `${service.metadata.name}-00001-deployment-5c8b9f7d9-q2w3e`, owner: service.metadata.name, names: ['user-container', 'queue-proxy', ...sidecar] });
    }
    for (const pod of api.store.list({ type: type('v1', 'Pod'), namespace: name })) {
      const running = runningContainers(pod);
      if (running.length > 0) pods.push({ namespace: name, pod: pod.metadata.name, owner: pod.metadata.name, names: [...running, ...sidecar] });
    }
  }
  const has = (namespace: string, deployment: string) =>
    api.store.list({ type: type('apps/v1', 'Deployment'), namespace }).some((d) => d.metadata.name === deployment);
  // A Deployment's pod is <name>-<template hash>-<5 chars>, a DaemonSet's <name>-<5 chars>.
  for (const kind of ['Deployment', 'DaemonSet']) {
    for (const workload of api.store.list({ type: type('apps/v1', kind), namespace: 'istio-system' })) {
      const template = (workload.spec as { template?: { spec?: { containers?: { name: string }[] } } }).template;
      const owner = workload.metadata.name;
      pods.push({ namespace: 'istio-system', pod: kind === 'Deployment' ? `${owner}-7b8f9c6d5-abcde` : `${owner}-x9z8q`, owner, names: (template?.spec?.containers ?? []).map((c) => c.name) });
    }
  }
  if (has('knative-serving', 'activator')) {
    pods.push({ namespace: 'knative-serving', pod: 'activator-5f8d7c9b6-fghij', owner: 'activator', names: ['activator'] });
    pods.push({ namespace: 'knative-serving', pod: 'autoscaler-6c7d8e9f0-klmno', owner: 'autoscaler', names: ['autoscaler'] });
  }
  return pods;
}

function initialScale(service: StoredObject): string | undefined {
  const template = (service.spec as { template?: { metadata?: { annotations?: Record<string, string> } } } | undefined)?.template;
  return template?.metadata?.annotations?.['autoscaling.knative.dev/initial-scale'];
}

/**
 * Containers of a pod that has started them (the kubelet has no stats for a container not running).
 * A terminating pod still runs them until they exit (queue-proxy drains for 30 s), so it counts.
 */
function runningContainers(pod: StoredObject): string[] {
  const statuses = (pod.status as { containerStatuses?: { name: string; state?: { running?: object } }[] } | undefined)?.containerStatuses ?? [];
  return statuses.filter((status) => status.state?.running !== undefined).map((status) => status.name);
}
