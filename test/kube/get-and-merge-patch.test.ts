// The Kube seam's get and mergePatch against the fake API server: a missing object is undefined,
// not an error; a merge patch goes out as application/merge-patch+json with its nulls intact and
// follows RFC 7386 (null removes a key, maps merge, lists are replaced whole).
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createKube, type Kube } from '../../src/kube/kube.ts';
import { startFakeKubeApi, type FakeKubeApi } from '../fakes/kube-api-server.ts';
import { mergePatch } from '../fakes/merge-patch.ts';

let fake: FakeKubeApi;
let kube: Kube;
beforeEach(async () => {
  fake = await startFakeKubeApi();
  kube = createKube(fake.kubeConfig);
});
afterEach(() => fake.close());

const ref = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' } });

test('get returns the object as stored, or undefined when it does not exist', async () => {
  await kube.apply([{ ...ref('kourier'), spec: { type: 'LoadBalancer' } }]);
  expect(await kube.get(ref('kourier'))).toMatchObject({ apiVersion: 'v1', kind: 'Service', spec: { type: 'LoadBalancer' } });
  expect(await kube.get(ref('missing'))).toBeUndefined();
});

test('mergePatch sends the patch verbatim and the server merges it by RFC 7386', async () => {
  await kube.apply([{ ...ref('kourier'), metadata: { ...ref('kourier').metadata, labels: { app: 'kourier', extra: 'x' } }, spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 31080 }, { port: 443 }] } }]);
  await kube.mergePatch(ref('kourier'), { metadata: { labels: { extra: null } }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } });
  const request = fake.requests.find((r) => r.method === 'PATCH' && r.contentType === 'application/merge-patch+json')!;
  expect(JSON.parse(request.body)).toEqual({ metadata: { labels: { extra: null } }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } });
  const service = await kube.get(ref('kourier'));
  expect(service?.metadata.labels).toEqual({ app: 'kourier' });
  expect(service?.spec).toEqual({ type: 'LoadBalancer', ports: [{ port: 80 }] });
});

test('mergePatch of an object that does not exist fails with the 404', async () => {
  const error = (await kube.mergePatch(ref('missing'), { spec: { type: 'ClusterIP' } }).then(() => undefined, (e: unknown) => e)) as Error;
  expect(error.message).toBe('failed to patch service default/missing');
  expect((error.cause as { code?: number }).code).toBe(404);
});

// RFC 7386 Appendix A, the cases where a naive deep merge goes wrong.
test.each([
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
])('merge patch %j with %j gives %j', (target, patch, result) => {
  expect(mergePatch(target, patch)).toEqual(result);
});
