// Everything a `meshbench run --target kind` needs, faked faithfully on this machine: kind, docker
// and istioctl on PATH (recording argv), a fake Kubernetes API server that every created cluster's
// kubeconfig points at (with Knative's webhooks and CRD discovery lag), controllers that make
// Deployments available and Knative Services Ready, istio-cni's ambient enrolment of pods once an
// ambient install put it there, a Knative release mirror, and an echo server
// on each profile's ingress host port standing in for the cluster's ingress (what kind's port
// mapping would reach), behind which cold Knative revisions scale from zero and back the way
// Knative does (knative-scale-to-zero.ts), KNATIVE_TIME_SCALE faster.
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingressHostPorts } from '../../../src/targets/kind/cluster.ts';
import { startFakeControllers } from '../../fakes/fake-controllers.ts';
import { startFakeKubelet } from '../../fakes/fake-kubelet.ts';
import { startAmbientEnrolment } from '../../fakes/istio-cni-ambient.ts';
import { fakePath, type Call } from '../../fakes/fake-path.ts';
import { startFakeKubeApi, type FakeKubeApi, type ServiceProxyHandler } from '../../fakes/kube-api-server.ts';
import { RESOURCE_TYPES } from '../../fakes/kube-resources.ts';
import { podLifecycle } from '../../fakes/pod-lifecycle.ts';
import { fakeKnativeRevisions } from '../../fakes/knative-lifecycle.ts';
import { writeKnativeMirror } from './knative-mirror.ts';

