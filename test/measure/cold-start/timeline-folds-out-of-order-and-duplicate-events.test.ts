import { expect, test } from 'vitest';
import type { KubeObject } from '../../../src/kube/objects.ts';
import type { WatchEvent } from '../../../src/kube/watch.ts';
import { foldTimeline, zeroProblems } from '../../../src/measure/cold-start/timeline.ts';
import { knativeRevision } from '../../fakes/knative-lifecycle.ts';

const echo = knativeRevision('echo');
const other = knativeRevision('other');
const event = (type: 'ADDED' | 'MODIFIED' | 'DELETED', object: KubeObject, receivedAt: number): WatchEvent => ({ type, object, receivedAt });
const SENT = 1_000;

test('marks are the first receipt: a duplicate, a stale event or a late relist never moves one', () => {
  const pods: WatchEvent[] = [
    event('ADDED', echo.podAt('pending'), 1_100),
    event('MODIFIED', echo.podAt('scheduled'), 1_200),
    event('MODIFIED', echo.podAt('ready'), 1_500),
    event('MODIFIED', echo.podAt('creating'), 1_600), // stale: an older state delivered late
    event('MODIFIED', echo.podAt('ready'), 1_700), // duplicate
    { type: 'RELISTED', items: [echo.podAt('ready')], resourceVersion: '9', receivedAt: 1_800 },
  ];
  const timeline = foldTimeline({ service: 'echo', kind: 'knative', sentAt: SENT, firstByteAt: 1_550, streams: { pods: [...pods].reverse() } });
  expect(timeline.phases).toEqual({ pod_created: 100, pod_scheduled: 200, queue_proxy_started: 500, user_container_started: 500, pod_ready: 500, first_byte: 550 });
  // The pod has no creationTimestamp until the API server stores it, so pod_created has no cross-check here.
  expect(timeline.apiServer).toEqual({
    pod_scheduled: '2024-03-05T10:20:30Z', queue_proxy_started: '2024-03-05T10:20:32Z', user_container_started: '2024-03-05T10:20:32Z', pod_ready: '2024-03-05T10:20:33Z',
  });
});

test('a relist stamps only what had not been seen, at the relist; other services and terminating pods make no marks', () => {
  const timeline = foldTimeline({
    service: 'echo', kind: 'knative', sentAt: SENT,
    streams: {
      autoscalers: [event('ADDED', echo.autoscaler(0, 0), 900), event('MODIFIED', other.autoscaler(1, 0), 1_050), event('MODIFIED', echo.autoscaler(1, 0), 1_080)],
      pods: [
        event('ADDED', echo.podAt('scheduled'), 1_100),
        event('ADDED', other.podAt('ready'), 1_150),
        { type: 'RELISTED', items: [echo.podAt('ready'), other.podAt('ready')], resourceVersion: '12', receivedAt: 1_400 },
        event('MODIFIED', echo.podAt('ready', { terminating: true }), 1_450),
      ],
    },
  });
  expect(timeline.phases).toEqual({ scaled_up: 80, pod_created: 100, pod_scheduled: 100, queue_proxy_started: 400, user_container_started: 400, pod_ready: 400 });
  expect(timeline.cold).toBe(true);
  expect(timeline.pods.map((pod) => pod.metadata.name)).toEqual([echo.pod]);
});

test('the state before the request decides cold: terminating pods and desired replicas count as not at zero', () => {
  const warm = foldTimeline({
    service: 'echo', kind: 'knative', sentAt: SENT,
    streams: {
      deployments: [event('ADDED', echo.deployment(0), 950)],
      autoscalers: [event('ADDED', echo.autoscaler(1, 1), 960)],
      pods: [event('ADDED', echo.podAt('ready', { terminating: true }), 970), event('DELETED', echo.podAt('ready', { terminating: true }), 1_200)],
    },
  });
  expect(warm.cold).toBe(false);
  expect(warm.notZero).toEqual(['podautoscaler echo-00001 desiredScale 1', '1 pod still present: echo-00001-deployment-7d9f8c6b5-x2x7k (Terminating)']);
  expect(warm.phases).toEqual({}); // what was there before the request is no mark of this start

  // The same pod gone before the request (and a relist that empties the stream) is cold.
  const cold = foldTimeline({
    service: 'echo', kind: 'knative', sentAt: SENT,
    streams: {
      deployments: [event('ADDED', echo.deployment(0), 950)],
      pods: [event('ADDED', echo.podAt('ready', { terminating: true }), 900), { type: 'RELISTED', items: [], resourceVersion: '7', receivedAt: 990 }],
    },
  });
  expect(cold).toMatchObject({ cold: true, notZero: [] });
  expect(zeroProblems([echo.deployment(2)])).toEqual(['deployment echo-00001-deployment wants 2 replicas']);
});

test('a plain Deployment: scaled up by spec.replicas, its own container is the workload, istio-proxy is not', () => {
  const deployment = (replicas: number) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'echo', labels: { app: 'echo' } }, spec: { replicas } });
  const pod = (containers: { name: string; running: boolean }[]) => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'echo-5c6d-abcde', labels: { app: 'echo' }, creationTimestamp: '2024-03-05T10:20:30Z' },
    spec: { nodeName: 'w', containers: [{ name: 'echo' }, { name: 'istio-proxy' }] },
    status: { containerStatuses: containers.map(({ name, running }) => ({ name, state: running ? { running: { startedAt: '2024-03-05T10:20:31Z' } } : { waiting: { reason: 'ContainerCreating' } } })) },
  });
  const timeline = foldTimeline({
    service: 'echo', kind: 'deployment', sentAt: SENT,
    streams: {
      deployments: [event('ADDED', deployment(0), 990), event('MODIFIED', { ...deployment(1), metadata: { name: 'echo-canary', labels: { app: 'echo' } } }, 1_005), event('MODIFIED', deployment(1), 1_010)],
      pods: [event('ADDED', pod([{ name: 'istio-proxy', running: true }, { name: 'echo', running: false }]), 1_050), event('MODIFIED', pod([{ name: 'istio-proxy', running: true }, { name: 'echo', running: true }]), 1_090)],
    },
  });
  expect(timeline.phases).toEqual({ scaled_up: 10, pod_created: 50, pod_scheduled: 50, user_container_started: 90 });
  expect(timeline.apiServer).toEqual({ pod_created: '2024-03-05T10:20:30Z', user_container_started: '2024-03-05T10:20:31Z' });
});
