import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Kube } from '../../../src/kube/kube.ts';
import { measureColdStarts } from '../../../src/measure/cold-start/knative.ts';
import type { FakeKubeApi } from '../../fakes/kube-api-server.ts';
import { RESOURCE_TYPES } from '../../fakes/kube-resources.ts';
import type { StoredObject } from '../../fakes/kube-store.ts';
import { podLifecycle } from '../../fakes/pod-lifecycle.ts';
import { answer, BODY_BYTES, cluster, coldCell, orderOf, scriptedRequest } from './support.ts';

let fake: FakeKubeApi;
let kube: Kube;
let stopController: () => void;
beforeEach(async () => ({ fake, kube } = await cluster()));
afterEach(async () => {
  stopController();
  await fake.close();
});

const named = (pod: StoredObject, name: string): StoredObject => ({ ...pod, metadata: { ...pod.metadata, name } });

/** The deployment controller and kubelet, scripted: replicas 0 terminates the pod, replicas 1 starts a new one. */
function scriptedDeploymentController(): void {
  let replicas = 1;
  const stop = fake.store.watch({ type: RESOURCE_TYPES.find((t) => t.kind === 'Deployment')! }, undefined, ({ object }) => {
    const wanted = (object.spec as { replicas: number }).replicas;
    if (wanted === replicas) return;
    replicas = wanted;
    if (wanted === 0) {
      const current = fake.store.list({ type: RESOURCE_TYPES.find((t) => t.kind === 'Pod')!, labelSelector: 'app=echo' });
      for (const pod of current) {
        setTimeout(() => fake.store.put({ ...pod, metadata: { ...pod.metadata, deletionTimestamp: '2019-06-25T04:55:20Z' } }), 5);
        setTimeout(() => fake.store.remove('v1', 'Pod', 'default', pod.metadata.name), 40);
      }
    } else {
      const steps = podLifecycle('echo').map((pod) => named(pod, 'echo-6f7c9d8b4-new'));
      void fake.store.play(steps.map((object, i) => ({ afterMs: 15, type: i === 0 ? 'ADDED' : 'MODIFIED', object })));
    }
  });
  stopController = stop === 'expired' ? () => undefined : stop;
}

test('a plain Deployment scaled 0 → 1 by the harness: scale, pod phases, then the first successful request', async () => {
  const deployment = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'echo', namespace: 'default', labels: { app: 'echo' }, generation: 1 },
    spec: { replicas: 1, selector: { matchLabels: { app: 'echo' } }, template: { metadata: { labels: { app: 'echo' } }, spec: { containers: [{ name: 'app', image: 'fortio/fortio:1.69.5' }] } } },
  };
  fake.store.put(deployment);
  fake.store.put(named(podLifecycle('echo')[3]!, 'echo-6f7c9d8b4-old'));
  scriptedDeploymentController();
  // The first attempt lands before the Service routes to the new pod; the harness retries.
  const { request, calls } = scriptedRequest(async (_service, call) => (call === 1 ? answer(503, 0) : answer()));

  const { iterations, discardedWarm } = await measureColdStarts(coldCell({ id: 'plain/cold/s1/r1' }), {
    kube, namespace: 'default', services: ['echo'], kind: 'deployment', request, expectedBodyBytes: BODY_BYTES, signal: new AbortController().signal, zeroTimeoutMs: 2_000, zeroPollMs: 20,
  });

  expect(discardedWarm).toBe(0);
  const [it] = iterations;
  expect(it).toMatchObject({ cold: true, ok: true });
  expect(orderOf(it!.phases)).toEqual(['scaled_up', 'pod_created', 'pod_scheduled', 'user_container_started', 'pod_ready', 'first_byte']);
  expect(it!.totalMs).toBe(it!.phases.first_byte);
  expect(calls).toHaveLength(2);
  // Both scalings are server-side applies of spec.replicas alone, under the cold-start field manager.
  const applies = fake.requests.filter((r) => r.method === 'PATCH' && r.path === '/apis/apps/v1/namespaces/default/deployments/echo');
  expect(applies.map((r) => [JSON.parse(r.body).spec, r.query.fieldManager])).toEqual([
    [{ replicas: 0 }, 'meshbench-cold-start'],
    [{ replicas: 1 }, 'meshbench-cold-start'],
  ]);
});
