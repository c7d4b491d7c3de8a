// A kubelet for the fake API server: serves /metrics/resource for one node, with a CPU counter per
// container that grows at a fixed rate, for the containers a cluster of what is in the store would
// run (the echo pod and its sidecar in meshbench's namespaces, istiod, Knative's activator and
// autoscaler). Tests then know the CPU each component must show: the rates below.
import type { FakeKubeApi } from './kube-api-server.ts';
import { RESOURCE_TYPES } from './kube-resources.ts';
import { kubeletMetricsText, type FakeContainer } from './kubelet-metrics-text.ts';

/** Millicores each container burns in the fake. */
export const FAKE_MILLICORES: Record<string, number> = {
  echo: 100,
  'istio-proxy': 200,
  'user-container': 100,
  'queue-proxy': 50,
  activator: 30,
  autoscaler: 10,
  discovery: 20,
};
const MEMORY_BYTES = 30 * 2 ** 20;

const type = (groupVersion: string, kind: string) => RESOURCE_TYPES.find((t) => t.groupVersion === groupVersion && t.kind === kind)!;

export function startFakeKubelet(api: FakeKubeApi, node: string, intervalMs = 50): () => void {
  const started = Date.now();
  const tick = () => {
    const now = Date.now();
    const containers = podsOf(api).flatMap(({ namespace, pod, names }) =>
      names.map((container): FakeContainer => ({
        namespace,
        pod,
        container,
        cpuSeconds: ((now - started) / 1000) * (FAKE_MILLICORES[container]! / 1000),
        memoryBytes: MEMORY_BYTES,
        atMs: now,
      })),
    );
    api.setNodeMetrics(node, kubeletMetricsText(containers));
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  return () => clearInterval(timer);
}

/** The pods the store's objects imply, with their container names. */
function podsOf(api: FakeKubeApi): { namespace: string; pod: string; names: string[] }[] {
  const pods: { namespace: string; pod: string; names: string[] }[] = [];
  const namespaces = api.store.list({ type: type('v1', 'Namespace') });
  for (const ns of namespaces) {
    const { name, labels = {} } = ns.metadata;
    if (labels['app.kubernetes.io/managed-by'] !== 'meshbench') continue;
    const sidecar = labels['istio-injection'] === 'enabled' ? ['istio-proxy'] : [];
    if (api.store.list({ type: type('apps/v1', 'Deployment'), namespace: name }).some((d) => d.metadata.name === 'echo')) {
      pods.push({ namespace: name, pod: 'echo-6d4cf56db6-x7k2p', names: ['echo', ...sidecar] });
    }
    if (api.store.list({ type: type('serving.knative.dev/v1', 'Service'), namespace: name }).some((s) => s.metadata.name === 'echo')) {
      pods.push({ namespace: name, pod: 'echo-00001-deployment-5c8b9f7d9-q2w3e', names: ['user-container', 'queue-proxy', ...sidecar] });
    }
  }
  const has = (namespace: string, deployment: string) =>
    api.store.list({ type: type('apps/v1', 'Deployment'), namespace }).some((d) => d.metadata.name === deployment);
  if (has('istio-system', 'istiod')) pods.push({ namespace: 'istio-system', pod: 'istiod-7b8f9c6d5-abcde', names: ['discovery'] });
  if (has('knative-serving', 'activator')) {
    pods.push({ namespace: 'knative-serving', pod: 'activator-5f8d7c9b6-fghij', names: ['activator'] });
    pods.push({ namespace: 'knative-serving', pod: 'autoscaler-6c7d8e9f0-klmno', names: ['autoscaler'] });
  }
  return pods;
}
