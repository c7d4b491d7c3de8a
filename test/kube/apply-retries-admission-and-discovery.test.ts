// Right after an install the API server refuses applies that succeed a moment later: Knative's
// webhook is not reachable yet, or judges by config its informer has not delivered yet; a new
// CRD's kind is not in discovery (or not served) yet. Apply retries those for a bounded time, and
// nothing else.
import { ApiException } from '@kubernetes/client-node';
import { afterEach, expect, test } from 'vitest';
import { isTransientRefusal } from '../../src/kube/api-errors.ts';
import { createKube, type KubeOptions } from '../../src/kube/kube.ts';
import type { KubeObject } from '../../src/kube/objects.ts';
import { startFakeKubeApi, type FakeKubeApi, type FakeKubeApiOptions } from '../fakes/kube-api-server.ts';

let fake: FakeKubeApi | undefined;
afterEach(() => fake?.close());

async function cluster(options: FakeKubeApiOptions, kubeOptions: KubeOptions = {}) {
  fake = await startFakeKubeApi(options);
  return { fake, kube: createKube(fake.kubeConfig, kubeOptions) };
}

/** What Knative's install leaves in the store: the namespace, its labelled config-autoscaler, an Available webhook. */
function installKnative(api: FakeKubeApi): void {
  api.store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'knative-serving' } });
  api.store.put(configAutoscaler({}, { 'app.kubernetes.io/name': 'knative-serving', 'app.kubernetes.io/component': 'autoscaler' }));
  api.store.put({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'webhook', namespace: 'knative-serving' }, spec: { replicas: 1 }, status: { replicas: 1, readyReplicas: 1, availableReplicas: 1 } });
}

/** As meshbench applies it: its keys only, no labels (the release's stay in the store). */
const configAutoscaler = (data: Record<string, string>, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-autoscaler', namespace: 'knative-serving', ...(labels ? { labels } : {}) }, data,
});
const knativeService = (annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'cold-1', namespace: 'default' },
  spec: { template: { metadata: { annotations }, spec: { containers: [{ image: 'kind.local/fortio:1.69.5' }] } } },
});
const crd = (group: string, version: string, kind: string, plural: string): KubeObject => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `${plural}.${group}` },
  spec: { group, scope: 'Namespaced', names: { kind, plural }, versions: [{ name: version, served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] },
});
const statuses = (api: FakeKubeApi, method: string, path: string) => api.requests.filter((r) => r.method === method && r.path === path).map((r) => r.status);
const CONFIG_AUTOSCALER = '/api/v1/namespaces/knative-serving/configmaps/config-autoscaler';
const COLD_1 = '/apis/serving.knative.dev/v1/namespaces/default/services/cold-1';

test('a ConfigMap the config webhook selects (by its labels in the store) is retried while the webhook is unreachable; others go through', async () => {
  const { fake, kube } = await cluster({ knativeWebhooks: { unreachableMs: 400 } });
  installKnative(fake);
  const started = performance.now();
  await kube.apply([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'unrelated', namespace: 'default' }, data: { a: 'b' } }]);
  expect(statuses(fake, 'PATCH', '/api/v1/namespaces/default/configmaps/unrelated')).toEqual([201]);

  await kube.apply([configAutoscaler({ 'stable-window': '6s' })]);
  const answers = statuses(fake, 'PATCH', CONFIG_AUTOSCALER);
  expect(answers[0]).toBe(500);
  expect(answers.at(-1)).toBe(200);
  expect(performance.now() - started).toBeGreaterThanOrEqual(380);
  expect(fake.store.list({ type: { groupVersion: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true }, namespace: 'knative-serving' })[0]!.data).toEqual({ 'stable-window': '6s' });
});

test('a Service at initial-scale 0 applied just after allow-zero-initial-scale is retried until the webhook config store has caught up', async () => {
  const { fake, kube } = await cluster({ knativeWebhooks: { informerLagMs: 300 } });
  installKnative(fake);
  await kube.apply([configAutoscaler({ 'allow-zero-initial-scale': 'true' })]);
  await kube.apply([knativeService({ 'autoscaling.knative.dev/initial-scale': '0' })]);
  const answers = statuses(fake, 'PATCH', COLD_1);
  expect(answers[0]).toBe(400); // denied by the stale config
  expect(answers.at(-1)).toBe(201);
});

test('a denial that does not heal gives up after the retry budget, naming the object and the webhook message readably', async () => {
  const { fake, kube } = await cluster({}, { applyRetryTimeoutMs: 500 });
  installKnative(fake);
  // Not a Go bool: Knative's config store keeps the previous value (false).
  await kube.apply([configAutoscaler({ 'allow-zero-initial-scale': 'yes' })]);
  const started = performance.now();
  const failure = (await kube.apply([knativeService({ 'autoscaling.knative.dev/initialScale': '0' })]).catch((error: unknown) => error)) as Error;
  expect(performance.now() - started).toBeGreaterThanOrEqual(480);
  expect(performance.now() - started).toBeLessThan(2000);
  expect(failure.message).toBe(
    `failed to apply service default/cold-1: still refused after 0.5s (${statuses(fake, 'PATCH', COLD_1).length} attempts); last answer: HTTP 400 BadRequest: ` +
      'admission webhook "validation.webhook.serving.knative.dev" denied the request: validation failed: invalid value: 0: spec.template.metadata.annotations.autoscaling.knative.dev/initialScale=0 not allowed by cluster',
  );
  expect(statuses(fake, 'PATCH', COLD_1).length).toBeGreaterThanOrEqual(3);
  expect(failure.cause).toBeInstanceOf(ApiException);
});

