import { ApiException } from '@kubernetes/client-node';
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

const DEPLOYMENTS = { groupVersion: 'apps/v1', kind: 'Deployment', plural: 'deployments', namespaced: true };
const deployment = (replicas: number): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'echo', namespace: 'default', labels: { 'app.kubernetes.io/managed-by': 'meshbench' } },
  spec: { replicas, selector: { matchLabels: { app: 'echo' } }, template: { metadata: { labels: { app: 'echo' } }, spec: { containers: [{ name: 'echo', image: 'fortio/fortio' }] } } },
});
const patches = () => fake.requests.filter((request) => request.method === 'PATCH');

test('apply creates an object, then updates it, with server-side apply PATCHes', async () => {
  await kube.apply([deployment(1)]);
  const created = fake.store.get(DEPLOYMENTS, 'default', 'echo')!;
  expect(created.spec).toMatchObject({ replicas: 1 });

  await kube.apply([deployment(3)], 'meshbench-test');
  const updated = fake.store.get(DEPLOYMENTS, 'default', 'echo')!;
  expect(updated.spec).toMatchObject({ replicas: 3 });
  expect(Number(updated.metadata.resourceVersion)).toBeGreaterThan(Number(created.metadata.resourceVersion));

  expect(patches().map(({ path, contentType, query }) => ({ path, contentType, query }))).toEqual([
    { path: '/apis/apps/v1/namespaces/default/deployments/echo', contentType: 'application/apply-patch+yaml', query: { fieldManager: 'meshbench', force: 'true' } },
    { path: '/apis/apps/v1/namespaces/default/deployments/echo', contentType: 'application/apply-patch+yaml', query: { fieldManager: 'meshbench-test', force: 'true' } },
  ]);
  expect(patches()[0]!.authorization).toBe('Bearer fake-token');
});

test('apply sends CRDs first, then namespaces, then the rest, and keeps fields client-node does not model', async () => {
  const crd: KubeObject = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'podautoscalers.autoscaling.internal.knative.dev' },
    spec: {
      group: 'autoscaling.internal.knative.dev',
      names: { kind: 'PodAutoscaler', plural: 'podautoscalers' },
      scope: 'Namespaced',
      versions: [{ name: 'v1alpha1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { reachability: { type: 'string', enum: ['Reachable', 'Unreachable'], default: 'Unknown' } } } } }],
    },
  };
  const namespace: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'meshbench-bench' } };
  const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-autoscaler', namespace: 'meshbench-bench' }, data: { 'scale-to-zero-grace-period': '5s' } };
  const pa: KubeObject = { apiVersion: 'autoscaling.internal.knative.dev/v1alpha1', kind: 'PodAutoscaler', metadata: { name: 'echo-00001', namespace: 'meshbench-bench' }, spec: {} };

  await kube.apply([configMap, pa, namespace, crd]);

  expect(patches().map((request) => request.path)).toEqual([
    '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/podautoscalers.autoscaling.internal.knative.dev',
    '/api/v1/namespaces/meshbench-bench',
    '/api/v1/namespaces/meshbench-bench/configmaps/config-autoscaler',
    '/apis/autoscaling.internal.knative.dev/v1alpha1/namespaces/meshbench-bench/podautoscalers/echo-00001',
  ]);
  // client-node's own patch() would have dropped these three schema keywords.
  const schema = JSON.stringify(JSON.parse(patches()[0]!.body).spec.versions[0].schema);
  expect(schema).toContain('"x-kubernetes-preserve-unknown-fields":true');
  expect(schema).toContain('"enum":["Reachable","Unreachable"]');
  expect(schema).toContain('"default":"Unknown"');
});

test('an apply the API server rejects fails at once, naming the object and what the server said, and carries the ApiException', async () => {
  const orphan: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'not-created' } };
  const started = performance.now();
  const failure = await kube.apply([orphan]).catch((error: Error) => error);
  // A 404 Status is an answer, not a path that is not served yet: no retrying.
  expect(performance.now() - started).toBeLessThan(150);
  expect(patches()).toHaveLength(1);
  expect((failure as Error).message).toBe('failed to apply configmap not-created/x: HTTP 404 NotFound: namespaces "not-created" not found');
  const cause = (failure as Error).cause as ApiException<string>;
  expect(cause).toBeInstanceOf(ApiException);
  expect(cause.code).toBe(404);
  // client-node 2.0.1 leaves the Status as JSON text in `body`.
  expect(JSON.parse(cause.body)).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'namespaces "not-created" not found' });
});
