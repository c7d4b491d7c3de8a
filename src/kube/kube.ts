// The one seam meshbench talks to Kubernetes through, built on @kubernetes/client-node. Objects go
// in and come out as plain JSON (see objects.ts); tests run it against test/fakes/kube-api-server.ts.
import { ApiException, type KubeConfig } from '@kubernetes/client-node';
import { applyWithRetries } from './apply-retry.ts';
import { ClusterApi } from './object-api.ts';
import { applyOrder, describeObject, type KubeObject } from './objects.ts';
import { crdEstablished, waitFor } from './wait.ts';
import { watchLoop, type WatchEvent } from './watch.ts';

export interface Kube {
  /**
   * Server-side apply, forcing conflicts; CRDs first (and waited for), then namespaces, then the rest.
   * Refusals that heal by themselves (a webhook starting or judging by stale config, a kind not in
   * discovery yet, throttling) are retried for a while; aborting `signal` stops that.
   */
  apply(objects: readonly KubeObject[], fieldManager?: string, signal?: AbortSignal): Promise<void>;
  /** Deletes each object; one that is already gone is fine. */
  delete(objects: readonly KubeObject[]): Promise<void>;
  list(apiVersion: string, kind: string, options?: { namespace?: string; labelSelector?: string }): Promise<KubeObject[]>;
  /** One object as the API server has it, or undefined when it does not exist. */
  get(ref: ObjectRef): Promise<KubeObject | undefined>;
  /** JSON merge patch (RFC 7386): keys set to null are removed, lists are replaced whole. */
  mergePatch(ref: ObjectRef, patch: object): Promise<void>;
  /** Watches `path` until `signal` aborts, resuming dropped streams; rejects when it cannot go on. */
  watch(path: string, query: Record<string, string | undefined>, onEvent: (event: WatchEvent) => void, signal: AbortSignal): Promise<void>;
  /** kubelet's /metrics/resource (Prometheus text) through the API server's node proxy. */
  nodeResourceMetrics(node: string): Promise<string>;
  /** The current log of a pod's container (the only one when `container` is omitted), as text. */
  podLogs(namespace: string, pod: string, container?: string): Promise<string>;
  /**
   * GET `/` of a Service's port through the API server's service proxy, timed on performance.now();
   * any HTTP status is an answer (503 while the Service has no ready endpoint).
   */
  serviceProxyGet(namespace: string, service: string, port: number, signal: AbortSignal): Promise<{ status: number; bodyBytes: number; firstByteAt: number }>;
}

export type ObjectRef = Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>;

export interface KubeOptions {
  crdTimeoutMs?: number;
  /** How long one object's apply retries transient refusals before failing (default 60 s). */
  applyRetryTimeoutMs?: number;
  watchRetryDelayMs?: number;
  watchMaxRetries?: number;
  now?: () => number;
}

export function createKube(kc: KubeConfig, options: KubeOptions = {}): Kube {
  const api = ClusterApi.forConfig(kc);
  const { crdTimeoutMs = 60_000, applyRetryTimeoutMs = 60_000, watchRetryDelayMs = 1000, watchMaxRetries = 8, now = () => performance.now() } = options;

  return {
    async apply(objects, fieldManager = 'meshbench', signal) {
      const apply = (object: KubeObject) => applyWithRetries(describeObject(object), () => api.apply(object, fieldManager), { timeoutMs: applyRetryTimeoutMs, signal });
      const ordered = applyOrder(objects);
      const crds = ordered.filter((object) => object.kind === 'CustomResourceDefinition');
      for (const crd of crds) await apply(crd);
      // Custom resources are rejected until their CRD is Established, so wait before going on.
      for (const crd of crds) {
        const path = `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${encodeURIComponent(crd.metadata.name)}`;
        await waitFor(describeObject(crd), async () => crdEstablished(JSON.parse(await api.getText(path))), { timeoutMs: crdTimeoutMs, intervalMs: 250, signal });
      }
      for (const object of ordered.slice(crds.length)) await apply(object);
    },

    async delete(objects) {
      for (const object of objects) {
        try {
          await api.delete(structuredClone(object)); // client-node fills in a default namespace in place
        } catch (error) {
          if (error instanceof ApiException && error.code === 404) continue;
          throw new Error(`failed to delete ${describeObject(object)}`, { cause: error });
        }
      }
    },

    async list(apiVersion, kind, { namespace, labelSelector } = {}) {
      const path = await api.collectionPath(apiVersion, kind, namespace);
      const list = JSON.parse(await api.getText(path, { labelSelector })) as { items: KubeObject[] };
      return list.items.map((item) => ({ ...item, apiVersion, kind }));
    },

    async get(ref) {
      try {
        return JSON.parse(await api.getText(await api.objectPath(ref))) as KubeObject;
      } catch (error) {
        if (error instanceof ApiException && error.code === 404) return undefined;
        throw new Error(`failed to read ${describeObject(ref)}`, { cause: error });
      }
    },

    async mergePatch(ref, patch) {
      try {
        await api.mergePatch(ref, patch);
      } catch (error) {
        throw new Error(`failed to patch ${describeObject(ref)}`, { cause: error });
      }
    },

    watch(path, query, onEvent, signal) {
      return watchLoop(kc, path, query, onEvent, signal, {
        retryDelayMs: watchRetryDelayMs,
        maxRetries: watchMaxRetries,
        now,
        list: (listPath, listQuery) => api.getText(listPath, listQuery),
      });
    },

    async nodeResourceMetrics(node) {
      const base = `/api/v1/nodes/${encodeURIComponent(node)}/proxy/metrics/resource`;
      try {
        return await api.getText(base);
      } catch (error) {
        // Kubelets before 1.18 (the Istio 1.4 profiles run 1.16) serve it only under /v1alpha1.
        if (error instanceof ApiException && error.code === 404) return api.getText(`${base}/v1alpha1`);
        throw error;
      }
    },

    serviceProxyGet(namespace, service, port, signal) {
      return api.getTimed(`/api/v1/namespaces/${encodeURIComponent(namespace)}/services/${encodeURIComponent(service)}:${port}/proxy/`, signal);
    },

    podLogs(namespace, pod, container) {
      return api.getText(`/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`, { container });
    },
  };
}
