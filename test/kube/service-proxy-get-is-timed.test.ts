// The service-proxy request plain-Deployment cold starts are timed with: through the API server,
// every status an answer (a Service without a ready endpoint answers 503), first byte stamped on
// performance.now(), an abort honoured.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createKube, type Kube } from '../../src/kube/kube.ts';
import { startFakeKubeApi, type FakeKubeApi } from '../fakes/kube-api-server.ts';

let fake: FakeKubeApi;
let kube: Kube;
beforeEach(async () => {
  fake = await startFakeKubeApi();
  kube = createKube(fake.kubeConfig);
});
afterEach(() => fake.close());

test('answers with status and body size, stamped between send and return, through the service proxy path', async () => {
  fake.setServiceProxy((namespace, service, port) => ({ status: 200, body: `${namespace}/${service}:${port}`.padEnd(100, '.') }));
  const before = performance.now();
  const answer = await kube.serviceProxyGet('ns-1', 'cold-1', 80, new AbortController().signal);
  expect(answer.status).toBe(200);
  expect(answer.bodyBytes).toBe(100);
  expect(answer.firstByteAt).toBeGreaterThanOrEqual(before);
  expect(answer.firstByteAt).toBeLessThanOrEqual(performance.now());
  expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', path: expect.stringMatching(/^\/api\/v1\/namespaces\/ns-1\/services\/cold-1:80\/proxy\/?$/) });
});

test('a Service with no ready endpoint is a 503 answer, not an exception', async () => {
  const answer = await kube.serviceProxyGet('default', 'cold-2', 80, new AbortController().signal);
  expect(answer.status).toBe(503);
});

test('rejects when aborted', async () => {
  fake.setServiceProxy(() => new Promise(() => undefined)); // never answers, like a proxy waiting on a pod
  const controller = new AbortController();
  const pending = kube.serviceProxyGet('default', 'cold-1', 80, controller.signal);
  setTimeout(() => controller.abort(), 50);
  await expect(pending).rejects.toThrow();
});
