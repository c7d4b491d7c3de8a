// Istio 1.28's ambient enrolment on the fake API server: which pods ztunnel captures. istio-cni's
// node agent (the istio-cni-node DaemonSet) redirects a pod's traffic to the node's ztunnel when the
// enablement selectors match, and marks it with the annotation `ambient.istio.io/redirection:
// enabled` (removed again when it stops matching). istio/istio@1.28.3:
// - manifests/charts/istio-cni/values.yaml ambient.enablementSelectors: a pod labelled
//   istio.io/dataplane-mode=ambient, or any pod whose istio.io/dataplane-mode is not `none` in a
//   namespace labelled istio.io/dataplane-mode=ambient;
// - cni/pkg/util/enablement_selector.go Matches: never a pod with a sidecar (annotation
//   sidecar.istio.io/status);
// - cni/pkg/nodeagent/informers.go (pod and namespace events), cni/pkg/util/podutil.go
//   AnnotateEnrolledPod / AnnotateUnenrollPod, pkg/config/constants AmbientRedirectionEnabled.
// It acts only once the install created istio-cni-node in istio-system, as the real agent does.
import type { FakeKubeApi } from './kube-api-server.ts';
import { RESOURCE_TYPES } from './kube-resources.ts';
import type { StoredObject } from './kube-store.ts';

export const REDIRECTION = 'ambient.istio.io/redirection';
const MODE = 'istio.io/dataplane-mode';

const type = (groupVersion: string, kind: string) => RESOURCE_TYPES.find((t) => t.groupVersion === groupVersion && t.kind === kind)!;

/** Whether istio-cni enrols a pod with these labels and annotations in a namespace with these labels. */
export function ambientEnrolled(podLabels: Record<string, string>, podAnnotations: Record<string, string>, namespaceLabels: Record<string, string>): boolean {
  if (podAnnotations['sidecar.istio.io/status'] !== undefined) return false;
  if (podLabels[MODE] === 'ambient') return true;
  return namespaceLabels[MODE] === 'ambient' && podLabels[MODE] !== 'none';
}

export function startAmbientEnrolment(api: FakeKubeApi): () => void {
  const { store } = api;
  const installed = () => store.get(type('apps/v1', 'DaemonSet'), 'istio-system', 'istio-cni-node') !== undefined;
  const reconcile = (pod: StoredObject) => {
    if (!installed() || pod.metadata.deletionTimestamp) return;
    const namespace = store.get(type('v1', 'Namespace'), undefined, pod.metadata.namespace!);
    const annotations = (pod.metadata.annotations ?? {}) as Record<string, string>;
    const want = ambientEnrolled(pod.metadata.labels ?? {}, annotations, namespace?.metadata.labels ?? {});
    if (want === (annotations[REDIRECTION] === 'enabled')) return;
    const { [REDIRECTION]: _dropped, ...rest } = annotations;
    store.put({ ...pod, metadata: { ...pod.metadata, annotations: want ? { ...annotations, [REDIRECTION]: 'enabled' } : rest } });
  };
  const stops = [
    store.watch({ type: type('v1', 'Pod') }, undefined, ({ type: event, object }) => {
      if (event !== 'DELETED') reconcile(object);
    }),
    store.watch({ type: type('v1', 'Namespace') }, undefined, ({ type: event, object }) => {
      if (event !== 'DELETED') for (const pod of store.list({ type: type('v1', 'Pod'), namespace: object.metadata.name })) reconcile(pod);
    }),
  ];
  return () => {
    for (const stop of stops) if (typeof stop === 'function') stop();
  };
}
