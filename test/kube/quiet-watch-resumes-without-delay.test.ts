// Cold-start timelines are built from watch events' receipt times, so a watch that is merely quiet
// must never be caught reconnecting late. client-node aborts a stream after 30 s without data
// (dist/watch.js requestTimeoutMs); the watch asks the server to end it earlier (timeoutSeconds)
// and resumes an ended stream at once, backing off only after streams that end at once.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createKube } from '../../src/kube/kube.ts';
import type { WatchEvent } from '../../src/kube/watch.ts';
import { startFakeKubeApi, type FakeKubeApi } from '../fakes/kube-api-server.ts';
import { podLifecycle } from '../fakes/pod-lifecycle.ts';
import { collector, until } from './support.ts';

let fake: FakeKubeApi;
let stop: AbortController;
beforeEach(async () => {
  fake = await startFakeKubeApi();
  stop = new AbortController();
});
afterEach(async () => {
  stop.abort();
  await fake.close();
});

const PODS = '/api/v1/namespaces/default/pods';
const watchRequests = () => fake.requests.filter((request) => request.path === PODS && request.query.watch === 'true');

/** Puts a pod and says how long after the put the watch stamped it. */
async function receiptDelay(events: WatchEvent[]): Promise<number> {
  const before = events.length;
  const putAt = performance.now();
  fake.store.put(podLifecycle('echo')[0]!);
  await until(() => events.length > before, 'the pod event', 5000);
  return events.at(-1)!.receivedAt - putAt;
}

test("a watch quiet for longer than client-node's 30 s timeout still stamps the next event on time (production settings)", async () => {
  const kube = createKube(fake.kubeConfig); // createKube's own retry delay, as in a run
  const { events, onEvent } = collector();
  const watching = kube.watch(PODS, { resourceVersion: String(fake.store.resourceVersion) }, onEvent, stop.signal);
  await until(() => fake.activeWatches() === 1, 'the watch to connect');
  // Just past client-node's 30 s inactivity abort: where a backed-off reconnect would leave a gap.
  await sleep(30_300);
  expect(await receiptDelay(events)).toBeLessThan(250);

  const timeouts = watchRequests().map((request) => Number(request.query.timeoutSeconds));
  expect(timeouts.length).toBeGreaterThanOrEqual(2); // the server ended the first stream, cleanly
  for (const timeout of timeouts) {
    expect(timeout).toBeGreaterThan(0);
    expect(timeout).toBeLessThan(30);
  }
  stop.abort();
  await watching;
}, 40_000);

test('a stream the server ends after it was open a while resumes at once, without the back-off', async () => {
  const kube = createKube(fake.kubeConfig); // 1 s back-off
  const { events, onEvent } = collector();
  const watching = kube.watch(PODS, { resourceVersion: String(fake.store.resourceVersion) }, onEvent, stop.signal);
  await until(() => fake.activeWatches() === 1, 'the watch to connect');
  await sleep(1100);
  fake.dropWatches('end'); // a clean end, as at the server's timeoutSeconds
  expect(await receiptDelay(events)).toBeLessThan(250);
  stop.abort();
  await watching;
});

test('streams that end as soon as they open still wait the back-off between reconnects (no hot loop)', async () => {
  const kube = createKube(fake.kubeConfig, { watchRetryDelayMs: 100 });
  const watching = kube.watch(PODS, { resourceVersion: String(fake.store.resourceVersion) }, () => undefined, stop.signal);
  const deadline = performance.now() + 1000;
  while (performance.now() < deadline) {
    fake.dropWatches('end');
    await sleep(2);
  }
  // One request per 100 ms back-off at most; a hot loop would make hundreds.
  expect(watchRequests().length).toBeGreaterThanOrEqual(5);
  expect(watchRequests().length).toBeLessThanOrEqual(12);
  stop.abort();
  await watching;
});
