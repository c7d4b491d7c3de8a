// The k6-operator runner with parallelism 2 on the fake operator (test/fakes/k6-in-cluster.ts):
// the runner must merge both runners' summaries into one histogram (count = sum), keep the
// starter and the initializer out of the mesh like the runners, and delete the TestRun and
// ConfigMap afterwards.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createK6Driver } from '../../../src/drivers/k6/driver.ts';
import { playK6InCluster } from '../../fakes/k6-in-cluster.ts';
import { RecordingRunner } from '../../fakes/recording-runner.ts';
import { loadCell, workload } from '../k6-support.ts';
import { fakeCluster, NAMESPACE, RUN_ID, type FakeCluster } from './cluster.ts';
import { exactPercentiles, expectLatencyWithin, seededServer } from './support.ts';

let cluster: FakeCluster;
beforeEach(async () => {
  cluster = await fakeCluster();
});
afterEach(() => cluster.close());

it('merges two runner pods into one histogram and cleans up', async () => {
  const played = playK6InCluster(cluster.api, seededServer({ seed: 11, slowShare: 0.01 }));
  const driver = createK6Driver({ mode: 'testrun', parallelism: 2, runner: new RecordingRunner(), workload, kube: cluster.kube, namespace: NAMESPACE, runId: RUN_ID });
  const outcome = await driver.run(loadCell({ rate: 100, durationMs: 10_000, warmupMs: 2_000 }), { url: 'http://echo.meshbench-baseline.svc/' }, new AbortController().signal);
  played.stop();

  const [testRun] = cluster.appliedBodies().filter((body) => body.kind === 'TestRun');
  const name = testRun!.metadata.name;
  expect(testRun!.spec).toMatchObject({ parallelism: 2, script: { configMap: { name: `${name}-script`, file: 'load.ts' } } });
  expect(testRun!.spec).not.toHaveProperty('cleanup');
  // The whole rate: the operator hands each runner an execution segment, and k6 splits it by those.
  expect((testRun!.spec as { arguments: string }).arguments.split(' ')).toContain('RATE=100');
  // The starter gets only spec.starter.metadata (k6-operator starter.go), the initializer copies
  // the runner unless set: both are put outside the mesh explicitly (no sidecar, no ambient capture).
  const optOut = { labels: { 'sidecar.istio.io/inject': 'false', 'istio.io/dataplane-mode': 'none' }, annotations: { 'sidecar.istio.io/inject': 'false' } };
  expect(testRun!.spec).toMatchObject({ starter: { metadata: optOut }, initializer: { metadata: optOut }, runner: { metadata: optOut } });

  expect(played.pods.map((pod) => pod.result.measuredRequests)).toEqual([500, 500]);
  expectLatencyWithin(outcome.latency!, exactPercentiles(played.pods.flatMap((pod) => pod.result.measuredSuccessMs)), 0.01);
  expect(outcome.requests).toBe(1000);
  expect(cluster.objects('k6.io/v1alpha1', 'TestRun')).toEqual([]);
  expect(cluster.objects('v1', 'ConfigMap')).toEqual([]);
  expect(cluster.objects('v1', 'Pod')).toEqual([]);
});

it('fails naming the TestRun when the operator reports stage error', async () => {
  const driver = createK6Driver({ mode: 'testrun', parallelism: 2, runner: new RecordingRunner(), workload, kube: cluster.kube, namespace: NAMESPACE, runId: RUN_ID });
  const running = driver.run(loadCell({ rate: 100 }), { url: 'http://echo.meshbench-baseline.svc/' }, new AbortController().signal);
  const testRun = await cluster.applied('k6.io/v1alpha1', 'TestRun');
  cluster.api.store.put({ ...testRun, status: { stage: 'error' } });
  await expect(running).rejects.toThrow(`k6 TestRun ${NAMESPACE}/${testRun.metadata.name} reached stage error; no pod was created`);
  expect(cluster.objects('k6.io/v1alpha1', 'TestRun')).toEqual([]);
  expect(cluster.objects('v1', 'ConfigMap')).toEqual([]);
});
