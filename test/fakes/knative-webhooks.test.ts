import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, test } from 'vitest';
import { knativeWebhooks, type KnativeWebhooks } from './knative-webhooks.ts';
import { RESOURCE_TYPES } from './kube-resources.ts';
import { FakeKubeStore, type StoredObject } from './kube-store.ts';

const type = (groupVersion: string, kind: string) => RESOURCE_TYPES.find((t) => t.groupVersion === groupVersion && t.kind === kind)!;
const SERVICE = type('serving.knative.dev/v1', 'Service');
const CONFIG_MAP = type('v1', 'ConfigMap');
const webhook = (availableReplicas?: number): StoredObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'webhook', namespace: 'knative-serving' }, spec: { replicas: 1 },
  ...(availableReplicas === undefined ? {} : { status: { availableReplicas } }),
});
const service = (annotations: Record<string, string>): StoredObject => ({
  apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'cold-1', namespace: 'default' }, spec: { template: { metadata: { annotations } } },
});
const configMap = (name: string, labels: Record<string, string>, data: Record<string, string> = {}): StoredObject => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'knative-serving', labels }, data,
});
const knativeLabels = (component: string) => ({ 'app.kubernetes.io/name': 'knative-serving', 'app.kubernetes.io/component': component });

let hooks: KnativeWebhooks | undefined;
afterEach(() => hooks?.stop());

test('without the webhook Deployment there are no webhooks', () => {
  hooks = knativeWebhooks(new FakeKubeStore());
  expect(hooks.admit({ operation: 'CREATE', type: SERVICE, object: service({ 'autoscaling.knative.dev/initial-scale': '0' }) })).toBeUndefined();
});

test('while the webhook starts, Knative resources fail closed through the hook they call first; selected ConfigMaps only once it is Available', async () => {
  const store = new FakeKubeStore();
  hooks = knativeWebhooks(store, { unreachableMs: 100 });
  store.put(webhook());
  const selected = configMap('config-network', knativeLabels('networking'));
  expect(hooks.admit({ operation: 'CREATE', type: SERVICE, object: service({}) })).toMatchObject({ code: 500, reason: 'InternalError', message: expect.stringContaining('failed calling webhook "webhook.serving.knative.dev"') });
  expect(hooks.admit({ operation: 'UPDATE', type: CONFIG_MAP, object: selected })).toBeUndefined(); // its rules are not filled in yet

  store.put(webhook(1));
  expect(hooks.admit({ operation: 'DELETE', type: SERVICE, object: service({}) })?.message).toContain('"validation.webhook.serving.knative.dev": failed to call webhook: Post "https://webhook.knative-serving.svc:443/resource-validation?timeout=10s"');
  // The selector matches the old object too: labels the patch leaves out still select it.
  expect(hooks.admit({ operation: 'UPDATE', type: CONFIG_MAP, object: configMap('config-network', {}), oldObject: selected })?.message).toContain('/config-validation?timeout=10s');
  expect(hooks.admit({ operation: 'UPDATE', type: CONFIG_MAP, object: configMap('config-network', knativeLabels('queue-proxy')) })).toBeUndefined();
  expect(hooks.admit({ operation: 'DELETE', type: CONFIG_MAP, object: selected })).toBeUndefined();

  await sleep(120);
  expect(hooks.admit({ operation: 'CREATE', type: SERVICE, object: service({}) })).toBeUndefined();
  expect(hooks.admit({ operation: 'UPDATE', type: CONFIG_MAP, object: selected })).toBeUndefined();
});

test('initial-scale 0 is denied until the webhook config store, behind by the informer lag, allows it (Go ParseBool)', async () => {
  const store = new FakeKubeStore();
  hooks = knativeWebhooks(store, { informerLagMs: 50 });
  store.put(webhook(1));
  const zero = () => hooks!.admit({ operation: 'CREATE', type: SERVICE, object: service({ 'autoscaling.knative.dev/initial-scale': '0' }) });
  expect(zero()).toEqual({
    code: 400,
    reason: 'BadRequest',
    message: 'admission webhook "validation.webhook.serving.knative.dev" denied the request: validation failed: invalid value: 0: spec.template.metadata.annotations.autoscaling.knative.dev/initial-scale=0 not allowed by cluster',
  });
  expect(hooks.admit({ operation: 'CREATE', type: SERVICE, object: service({ 'autoscaling.knative.dev/initial-scale': '1' }) })).toBeUndefined();

  store.put(configMap('config-autoscaler', knativeLabels('autoscaler'), { 'allow-zero-initial-scale': 'True' }));
  expect(zero()).toBeDefined(); // the informer has not delivered it yet
  await sleep(80);
  expect(zero()).toBeUndefined();
  store.put(configMap('config-autoscaler', knativeLabels('autoscaler'), { 'allow-zero-initial-scale': 'yes' })); // fails to parse: kept
  await sleep(80);
  expect(zero()).toBeUndefined();
  store.put(configMap('config-autoscaler', knativeLabels('autoscaler'), {})); // the key's default again
  await sleep(80);
  expect(zero()).toBeDefined();
});
