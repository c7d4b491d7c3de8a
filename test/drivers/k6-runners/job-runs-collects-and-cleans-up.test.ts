// The Job runner against the fake API server: the test plays the Job controller and the kubelet
// (pod, log, Job status); the runner must apply valid objects, read the samples from the log into
// the histogram of the fed values, and delete the Job, its pod and the ConfigMap — also on failure.
import { Job } from 'kubernetes-models/batch/v1/Job';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createK6Driver } from '../../../src/drivers/k6/driver.ts';
import { K6_IMAGE } from '../../../src/drivers/k6/objects.ts';
import { RecordingRunner } from '../../fakes/recording-runner.ts';
import { validateObject } from '../../components/schemas.ts';
import { loadCell, workload } from '../k6-support.ts';
import { fakeCluster, NAMESPACE, RUN_ID, type FakeCluster } from './cluster.ts';
import { expectedLatency, expectLatencyMatches, fedSamples, podLog, summaryFor } from './support.ts';

let cluster: FakeCluster;
const samples = fedSamples();
const cell = loadCell({ rate: 100 });

beforeEach(async () => {
  cluster = await fakeCluster();
});
afterEach(() => cluster.close());

function driver() {
  return createK6Driver({ mode: 'job', runner: new RecordingRunner(), workload, kube: cluster.kube, namespace: NAMESPACE, runId: RUN_ID, workloadLabels: { app: 'echo' } });
}

function expectAllDeleted(): void {
  expect(cluster.objects('batch/v1', 'Job')).toEqual([]);
  expect(cluster.objects('v1', 'ConfigMap')).toEqual([]);
  expect(cluster.objects('v1', 'Pod')).toEqual([]);
}

describe('k6 Job', () => {
  it('applies a valid ConfigMap and Job, reads the samples from the pod log, then deletes everything', async () => {
    const running = driver().run(cell, { url: 'http://echo.meshbench-baseline.svc/' }, new AbortController().signal);
    const job = await cluster.applied('batch/v1', 'Job');
    const name = job.metadata.name;
    cluster.pod(`${name}-7xk2p`, { 'job-name': name, 'batch.kubernetes.io/job-name': name }, { code: 0, reason: 'Completed' }, podLog(samples, summaryFor(samples)));
    cluster.api.store.put({ ...job, status: { succeeded: 1, ready: 0, conditions: [{ type: 'Complete', status: 'True' }] } });
    const outcome = await running;

    expectLatencyMatches(outcome.latency, expectedLatency(samples));
    expect(outcome).toMatchObject({ requests: 1000, aborted: false, saturated: false });

    const [configMap, appliedJob] = cluster.appliedBodies();
    expect(() => validateObject(configMap!)).not.toThrow();
    expect(configMap!.metadata.name).toBe(`${name}-script`);
    expect(Object.keys(configMap!.data as object)).toEqual(['load.ts']);
    expect(() => new Job(appliedJob as never).validate()).not.toThrow();
    const container = (appliedJob as unknown as Job).spec!.template.spec!.containers[0]!;
    expect(container.image).toBe(K6_IMAGE);
    // Samples to stdout (the pod log), the summary framed on stdout too.
    expect(container.args).toEqual(expect.arrayContaining(['--out', 'json=-', 'SUMMARY_STDOUT=json', 'TARGET_URL=http://echo.meshbench-baseline.svc/']));
    expectAllDeleted();
  });

  it('fails naming the Job and the pod state when the Job fails, and still deletes everything', async () => {
    const running = driver().run(cell, { url: 'http://echo.meshbench-baseline.svc/' }, new AbortController().signal);
    const job = await cluster.applied('batch/v1', 'Job');
    const name = job.metadata.name;
    cluster.pod(`${name}-q9m4d`, { 'job-name': name }, { code: 107, reason: 'Error' }, 'time="2026-03-01T10:00:00Z" level=error msg="Error: --env RATE must be an integer"\n');
    cluster.api.store.put({ ...job, status: { failed: 1, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] } });

    await expect(running).rejects.toThrow(
      `k6 Job ${NAMESPACE}/${name} failed (BackoffLimitExceeded: Job has reached the specified backoff limit); pod ${name}-q9m4d Failed (k6: Error, exit code 107)`,
    );
    expectAllDeleted();
  });

  it('refuses a log that lost samples to rotation instead of reporting a biased histogram', async () => {
    const running = driver().run(cell, { url: 'http://echo.meshbench-baseline.svc/' }, new AbortController().signal);
    const job = await cluster.applied('batch/v1', 'Job');
    const name = job.metadata.name;
    // The kubelet serves only the newest log file: the first 300 samples are gone, the summary is not.
    const rotated = podLog(samples, summaryFor(samples)).split('\n').slice(301).join('\n');
    cluster.pod(`${name}-7xk2p`, { 'job-name': name }, { code: 0, reason: 'Completed' }, rotated);
    cluster.api.store.put({ ...job, status: { succeeded: 1 } });

    await expect(running).rejects.toThrow(/holds 7\d\d of the 1050 requests k6 counted: samples were lost; the kubelet rotated the pod log/);
    expectAllDeleted();
  });
});
