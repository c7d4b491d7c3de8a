// The k6-operator runner with parallelism 2: the test plays the operator (runner pods, their logs,
// status.stage); the runner must merge both runners' samples into one histogram (count = sum),
// ignore the initializer pod, and delete the TestRun and ConfigMap afterwards.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createK6Driver } from '../../../src/drivers/k6/driver.ts';
import { RecordingRunner } from '../../fakes/recording-runner.ts';
import { loadCell, workload } from '../k6-support.ts';
import { fakeCluster, NAMESPACE, RUN_ID, type FakeCluster } from './cluster.ts';
import { expectedLatency, expectLatencyMatches, fedSamples, podLog, summaryFor } from './support.ts';

let cluster: FakeCluster;
beforeEach(async () => {
  cluster = await fakeCluster();
});
afterEach(() => cluster.close());

it('merges two runner pods into one histogram and cleans up', async () => {
  const samples = fedSamples();
  // Each runner sends half the arrivals: alternate samples, so each runner alone has other percentiles.
  const runners = [samples.filter((_, i) => i % 2 === 0), samples.filter((_, i) => i % 2 === 1)];
  const driver = createK6Driver({ mode: 'testrun', parallelism: 2, runner: new RecordingRunner(), workload, kube: cluster.kube, namespace: NAMESPACE, runId: RUN_ID });
  const running = driver.run(loadCell({ rate: 100 }), { url: 'http://echo.meshbench-baseline.svc/' }, new AbortController().signal);

  const testRun = await cluster.applied('k6.io/v1alpha1', 'TestRun');
  const name = testRun.metadata.name;
  expect(testRun.spec).toMatchObject({ parallelism: 2, script: { configMap: { name: `${name}-script`, file: 'load.ts' } } });
  expect(testRun.spec).not.toHaveProperty('cleanup');
  // The whole rate: the operator hands each runner an execution segment, and k6 splits it by those.
  expect((testRun.spec as { arguments: string }).arguments.split(' ')).toContain('RATE=100');

  cluster.api.store.put({ ...testRun, status: { stage: 'started' } });
  cluster.pod(`${name}-initializer-x7b2c`, { app: 'k6', k6_cr: name, initializer: 'true' }, { code: 0, reason: 'Completed' }, '{"duration":"1m15s","scenarios":2}\n');
  runners.forEach((part, i) => {
    cluster.pod(`${name}-${i + 1}-v8k2r`, { app: 'k6', k6_cr: name, runner: 'true' }, { code: 0, reason: 'Completed' }, podLog(part, summaryFor(part)));
  });
  cluster.api.store.put({ ...testRun, status: { stage: 'finished' } });
  const outcome = await running;

  expect(outcome.latency.count).toBe(1000); // 500 measured samples per runner
  expectLatencyMatches(outcome.latency, expectedLatency(samples));
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
