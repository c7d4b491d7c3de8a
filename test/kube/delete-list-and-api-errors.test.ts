import { ApiException, CoreV1Api, KubernetesObjectApi } from '@kubernetes/client-node';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createKube, type Kube } from '../../src/kube/kube.ts';
import type { KubeObject } from '../../src/kube/objects.ts';
import { startFakeKubeApi, type FakeKubeApi } from '../fakes/kube-api-server.ts';

let fake: FakeKubeApi;
let kube: Kube;
beforeEach(async () => {
  fake = await startFakeKubeApi();
  kube = createKube(fake.kubeConfig);
});
afterEach(() => fake.close());

const configMap = (name: string, labels: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', labels } });

test('delete removes what exists and ignores what is already gone', async () => {
  await kube.apply([configMap('a', {})]);
  await kube.delete([configMap('a', {}), configMap('never-created', {})]);
  const deletes = fake.requests.filter((request) => request.method === 'DELETE').map((request) => request.path);
  expect(deletes).toEqual(['/api/v1/namespaces/default/configmaps/a', '/api/v1/namespaces/default/configmaps/never-created']);
  expect(await kube.list('v1', 'ConfigMap', { namespace: 'default' })).toEqual([]);
});

test('list filters by label selector and returns plain objects with apiVersion and kind', async () => {
  await kube.apply([configMap('mine', { 'app.kubernetes.io/managed-by': 'meshbench' }), configMap('theirs', { team: 'x' })]);
  const mine = await kube.list('v1', 'ConfigMap', { namespace: 'default', labelSelector: 'app.kubernetes.io/managed-by=meshbench' });
  expect(mine.map((object) => [object.apiVersion, object.kind, object.metadata.name])).toEqual([['v1', 'ConfigMap', 'mine']]);
  expect(typeof mine[0]!.metadata.creationTimestamp).toBe('string'); // JSON as sent, not client-node's Date
});

test('client-node raises ApiException with the Status code: 404 NotFound, 409 AlreadyExists', async () => {
  const core = fake.kubeConfig.makeApiClient(CoreV1Api);
  const missing = await core.readNamespacedPod({ name: 'nope', namespace: 'default' }).catch((error: unknown) => error);
  expect(missing).toBeInstanceOf(ApiException);
  expect((missing as ApiException<string>).code).toBe(404);

  const objects = KubernetesObjectApi.makeApiClient(fake.kubeConfig);
  await objects.create(configMap('twice', {}));
  const duplicate = await objects.create(configMap('twice', {})).catch((error: unknown) => error);
  expect((duplicate as ApiException<string>).code).toBe(409);
  expect(JSON.parse((duplicate as ApiException<string>).body)).toMatchObject({ reason: 'AlreadyExists', message: 'configmaps "twice" already exists' });
});

test('nodeResourceMetrics returns the kubelet text served through the node proxy', async () => {
  const text = '# TYPE container_cpu_usage_seconds_total counter\ncontainer_cpu_usage_seconds_total{container="istio-proxy",namespace="default",pod="echo-1"} 0.123 1633256220105\n';
  fake.setNodeMetrics('meshbench-worker', text);
  expect(await kube.nodeResourceMetrics('meshbench-worker')).toBe(text);
  expect(fake.requests.at(-1)!.path).toBe('/api/v1/nodes/meshbench-worker/proxy/metrics/resource');
  const unknown = await kube.nodeResourceMetrics('other').catch((error: unknown) => error);
  expect((unknown as ApiException<string>).code).toBe(404);
});

test('nodeResourceMetrics falls back to /metrics/resource/v1alpha1 on a kubelet before 1.18', async () => {
  const text = '# TYPE container_cpu_usage_seconds_total counter\ncontainer_cpu_usage_seconds_total{container="mixer",namespace="istio-system",pod="istio-telemetry-1"} 4.5 1633256220105\n';
  fake.setNodeMetrics('legacy-node', text, 'metrics/resource/v1alpha1');
  expect(await kube.nodeResourceMetrics('legacy-node')).toBe(text);
  expect(fake.requests.slice(-2).map((r) => r.path)).toEqual([
    '/api/v1/nodes/legacy-node/proxy/metrics/resource',
    '/api/v1/nodes/legacy-node/proxy/metrics/resource/v1alpha1',
  ]);
});
