import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Kube } from '../../../src/kube/kube.ts';
import { measureColdStarts } from '../../../src/measure/cold-start/knative.ts';
import type { FakeKubeApi } from '../../fakes/kube-api-server.ts';
import { knativeRevision } from '../../fakes/knative-lifecycle.ts';
import { answer, BODY_BYTES, cluster, coldCell, coldStartSteps, playThenAnswer, scriptedRequest } from './support.ts';

let fake: FakeKubeApi;
let kube: Kube;
beforeEach(async () => ({ fake, kube } = await cluster()));
afterEach(() => fake.close());

test('pods left over from the last scale-down (terminating ones too) make the iteration warm: discarded and counted', async () => {
  const echo = knativeRevision('echo');
  const leftover = knativeRevision('echo', 'default', '7d9f8c6b5-q8z4m');
  fake.store.put(echo.deployment(0));
  fake.store.put(echo.autoscaler(0, 0));
  fake.store.put(echo.podAt('ready', { terminating: true }));
  fake.store.put(leftover.podAt('ready', { terminating: true }));

  const { request, calls } = scriptedRequest(async (_service, call) => {
    if (call > 1) return playThenAnswer(fake, coldStartSteps(echo));
    // The leftovers finish terminating after the first (warm) answer, so the second iteration is cold.
    setTimeout(() => {
      fake.store.remove('v1', 'Pod', 'default', echo.pod);
      fake.store.remove('v1', 'Pod', 'default', leftover.pod);
    }, 20);
    return answer();
  });
  const { iterations, discardedWarm } = await measureColdStarts(coldCell({ iterations: 2, idleMs: 50 }), {
    kube, namespace: 'default', services: ['echo'], kind: 'knative', request, expectedBodyBytes: BODY_BYTES, signal: new AbortController().signal, zeroTimeoutMs: 300, zeroPollMs: 50,
  });

  expect(discardedWarm).toBe(1);
  expect(iterations.map((it) => [it.iteration, it.cold, it.ok])).toEqual([[1, false, true], [2, true, true]]);
  expect(iterations[0]!.error).toBe(
    'echo not at zero: 2 pods still present: echo-00001-deployment-7d9f8c6b5-x2x7k (Terminating), echo-00001-deployment-7d9f8c6b5-q8z4m (Terminating) after 300ms',
  );
  // The old pods' Ready state predates the request, so it is no mark of this start.
  expect(iterations[0]!.phases.pod_ready).toBeUndefined();
  expect(iterations[1]!.phases.pod_ready).toBeGreaterThan(0);
  expect(calls).toHaveLength(2);
});