export interface FakeKindWorld {
  dir: string;
  api: FakeKubeApi;
  /** Env for the meshbench child: fakes on PATH, FAKE_KUBECONFIG, state. */
  env: Record<string, string>;
  mirror: string;
  calls(): Promise<Call[]>;
  /** Host headers seen by the "ingress" of each profile. */
  hosts: Map<string, string[]>;
  /** Pretend a cluster already exists (for --reuse-clusters). */
  seedCluster(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Real milliseconds per modelled millisecond of Knative's way back to zero: the knative-kourier
 * profile's 6 s window + up to 6 s grace + 30 s drain take about 0.2 s here.
 */
export const KNATIVE_TIME_SCALE = 1 / 200;

export async function fakeKindWorld(profiles: string[], extraEnv: Record<string, string> = {}): Promise<FakeKindWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'meshbench-fake-kind-'));
  // A cluster's install races, at plausible sizes (not measured on a cluster): a new CRD served
  // 0.5 s after it is created, Knative's webhook unreachable for 2 s after its pod is Ready
  // (endpoints and kube-proxy catching up), its config store 300 ms behind config-autoscaler.
  // meshbench's applies must ride them out; the contract tests check that they had to.
  const api = await startFakeKubeApi({ crdDiscoveryLagMs: 500, knativeWebhooks: { unreachableMs: 2000, informerLagMs: 300 } });
  const stopControllers = startFakeControllers(api.store);
  // kind's single node, as its kubelet reports itself.
  api.store.put({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'meshbench-control-plane' },
    status: { nodeInfo: { kubeletVersion: 'v1.34.0' }, capacity: { cpu: '8', memory: '16331760Ki' } },
  });
  const stopKubelet = startFakeKubelet(api, 'meshbench-control-plane');
  const stopAmbient = startAmbientEnrolment(api);
  const stopDeployments = startPlainDeploymentPods(api);
  api.setServiceProxy(answerIfReady(api));
  const kubeconfig = join(dir, 'fake-api.kubeconfig');
  await writeFile(kubeconfig, api.kubeconfig);
  const mirror = await writeKnativeMirror(join(dir, 'mirror'), '1.19.5', '1.19.5');
  const fakes = await fakePath({ env: { FAKE_KUBECONFIG: kubeconfig, ...extraEnv } });
  const hosts = new Map<string, string[]>();
  const servers: Server[] = [];
  const revisionOf = fakeKnativeRevisions(api.store, KNATIVE_TIME_SCALE);
  for (const profile of profiles) {
    const seen: string[] = [];
    hosts.set(profile, seen);
    const server = createServer((request, response) => {
      const host = request.headers.host ?? '';
      seen.push(host);
      // A cold Knative service (cold-N.<namespace>.…): the activator holds the request while the
      // revision scales from zero, then answers; Knative later takes it back to zero.
      if (host.startsWith('cold-')) {
        const [service, namespace] = host.split('.') as [string, string];
        void revisionOf(service, namespace).request().then(() => response.end('x'.repeat(1024)));
        return;
      }
      response.end('x'.repeat(1024));
    });
    await new Promise<void>((resolve) => server.listen(ingressHostPorts({ name: profile }).http, '127.0.0.1', resolve));
    servers.push(server);
  }
  return {
    dir,
    api,
    env: fakes.env,
    mirror,
    calls: () => fakes.calls(),
    hosts,
    seedCluster: (name) => writeFile(join(fakes.dir, 'kind-clusters.json'), JSON.stringify([name])),
    async close() {
      stopControllers();
      stopKubelet();
      stopAmbient();
      stopDeployments();
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
      await api.close();
      await fakes.cleanup();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The deployment controller and kubelet for the plain cold-start Deployments (cold-N, warm-1):
 * replicas 1 starts a pod through its phases, replicas 0 terminates it. Knative revisions'
 * Deployments ("<revision>-deployment") are scaleFromZero's.
 */
function startPlainDeploymentPods(api: FakeKubeApi): () => void {
  const type = (kind: string) => RESOURCE_TYPES.find((t) => t.groupVersion === (kind === 'Pod' ? 'v1' : 'apps/v1') && t.kind === kind)!;
  const scale = new Map<string, number>();
  const stop = api.store.watch({ type: type('Deployment') }, undefined, ({ type: event, object }) => {
    const { name, namespace } = object.metadata as { name: string; namespace: string };
    if (event === 'DELETED' || !/^(cold-\d+|warm-1)$/.test(name)) return;
    const wanted = (object.spec as { replicas?: number }).replicas ?? 1;
    const key = `${namespace}/${name}`;
    if ((scale.get(key) ?? 0) === wanted) return;
    scale.set(key, wanted);
    if (wanted === 0) {
      for (const pod of api.store.list({ type: type('Pod'), labelSelector: `app=${name}` }).filter((p) => p.metadata.namespace === namespace)) {
        api.store.put({ ...pod, metadata: { ...pod.metadata, deletionTimestamp: '2019-06-25T04:55:20Z' } });
        setTimeout(() => api.store.remove('v1', 'Pod', namespace, pod.metadata.name), 30);
      }
      return;
    }
    const pod = `${name}-6f7c9d8b4-${Math.random().toString(36).slice(2, 7)}`;
    // The pod runs the template's container (the Deployment controller stamps pods from it).
    const container = (object.spec as { template: { spec: { containers: { name: string }[] } } }).template.spec.containers[0]!.name;
    // A plain pod's start: pending, scheduled, creating, then Ready about 100 ms after the scale-up.
    const steps = podLifecycle(name, namespace, 'meshbench-control-plane', container).map((state) => ({ ...state, metadata: { ...state.metadata, name: pod } }));
    void api.store.play(steps.map((state, i) => ({ afterMs: [10, 10, 20, 60][i]!, type: i === 0 ? ('ADDED' as const) : ('MODIFIED' as const), object: state })));
  });
  return stop === 'expired' ? () => undefined : stop;
}

/** The service proxy reaches a plain Service's pod only once it is Ready, like kube-proxy's endpoints. */
function answerIfReady(api: FakeKubeApi): ServiceProxyHandler {
  const podType = RESOURCE_TYPES.find((t) => t.groupVersion === 'v1' && t.kind === 'Pod')!;
  return (namespace, service) => {
    const ready = api.store.list({ type: podType, labelSelector: `app=${service}` }).some((pod) =>
      pod.metadata.namespace === namespace && !pod.metadata.deletionTimestamp &&
      ((pod.status as { conditions?: { type: string; status: string }[] }).conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'));
    return ready ? { status: 200, body: 'x'.repeat(1024) } : { status: 503, body: `no endpoints available for service "${service}"` };
  };
}

/** A short suite on three profiles, builtin driver, two repetitions (so each cluster serves two cells). */
export function kindSuite(options: { duration: string; profiles?: string[] }): string {
  const profiles = options.profiles ?? ['baseline', 'istio-sidecar', 'knative-kourier'];
  return `apiVersion: meshbench.dev/v1alpha1
kind: Suite
name: on-fake-kind
target: kind
driver: builtin
profiles: [${profiles.join(', ')}]
workload: { delay: 0ms, size: 1024, startupDelay: 0ms }
# A short stack warm-up (k6 accepts no duration under 1 s): the fakes need no 30 s to settle.
stackWarmup: 1s
experiments:
  - name: load
    type: load
    rates: [40]
    connections: [2]
    duration: ${options.duration}
    warmup: 200ms
    repetitions: 2
`;
}
