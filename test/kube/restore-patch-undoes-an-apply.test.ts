// The merge patch that undoes an apply touches exactly the fields the apply set: previous values
// back, keys that were absent removed (null), lists back whole; nothing else of the object.
import { expect, test } from 'vitest';
import type { KubeObject } from '../../src/kube/objects.ts';
import { restorePatch } from '../../src/kube/restore-patch.ts';
import { mergePatch } from '../fakes/merge-patch.ts';

const configMap = (data: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-autoscaler', namespace: 'knative-serving' }, data });

test('a ConfigMap gets back the values of the keys applied, and loses the keys that were new', () => {
  const before: KubeObject = { ...configMap({ 'stable-window': '60s', 'owner-key': 'kept' }), metadata: { name: 'config-autoscaler', namespace: 'knative-serving', resourceVersion: '7' } };
  const applied = configMap({ 'stable-window': '6s', 'allow-zero-initial-scale': 'true' });
  const patch = restorePatch(applied, before);
  expect(patch).toEqual({ data: { 'stable-window': '60s', 'allow-zero-initial-scale': null } });
  const after = mergePatch({ ...before, data: { ...(before.data as object), ...(applied.data as object) } }, patch) as KubeObject;
  expect(after.data).toEqual({ 'stable-window': '60s', 'owner-key': 'kept' });
});

test('a Service gets back its type and its whole port list; a map that was absent has its keys removed', () => {
  const before: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kourier', namespace: 'kourier-system' }, spec: { type: 'LoadBalancer', ports: [{ name: 'http2', port: 80, nodePort: 30517 }, { name: 'https', port: 443 }] } };
  const applied: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kourier', namespace: 'kourier-system', labels: { tuned: 'yes' } }, spec: { type: 'NodePort', ports: [{ name: 'http2', port: 80, nodePort: 31080 }] } };
  expect(restorePatch(applied, before)).toEqual({
    metadata: { labels: { tuned: null } },
    spec: { type: 'LoadBalancer', ports: [{ name: 'http2', port: 80, nodePort: 30517 }, { name: 'https', port: 443 }] },
  });
});
