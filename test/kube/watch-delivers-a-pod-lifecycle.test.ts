import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createKube, type Kube } from '../../src/kube/kube.ts';
import { podReady } from '../../src/kube/wait.ts';
import { startFakeKubeApi, type FakeKubeApi } from '../fakes/kube-api-server.ts';
import { podLifecycle } from '../fakes/pod-lifecycle.ts';
import { collector, until as waitUntil } from './support.ts';

let fake: FakeKubeApi;
let kube: Kube;
let stop: AbortController;
beforeEach(async () => {
  fake = await startFakeKubeApi();
  kube = createKube(fake.kubeConfig, { watchRetryDelayMs: 10 });
  stop = new AbortController();
});
afterEach(async () => {
  stop.abort();
  await fake.close();
});

const PODS = '/api/v1/namespaces/default/pods';

test('a watch receives a scripted pod lifecycle in order, stamped on receipt', async () => {
  const { events, onEvent, until } = collector();
  const watching = kube.watch(PODS, { labelSelector: 'app=echo', resourceVersion: String(fake.store.resourceVersion) }, onEvent, stop.signal);
  const [pending, scheduled, creating, running] = podLifecycle('echo');
  const [otherApp] = podLifecycle('other');
  // Events put before the watch connects would be replayed together from history; receipt times
  // only mirror the script once the stream is live.
  await waitUntil(() => fake.activeWatches() === 1, 'the watch to connect');
  // Each write is stamped just before it is made, so receipt times can be checked against the
  // writes without assuming how quickly a loaded machine delivers them.
  const writtenAt: number[] = [];
  const write = async (object: typeof pending, pauseMs: number, counted = true) => {
    await sleep(pauseMs);
    if (counted) writtenAt.push(performance.now());
    fake.store.put(object!);
  };
  await write(pending, 0);
  await write(otherApp, 100, false); // filtered out by the label selector
  await write(scheduled, 0);
  await write(creating, 100);
  await write(running, 100);
  await until(4);

  expect(events.map((event) => event.type)).toEqual(['ADDED', 'MODIFIED', 'MODIFIED', 'MODIFIED']);
  const objects = events.map((event) => (event.type === 'RELISTED' ? undefined : event.object));
  expect(objects.map((object) => object!.metadata.name)).toEqual(['echo', 'echo', 'echo', 'echo']);
  expect(objects.map((object) => podReady(object).ready)).toEqual([false, false, false, true]);
  const received = events.map((event) => event.receivedAt);
  for (let i = 0; i < received.length; i++) expect(received[i]!).toBeGreaterThanOrEqual(writtenAt[i]!);
  for (let i = 1; i < received.length; i++) expect(received[i]!).toBeGreaterThanOrEqual(received[i - 1]!);
  // Stamped as each event arrives, not when the stream is read to its end.
  expect(received[0]!).toBeLessThan(writtenAt[1]!);
  const versions = objects.map((object) => Number(object!.metadata.resourceVersion));
  expect([...versions].sort((a, b) => a - b)).toEqual(versions);

  stop.abort();
  await watching; // resolves once aborted
  expect(fake.requests.filter((request) => request.query.watch === 'true')[0]!.query).toMatchObject({ labelSelector: 'app=echo', allowWatchBookmarks: 'true' });
});

test('a watch that cannot be served rejects instead of retrying forever', async () => {
  const failure = await kube.watch('/api/v1/namespaces/default/nosuchthings', {}, () => {}, stop.signal).catch((error: unknown) => error);
  expect((failure as Error).message).toBe('watch /api/v1/namespaces/default/nosuchthings failed');
  expect(((failure as Error).cause as { statusCode: number }).statusCode).toBe(404);
});
