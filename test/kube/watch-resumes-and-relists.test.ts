import { afterEach, beforeEach, expect, test } from 'vitest';
import { createKube, type Kube } from '../../src/kube/kube.ts';
import { startFakeKubeApi, type FakeKubeApi } from '../fakes/kube-api-server.ts';
import { podLifecycle } from '../fakes/pod-lifecycle.ts';
import { collector, versionOf } from './support.ts';

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
const watchRequests = () => fake.requests.filter((request) => request.path === PODS && request.query.watch === 'true');

test.each(['end', 'destroy'] as const)('a watch dropped mid-stream (%s) resumes from the last resourceVersion without duplicates', async (how) => {
  const { events, onEvent, until } = collector();
  const watching = kube.watch(PODS, { resourceVersion: String(fake.store.resourceVersion) }, onEvent, stop.signal);
  const [pending, scheduled, creating, running] = podLifecycle('echo');
  await fake.store.play([{ type: 'ADDED', object: pending! }, { type: 'MODIFIED', object: scheduled! }]);
  await until(2);

  expect(fake.dropWatches(how)).toBe(1);
  fake.store.put(creating!); // happens while no watch is connected
  await until(3);
  fake.store.put(running!);
  await until(4);

  expect(events.map(versionOf)).toEqual([...new Set(events.map(versionOf))]);
  expect(events).toHaveLength(4);
  expect(watchRequests()).toHaveLength(2);
  expect(watchRequests()[1]!.query.resourceVersion).toBe(versionOf(events[1]!));
  stop.abort();
  await watching;
});

test.each(['error-event', 'http-status'] as const)('a 410 Gone (%s) on resume leads to a relist, then watching from the list', async (expiredAs) => {
  fake.expiredWatchAs = expiredAs;
  const { events, onEvent, until } = collector();
  const watching = kube.watch(PODS, { labelSelector: 'app=echo', resourceVersion: String(fake.store.resourceVersion) }, onEvent, stop.signal);
  const [pending, scheduled, creating, running] = podLifecycle('echo');
  await fake.store.play([{ type: 'ADDED', object: pending! }, { type: 'MODIFIED', object: scheduled! }]);
  await until(2);

  fake.dropWatches('destroy');
  fake.store.put(creating!);
  fake.store.compact(); // the history after the watch's resourceVersion is gone
  await until(3);
  const relisted = events[2]!;
  expect(relisted.type).toBe('RELISTED');
  if (relisted.type !== 'RELISTED') return;
  expect(relisted.items.map((pod) => [pod.kind, pod.apiVersion, pod.metadata.name, pod.metadata.resourceVersion])).toEqual([
    ['Pod', 'v1', 'echo', String(fake.store.resourceVersion)],
  ]);
  const list = fake.requests.find((request) => request.path === PODS && request.query.watch === undefined);
  expect(list?.query).toEqual({ labelSelector: 'app=echo' });

  fake.store.put(running!);
  await until(4);
  expect(events.map((event) => event.type)).toEqual(['ADDED', 'MODIFIED', 'RELISTED', 'MODIFIED']);
  expect(watchRequests().at(-1)!.query.resourceVersion).toBe(relisted.resourceVersion);
  stop.abort();
  await watching;
});