test('an unreachable webhook past the budget: the 500 message, unescaped', async () => {
  const { fake, kube } = await cluster({ knativeWebhooks: { unreachableMs: 60_000 } }, { applyRetryTimeoutMs: 300 });
  installKnative(fake);
  const failure = (await kube.apply([knativeService()]).catch((error: unknown) => error)) as Error;
  expect(failure.message).toMatch(/^failed to apply service default\/cold-1: still refused after 0\.3s \(\d+ attempts\); last answer: HTTP 500 InternalError: /);
  expect(failure.message).toContain(
    'Internal error occurred: failed calling webhook "webhook.serving.knative.dev": failed to call webhook: Post "https://webhook.knative-serving.svc:443/defaulting?timeout=10s": dial tcp 10.96.63.217:443: connect: connection refused',
  );
  expect(failure.message).not.toContain('\\"');
});

const IMAGE: KubeObject = { apiVersion: 'caching.internal.knative.dev/v1alpha1', kind: 'Image', metadata: { name: 'queue-proxy', namespace: 'default' }, spec: { image: 'queue' } };

test.each([
  // Its group has no other kind: discovery itself 404s ("Failed to fetch resource metadata").
  { name: 'a group not served yet', crd: crd('caching.internal.knative.dev', 'v1alpha1', 'Image', 'images'), object: IMAGE, firstDiscovery: 404 },
  // serving.knative.dev/v1 still lists Revision: client-node says "Unrecognized API version and kind".
  { name: 'a kind not listed yet', crd: crd('serving.knative.dev', 'v1', 'Service', 'services'), object: knativeService(), firstDiscovery: 200 },
])('a custom resource applied right after its CRD waits out discovery: $name', async ({ crd, object, firstDiscovery }) => {
  const { fake, kube } = await cluster({ crdDiscoveryLagMs: 300 });
  const started = performance.now();
  await kube.apply([crd, object]);
  expect(performance.now() - started).toBeGreaterThanOrEqual(280);
  const groupVersion = `/apis/${object.apiVersion}`;
  const discovery = statuses(fake, 'GET', groupVersion);
  expect(discovery.length).toBeGreaterThanOrEqual(2);
  expect(discovery[0]).toBe(firstDiscovery);
  expect(discovery.at(-1)).toBe(200);
  const plural = object.kind === 'Image' ? 'images' : 'services';
  expect(statuses(fake, 'PATCH', `${groupVersion}/namespaces/default/${plural}/${object.metadata.name}`)).toEqual([201]);
});

test('a PATCH that 404s because a re-created CRD is not served yet (discovery still cached) is retried', async () => {
  const { fake, kube } = await cluster({ crdDiscoveryLagMs: 300 });
  await kube.apply([knativeService()]); // client-node now caches serving.knative.dev/v1's resources
  fake.store.put(crd('serving.knative.dev', 'v1', 'Service', 'services')); // created anew, e.g. by a reinstall
  await kube.apply([knativeService({ 'autoscaling.knative.dev/initial-scale': '1' })]);
  const answers = statuses(fake, 'PATCH', COLD_1);
  expect(answers.slice(0, 2)).toEqual([201, 404]);
  expect(answers.at(-1)).toBe(200);
  expect(statuses(fake, 'GET', '/apis/serving.knative.dev/v1')).toEqual([200]);
});

test('aborting the signal stops the retries at once with its reason', async () => {
  const { fake, kube } = await cluster({ knativeWebhooks: { unreachableMs: 60_000 } });
  installKnative(fake);
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error('interrupted')), 250);
  const started = performance.now();
  const failure = (await kube.apply([knativeService()], undefined, controller.signal).catch((error: unknown) => error)) as Error;
  expect(failure.message).toBe('interrupted');
  expect(performance.now() - started).toBeLessThan(600);
});

const apiError = (code: number, body: string | undefined) => new ApiException(code, 'Unsuccessful HTTP Request', body, {});
const status = (code: number, reason: string, message: string) => JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message });

test.each([
  ['webhook unreachable', true, apiError(500, status(500, 'InternalError', 'Internal error occurred: failed calling webhook "x": failed to call webhook: context deadline exceeded'))],
  ['webhook denial', true, apiError(400, status(400, 'BadRequest', 'admission webhook "x" denied the request: validation failed'))],
  ['path not served yet', true, apiError(404, '404 page not found\n')],
  ['kind not in discovery yet', true, new Error('Unrecognized API version and kind: serving.knative.dev/v1 Service')],
  ['too many requests', true, apiError(429, status(429, 'TooManyRequests', 'storage is (re)initializing'))],
  ['unavailable', true, apiError(503, status(503, 'ServiceUnavailable', 'the server is currently unable to handle the request'))],
  ['gateway timeout', true, apiError(504, status(504, 'Timeout', 'request timed out'))],
  ['invalid', false, apiError(422, status(422, 'Invalid', 'Deployment.apps "echo" is invalid: spec.replicas: Invalid value: -1'))],
  ['forbidden', false, apiError(403, status(403, 'Forbidden', 'configmaps "x" is forbidden: User "u" cannot patch resource'))],
  ['namespace not found', false, apiError(404, status(404, 'NotFound', 'namespaces "x" not found'))],
  ['other internal error', false, apiError(500, status(500, 'InternalError', 'Internal error occurred: etcdserver: request is too large'))],
  ['unauthorized, no body', false, apiError(401, undefined)],
])('%s is transient: %s', (_name, transient, error) => {
  expect(isTransientRefusal(error)).toBe(transient);
});
