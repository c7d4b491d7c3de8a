import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Kube } from '../../../src/kube/kube.ts';
import { measureColdStarts } from '../../../src/measure/cold-start/knative.ts';
import type { FakeKubeApi } from '../../fakes/kube-api-server.ts';
import { knativeRevision } from '../../fakes/knative-lifecycle.ts';
import { BODY_BYTES, cluster, coldCell, coldStartSteps, orderOf, playThenAnswer, scriptedRequest } from './support.ts';

let fake: FakeKubeApi;
let kube: Kube;
const stop = new AbortController();
const echo = knativeRevision('echo');
beforeEach(async () => {
  ({ fake, kube } = await cluster());
  fake.store.put(echo.deployment(0));
  fake.store.put(echo.autoscaler(0, 0));
});
afterEach(() => fake.close());

const deps = (request: ReturnType<typeof scriptedRequest>['request']) => ({
  kube, namespace: 'default', services: ['echo'], kind: 'knative' as const, request, expectedBodyBytes: BODY_BYTES, signal: stop.signal, zeroTimeoutMs: 1_000,
});

test('a normal cold start: every phase in order, on one clock, and the total is the first byte', async () => {
  const { request, calls } = scriptedRequest(() => playThenAnswer(fake, coldStartSteps(echo)));
  const { iterations, discardedWarm } = await measureColdStarts(coldCell(), deps(request));

  expect(discardedWarm).toBe(0);
  expect(iterations).toHaveLength(1);
  const [it] = iterations;
  expect(it).toMatchObject({ iteration: 1, service: 'echo', cold: true, ok: true });
  expect(it!.error).toBeUndefined();
  expect(orderOf(it!.phases)).toEqual(['scaled_up', 'pod_created', 'pod_scheduled', 'user_container_started', 'queue_proxy_started', 'pod_ready', 'first_byte']);
  expect(it!.phases.scaled_up).toBeGreaterThanOrEqual(20); // the first scripted step comes 20 ms after the request
  expect(it!.totalMs).toBe(it!.phases.first_byte);
  // The API server's own timestamps ride along, untouched, as a cross-check.
  expect(it!.apiServer).toMatchObject({ pod_scheduled: '2024-03-05T10:20:30Z', user_container_started: '2024-03-05T10:20:32Z', pod_ready: '2024-03-05T10:20:33Z' });
  expect(calls).toHaveLength(1);
});

test('a slow image pull shows as a long gap between scheduling and the container starting', async () => {
  const { request } = scriptedRequest(() => playThenAnswer(fake, coldStartSteps(echo, { pullMs: 600 })));
  const [it] = (await measureColdStarts(coldCell(), deps(request))).iterations;

  expect(it).toMatchObject({ cold: true, ok: true });
  const { pod_scheduled, user_container_started, pod_ready, first_byte } = it!.phases;
  expect(user_container_started! - pod_scheduled!).toBeGreaterThanOrEqual(600);
  expect(pod_ready! - user_container_started!).toBeLessThan(300);
  expect(first_byte).toBeGreaterThanOrEqual(pod_ready!);
});

test('a pod that never becomes ready fails the iteration within the cell timeout, naming where it is stuck', async () => {
  const { request } = scriptedRequest(async () => {
    await fake.store.play(coldStartSteps(echo, { ready: false, waiting: 'ImagePullBackOff' }));
    return undefined; // the activator never gets a ready pod to send the request to
  });
  const started = performance.now();
  const [it] = (await measureColdStarts(coldCell({ timeoutMs: 1_200 }), deps(request))).iterations;

  expect(it).toMatchObject({ cold: true, ok: false });
  expect(it!.error).toMatch(
    /^no successful answer within 1200 ms; pod echo-00001-deployment-7d9f8c6b5-x2x7k: Pending, not ready \(queue-proxy: ContainerCreating, user-container: ImagePullBackOff\)$/,
  );
  expect(it!.totalMs).toBeGreaterThanOrEqual(1_200);
  expect(performance.now() - started).toBeLessThan(1_200 + 2_500); // the linger is for successes only
  expect(Object.keys(it!.phases)).toEqual(['scaled_up', 'pod_created', 'pod_scheduled']);
});
