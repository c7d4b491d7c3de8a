import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Kube } from '../../../src/kube/kube.ts';
import { measureColdStarts } from '../../../src/measure/cold-start/knative.ts';
import type { FakeKubeApi } from '../../fakes/kube-api-server.ts';
import { knativeRevision } from '../../fakes/knative-lifecycle.ts';
import { answer, BODY_BYTES, cluster, coldCell, coldStartSteps, marksInOrder, scriptedRequest } from './support.ts';

let fake: FakeKubeApi;
let kube: Kube;
const echo = knativeRevision('echo');
beforeEach(async () => {
  ({ fake, kube } = await cluster());
  fake.store.put(echo.deployment(0));
  fake.store.put(echo.autoscaler(0, 0));
});
afterEach(() => fake.close());

// 'resume': the stream is cut and resumed from its resourceVersion; 'relist': the history is also
// compacted away, so the seam relists and the pod's state arrives as RELISTED.
test.each(['resume', 'relist'] as const)('a watch cut mid-start (%s) still yields every mark once, in order', async (how) => {
  const steps = coldStartSteps(echo);
  let droppedAt = 0;
  const { request, calls } = scriptedRequest(async () => {
    await fake.store.play(steps.slice(0, 4)); // up to scheduled
    droppedAt = performance.now();
    fake.dropWatches('destroy');
    // Creating and user-container started happen before the seam reconnects (it retries after 10 ms).
    fake.store.put(steps[4]!.object);
    fake.store.put(steps[5]!.object);
    if (how === 'relist') fake.store.compact();
    await fake.store.play(steps.slice(6));
    await sleep(60);
    return answer();
  });
  const [it] = (await measureColdStarts(coldCell(), {
    kube, namespace: 'default', services: ['echo'], kind: 'knative', request, expectedBodyBytes: BODY_BYTES, signal: new AbortController().signal, zeroTimeoutMs: 1_000,
  })).iterations;

  expect(it).toMatchObject({ cold: true, ok: true });
  // A relist collapses the transitions it missed onto its own receipt, so marks may tie.
  expect(Object.keys(it!.phases)).toHaveLength(7);
  expect(marksInOrder(it!.phases, ['scaled_up', 'pod_created', 'pod_scheduled', 'user_container_started', 'queue_proxy_started', 'pod_ready', 'first_byte'])).toBe(true);
  // What happened while the stream was down is stamped when it arrived, never before the cut
  // (sentAt precedes the request call, so the cut is at least this far after it).
  expect(it!.phases.user_container_started).toBeGreaterThanOrEqual(droppedAt - calls[0]!.at);
  const pods = '/api/v1/namespaces/default/pods';
  const watches = fake.requests.filter((r) => r.path === pods && r.query.watch === 'true');
  expect(watches.length).toBeGreaterThanOrEqual(2);
  if (how === 'resume') expect(Number(watches[1]!.query.resourceVersion)).toBeGreaterThan(0);
  else expect(fake.requests.some((r) => r.path === pods && r.query.watch === undefined && r.query.labelSelector === 'serving.knative.dev/service=echo')).toBe(true);
});
