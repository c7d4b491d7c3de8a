// The Job runner against the fake API server: the fake Job controller and kubelet run the fake k6
// (or the test plays a failing pod); the runner must apply valid objects, read the summary from the
// pod log into the histogram of the latencies k6 saw, and delete the Job, its pod and the
// ConfigMap — also on failure.
import { Job } from 'kubernetes-models/batch/v1/Job';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createK6Driver } from '../../../src/drivers/k6/driver.ts';
import { K6_IMAGE } from '../../../src/drivers/k6/objects.ts';
import { RecordingRunner } from '../../fakes/recording-runner.ts';
import { validateObject } from '../../components/schemas.ts';
import { loadCell, workload } from '../k6-support.ts';
import { playK6InCluster } from '../../fakes/k6-in-cluster.ts';
import { fakeCluster, NAMESPACE, RUN_ID, type FakeCluster } from './cluster.ts';
import { exactPercentiles, expectLatencyWithin, seededServer } from './support.ts';

let cluster: FakeCluster;
const cell = loadCell({ rate: 100, durationMs: 10_000, warmupMs: 2_000 });

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
  it('applies a valid ConfigMap and Job, reads the summary from the pod log, then deletes everything', async () => {
    const played = playK6InCluster(cluster.api, seededServer({ seed: 7 }));
    const outcome = await driver().run(cell, { url: 'http://echo.meshbench-baseline.svc/' }, new AbortController().signal);
    played.stop();

    const [pod] = played.pods;
    expectLatencyWithin(outcome.latency!, exactPercentiles(pod!.result.measuredSuccessMs), 0.01);
    expect(outcome).toMatchObject({ requests: 1000, aborted: false, saturated: false });

    const [configMap, appliedJob] = cluster.appliedBodies();
    const name = appliedJob!.metadata.name;
    expect(() => validateObject(configMap!)).not.toThrow();
    expect(configMap!.metadata.name).toBe(`${name}-script`);
    expect(Object.keys(configMap!.data as object)).toEqual(['load.ts']);
    expect(() => new Job(appliedJob as never).validate()).not.toThrow();
    const container = (appliedJob as unknown as Job).spec!.template.spec!.containers[0]!;
    expect(container.image).toBe(K6_IMAGE);
    // No raw samples to stdout (the pod log): only the summary, on one line.
    expect(container.args).toEqual(expect.arrayContaining(['SUMMARY_STDOUT=json', 'TARGET_URL=http://echo.meshbench-baseline.svc/']));
    expect(container.args).not.toContain('--out');
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

  it('fails naming the pod and what its log ends with when the log holds no summary', async () => {
    const running = driver().run(cell, { url: 'http://echo.meshbench-baseline.svc/' }, new AbortController().signal);
    const job = await cluster.applied('batch/v1', 'Job');
    const name = job.metadata.name;
    // k6 was killed before handleSummary (OOMKilled still counts as a pod that ran): its log ends with warnings.
    const log = 'time="2026-03-01T10:00:12Z" level=warning msg="Request Failed" error="Get \\"http://echo/\\": request timeout"\n'.repeat(3);
    cluster.pod(`${name}-7xk2p`, { 'job-name': name }, { code: 0, reason: 'Completed' }, log);
    cluster.api.store.put({ ...job, status: { succeeded: 1 } });

    await expect(running).rejects.toThrow(new RegExp(`k6 Job ${NAMESPACE}/${name} finished but the log of pod ${name}-7xk2p \\(log ends: .*Request Failed.*\\) holds no k6 summary`));
    expectAllDeleted();
  });
});
