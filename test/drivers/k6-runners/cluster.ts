// A fake cluster for the in-cluster runners: the fake API server, the Kube seam on it, the run's
// namespace, and helpers to play what the Job controller / k6-operator and the kubelet would do.
import { setTimeout as sleep } from 'node:timers/promises';
import { createKube, type Kube } from '../../../src/kube/kube.ts';
import { startFakeKubeApi, type FakeKubeApi } from '../../fakes/kube-api-server.ts';
import type { StoredObject } from '../../fakes/kube-store.ts';
import { RESOURCE_TYPES } from '../../fakes/kube-resources.ts';

export const NAMESPACE = 'meshbench-baseline';
export const RUN_ID = '20260301-100000-demo';

export interface FakeCluster {
  api: FakeKubeApi;
  kube: Kube;
  objects(apiVersion: string, kind: string): StoredObject[];
  /** Resolves with the object once the runner has applied one of this kind. */
  applied(apiVersion: string, kind: string): Promise<StoredObject>;
  /** The bodies of the server-side-apply requests, as sent (the objects are deleted afterwards). */
  appliedBodies(): StoredObject[];
  /** Puts a pod with a terminated `k6` container and sets its log. */
  pod(name: string, labels: Record<string, string>, exit: { code: number; reason: string }, log: string): void;
  close(): Promise<void>;
}

export async function fakeCluster(): Promise<FakeCluster> {
  const api = await startFakeKubeApi();
  api.store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE }, status: { phase: 'Active' } });
  const kube = createKube(api.kubeConfig, { watchRetryDelayMs: 10 });
  const objects = (apiVersion: string, kind: string): StoredObject[] => {
    const type = RESOURCE_TYPES.find((t) => t.groupVersion === apiVersion && t.kind === kind)!;
    return api.store.list({ type, namespace: NAMESPACE });
  };
  return {
    api,
    kube,
    objects,
    async applied(apiVersion, kind) {
      for (;;) {
        const found = objects(apiVersion, kind)[0];
        if (found) return found;
        await sleep(10);
      }
    },
    appliedBodies: () => api.requests.filter((r) => r.method === 'PATCH').map((r) => JSON.parse(r.body) as StoredObject),
    pod(name, labels, exit, log) {
      api.store.put({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: NAMESPACE, labels },
        spec: { containers: [{ name: 'k6', image: 'grafana/k6:2.3.0' }], restartPolicy: 'Never', nodeName: 'meshbench-worker2' },
        status: {
          phase: exit.code === 0 ? 'Succeeded' : 'Failed',
          containerStatuses: [{ name: 'k6', ready: false, restartCount: 0, image: 'grafana/k6:2.3.0', imageID: '', state: { terminated: { exitCode: exit.code, reason: exit.reason } } }],
        },
      });
      api.setPodLog(NAMESPACE, name, log);
    },
    close: () => api.close(),
  };
}
