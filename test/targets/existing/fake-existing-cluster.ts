// A cluster someone else owns, faked for the existing target: the fake API server with its
// controllers (Deployments become available, Knative Services Ready with a status.url from
// config-domain) and Knative's validating webhook, seeded with what the owner installed; an HTTP
// server standing in for its ingress (--ingress-url) that records the Host of every request and
// plays a scale from zero for cold-N hosts; and the target, built as `meshbench run` builds it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createKube, type Kube } from '../../../src/kube/kube.ts';
import { createExistingTarget, type ExistingTargetOptions } from '../../../src/targets/existing/index.ts';
import type { Target } from '../../../src/targets/target.ts';
import { startFakeControllers } from '../../fakes/fake-controllers.ts';
import { fakeKnativeRevisions } from '../../fakes/knative-lifecycle.ts';
import { startFakeKubeApi, type FakeKubeApi } from '../../fakes/kube-api-server.ts';
import { RESOURCE_TYPES } from '../../fakes/kube-resources.ts';
import type { StoredObject } from '../../fakes/kube-store.ts';
import { RecordingRunner } from '../../fakes/recording-runner.ts';

export const RUN_ID = '20260101t000000z-existing';
const typeOf = (apiVersion: string, kind: string) => RESOURCE_TYPES.find((t) => t.groupVersion === apiVersion && t.kind === kind)!;
export const WORKLOAD = { delay: 0, size: 1024, startupDelay: 0 };

export interface FakeExistingCluster {
  api: FakeKubeApi;
  kube: Kube;
  ingressUrl: string;
  /** Host header of every request the ingress received. */
  hosts: string[];
  logs: string[];
  runner: RecordingRunner;
  /** Deployments (available) as their installer left them, namespaces created as needed. */
  deploy(namespace: string, names: string[]): void;
  configMap(namespace: string, name: string, data: Record<string, string>): void;
  put(object: StoredObject): void;
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): StoredObject | undefined;
  target(options?: Partial<ExistingTargetOptions>): Target;
  /** Requests that change something (create, apply, patch, delete). */
  writes(): string[];
  close(): Promise<void>;
}

export async function fakeExistingCluster(): Promise<FakeExistingCluster> {
  const api = await startFakeKubeApi();
  const stopControllers = startFakeControllers(api.store);
  const kube = createKube(api.kubeConfig);
  api.store.put({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, status: { nodeInfo: { kubeletVersion: 'v1.34.1' }, capacity: { cpu: '4', memory: '8Gi' } } });
  const hosts: string[] = [];
  // Knative's way back to zero, 200 times faster than on a cluster.
  const revisionOf = fakeKnativeRevisions(api.store, 1 / 200);
  const ingress = createServer((request, response) => {
    const host = request.headers.host ?? '';
    hosts.push(host);
    if (host.startsWith('cold-')) {
      const [service, namespace] = host.split('.') as [string, string];
      void revisionOf(service, namespace).request().then(() => response.end('x'.repeat(WORKLOAD.size)));
      return;
    }
    response.end('x'.repeat(WORKLOAD.size));
  });
  await new Promise<void>((resolve) => ingress.listen(0, '127.0.0.1', resolve));
  const ingressUrl = `http://127.0.0.1:${(ingress.address() as AddressInfo).port}/`;
  const logs: string[] = [];
  const runner = new RecordingRunner();
  const namespace = (name: string) => {
    if (!api.store.get(typeOf('v1', 'Namespace'), undefined, name)) {
      api.store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, status: { phase: 'Active' } });
    }
  };

  return {
    api,
    kube,
    ingressUrl,
    hosts,
    logs,
    runner,
    deploy(ns, names) {
      namespace(ns);
      for (const name of names) {
        api.store.put({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name, namespace: ns, generation: 1 },
          spec: { replicas: 1, template: { spec: { containers: [{ name, image: `example.registry/${name}:1.0` }] } } },
          status: { observedGeneration: 1, replicas: 1, readyReplicas: 1, updatedReplicas: 1, availableReplicas: 1 },
        });
      }
    },
    configMap(ns, name, data) {
      namespace(ns);
      api.store.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data });
    },
    put(object) {
      if (object.metadata.namespace) namespace(object.metadata.namespace);
      api.store.put(object);
    },
    get: (apiVersion, kind, ns, name) => api.store.get(typeOf(apiVersion, kind), ns, name),
    target: (options = {}) =>
      createExistingTarget({
        runner,
        kube,
        kubeconfig: '/home/user/.kube/config',
        runId: RUN_ID,
        install: false,
        fetchRelease: () => Promise.reject(new Error('no release fetch expected')),
        log: (line) => logs.push(line),
        sampleIntervalMs: 100,
        ...options,
      }),
    writes: () => api.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`),
    async close() {
      stopControllers();
      ingress.closeAllConnections();
      await new Promise((resolve) => ingress.close(resolve));
      await api.close();
    },
  };
}

/** Knative Serving as its owner installed it (the four Deployments the target checks for). */
export const KNATIVE_DEPLOYMENTS = ['activator', 'autoscaler', 'controller', 'webhook'];

/** The error `promise` rejects with (an EnvironmentError carries exitCode and hint); fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & { exitCode?: number; hint?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { exitCode?: number; hint?: string };
  }
  throw new Error('expected a rejection');
}
