// A burst of concurrent requests to one cold service, and a warm-baseline request after each
// iteration, through the fake API server: one timeline per iteration, every first byte kept, the
// total the slowest; the warm request labelled warm and never counted as discarded.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Kube } from '../../../src/kube/kube.ts';
import { measureColdStarts } from '../../../src/measure/cold-start/knative.ts';
import type { FakeKubeApi } from '../../fakes/kube-api-server.ts';
import { knativeRevision } from '../../fakes/knative-lifecycle.ts';
import { answer, BODY_BYTES, cluster, coldCell, coldStartSteps, scriptedRequest } from './support.ts';

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

const deps = (request: ReturnType<typeof scriptedRequest>['request'], extra: { warmService?: string } = {}) => ({
  kube, namespace: 'default', services: ['echo'], kind: 'knative' as const, request, expectedBodyBytes: BODY_BYTES, signal: stop.signal, zeroTimeoutMs: 1_000, ...extra,
});

test('a burst of 3: all sent at once, one scale-up, first bytes kept, the total is the slowest', async () => {
  // The first call plays the scale-up; the activator then releases the held requests 0, 30 and 60 ms after it.
  let ready: Promise<void> | undefined;
  const { request, calls } = scriptedRequest(async (_service, call) => {
    ready ??= fake.store.play(coldStartSteps(echo));
    await ready;
    await sleep(20 + (call - 1) * 30);
    return answer();
  });
  const { iterations, discardedWarm } = await measureColdStarts(coldCell({ burst: 3 }), deps(request));

  expect(discardedWarm).toBe(0);
  expect(iterations).toHaveLength(1);
  const [it] = iterations;
  expect(it).toMatchObject({ cold: true, ok: true });
  expect(calls).toHaveLength(3);
  expect(Math.max(...calls.map((c) => c.at)) - Math.min(...calls.map((c) => c.at))).toBeLessThan(20);
  const firstBytes = it!.firstBytes!;
  expect(firstBytes).toHaveLength(3);
  expect(it!.totalMs).toBe(Math.max(...firstBytes));
  expect(it!.phases.first_byte).toBe(Math.min(...firstBytes));
  expect(it!.totalMs - it!.phases.first_byte!).toBeGreaterThanOrEqual(50);
  expect(it!.phases.pod_ready).toBeLessThanOrEqual(it!.phases.first_byte!);
});

test('a burst with one bad answer fails the iteration with the reason', async () => {
  let ready: Promise<void> | undefined;
  const { request } = scriptedRequest(async (_service, call) => {
    ready ??= fake.store.play(coldStartSteps(echo));
    await ready;
    return call === 2 ? answer(503) : answer();
  });
  const [it] = (await measureColdStarts(coldCell({ burst: 2 }), deps(request))).iterations;
  expect(it).toMatchObject({ cold: true, ok: false, error: 'HTTP 503' });
});

test('a warm baseline: warm-1 is requested after each iteration, labelled warm, not discarded', async () => {
  const { request, calls } = scriptedRequest(async (service) => {
    if (service === 'warm-1') return answer();
    await fake.store.play(coldStartSteps(echo));
    await sleep(30);
    const response = answer();
    // The revision goes back to zero before the next iteration.
    fake.store.remove('v1', 'Pod', 'default', echo.pod);
    fake.store.put(echo.deployment(0));
    fake.store.put(echo.autoscaler(0, 0));
    return response;
  });
  const { iterations, discardedWarm } = await measureColdStarts(coldCell({ iterations: 2, warmBaseline: true }), deps(request, { warmService: 'warm-1' }));

  expect(calls.map((c) => c.service)).toEqual(['echo', 'warm-1', 'echo', 'warm-1']);
  expect(iterations.map((it) => `${it.iteration}/${it.service}/${it.kind ?? 'cold'}/${it.cold}/${it.ok}`)).toEqual([
    '1/echo/cold/true/true', '1/warm-1/warm/false/true', '2/echo/cold/true/true', '2/warm-1/warm/false/true',
  ]);
  expect(discardedWarm).toBe(0);
  const warm = iterations.filter((it) => it.kind === 'warm');
  for (const it of warm) {
    expect(Object.keys(it.phases)).toEqual(['first_byte']);
    expect(it.totalMs).toBe(it.phases.first_byte);
    expect(it.totalMs).toBeLessThan(iterations.find((cold) => cold.cold)!.totalMs);
  }
});

test('a warm baseline that does not answer is a failed warm request, not a failed cold start', async () => {
  const { request } = scriptedRequest(async (service) => {
    if (service === 'warm-1') return answer(404, 9);
    await fake.store.play(coldStartSteps(echo));
    return answer();
  });
  const { iterations, discardedWarm } = await measureColdStarts(coldCell({ warmBaseline: true }), deps(request, { warmService: 'warm-1' }));
  expect(iterations[0]).toMatchObject({ cold: true, ok: true });
  expect(iterations[1]).toMatchObject({ kind: 'warm', cold: false, ok: false, error: 'HTTP 404' });
  expect(discardedWarm).toBe(0);
});
