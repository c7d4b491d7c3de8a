// The fake istio-cni enrols pods for ztunnel the way Istio 1.28.3's default enablement selectors do
// (manifests/charts/istio-cni/values.yaml; cni/pkg/util/enablement_selector.go), and only once the
// ambient install put istio-cni-node there.
import { afterEach, describe, expect, it } from 'vitest';
import { ambientEnrolled, REDIRECTION, startAmbientEnrolment } from './istio-cni-ambient.ts';
import { startFakeKubeApi, type FakeKubeApi } from './kube-api-server.ts';
import { RESOURCE_TYPES } from './kube-resources.ts';

const AMBIENT = { 'istio.io/dataplane-mode': 'ambient' };
const type = (groupVersion: string, kind: string) => RESOURCE_TYPES.find((t) => t.groupVersion === groupVersion && t.kind === kind)!;

describe('ambientEnrolled', () => {
  it('follows the namespace, unless the pod says none; a pod label alone enrols it anywhere; never a sidecar pod', () => {
    expect(ambientEnrolled({}, {}, AMBIENT)).toBe(true);
    expect(ambientEnrolled({ 'istio.io/dataplane-mode': 'none' }, {}, AMBIENT)).toBe(false);
    expect(ambientEnrolled({}, {}, {})).toBe(false);
    expect(ambientEnrolled(AMBIENT, {}, {})).toBe(true);
    expect(ambientEnrolled({}, { 'sidecar.istio.io/status': '{}' }, AMBIENT)).toBe(false);
  });
});

describe('startAmbientEnrolment', () => {
  let api: FakeKubeApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('annotates enrolled pods once istio-cni is installed, and follows the namespace label', async () => {
    api = await startFakeKubeApi();
    const stop = startAmbientEnrolment(api);
    const { store } = api;
    const pod = (name: string, labels: Record<string, string> = {}) => store.put({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'run', labels } });
    const enrolled = (name: string) => (store.get(type('v1', 'Pod'), 'run', name)!.metadata.annotations as Record<string, string> | undefined)?.[REDIRECTION];
    store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'run', labels: AMBIENT } });
    pod('before-cni');
    expect(enrolled('before-cni')).toBeUndefined();

    store.put({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'istio-cni-node', namespace: 'istio-system' } });
    pod('echo');
    pod('k6', { 'istio.io/dataplane-mode': 'none' });
    expect(enrolled('echo')).toBe('enabled');
    expect(enrolled('k6')).toBeUndefined();

    store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'run', labels: {} } });
    expect(enrolled('echo')).toBeUndefined();
    stop();
  });
});
