// Issue 9, items 9 and 11: the samplers' measured window is the driver's. For a k6 Job it ends the
// measure scenario's duration after it opened — not after the Job's completion, the log download
// and the deletes, which would add their seconds to every CPU-per-request figure. For a TestRun it
// opens a warm-up after the starter Job has resumed the runners, not at stage `started` (which the
// operator sets as it creates the starter). The fake pods run for their duration on the wall clock.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createKube } from '../../../src/kube/kube.ts';
import { createK6Driver } from '../../../src/drivers/k6/driver.ts';
import { expectedComponents } from '../../../src/measure/expected-components.ts';
import { createKubeletSampler } from '../../../src/measure/kubelet-sampler.ts';
import { profileSchema } from '../../../src/suite/schema.ts';
import { FAKE_MILLICORES, startFakeKubelet } from '../../fakes/fake-kubelet.ts';
import { playK6InCluster } from '../../fakes/k6-in-cluster.ts';
import { RESOURCE_TYPES } from '../../fakes/kube-resources.ts';
import { RecordingRunner } from '../../fakes/recording-runner.ts';
import { loadCell, workload } from '../k6-support.ts';
import { fakeCluster, NAMESPACE, RUN_ID, type FakeCluster } from './cluster.ts';
import { seededServer } from './support.ts';

const WARMUP_MS = 1_000;
const DURATION_MS = 1_000;
const cell = loadCell({ rate: 100, durationMs: DURATION_MS, warmupMs: WARMUP_MS });
// Timers may fire a millisecond before their nominal time; nothing here is closer than that.
const SLACK_MS = 5;

let cluster: FakeCluster;
beforeEach(async () => {
  cluster = await fakeCluster();
});
afterEach(() => cluster.close());

const driver = (mode: 'job' | 'testrun') =>
  createK6Driver({ mode, runner: new RecordingRunner(), workload, kube: cluster.kube, namespace: NAMESPACE, runId: RUN_ID, workloadLabels: { app: 'echo' } });

it('a k6 Job: the window closes at the end of the measure scenario, before the Job completes and is cleaned up', async () => {
  // The echo workload burning 100 m, on a kubelet that refreshes at (scaled) cAdvisor housekeeping.
  cluster.api.store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE, labels: { 'app.kubernetes.io/managed-by': 'meshbench' } } });
  cluster.api.store.put({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-a' } });
  cluster.api.store.put({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'echo', namespace: NAMESPACE }, spec: {} });
  const stopKubelet = startFakeKubelet(cluster.api, 'node-a');
  let jobDoneAt = 0;
  const played = playK6InCluster(cluster.api, seededServer({ seed: 3 }), { realTime: true, jobCompletionLagMs: 500, onJobDone: (at) => (jobDoneAt = at) });
  const expected = expectedComponents(profileSchema.parse({ name: 'baseline' }), NAMESPACE, ['echo']);
  const kube = createKube(cluster.api.kubeConfig);
  const sampler = createKubeletSampler({ kube, intervalMs: 20, expected });
  // The same kubelet read with the window ending only when the cell's sampling stops (the old way).
  const untilStop = createKubeletSampler({ kube, intervalMs: 20, expected });
  sampler.start();
  untilStop.start();
  const marks: { start?: number; end?: number } = {};
  const outcome = await driver('job').run(cell, { url: 'http://echo.meshbench-baseline.svc/' }, new AbortController().signal, {
    onMeasureStart: () => {
      marks.start = Date.now();
      sampler.measureFrom();
      untilStop.measureFrom();
    },
    onMeasureEnd: () => {
      marks.end = Date.now();
      sampler.measureUntil();
    },
  });
  const [withWindow] = await sampler.stop(outcome.requests);
  const [withTail] = await untilStop.stop(outcome.requests);
  played.stop();
  stopKubelet();

  expect(marks.end! - marks.start!).toBeGreaterThanOrEqual(DURATION_MS - SLACK_MS);
  expect(marks.end!).toBeLessThan(jobDoneAt);
  expect(outcome.requests).toBe(100);
  // 100 m over the 1 s window, per 100 requests: 1 CPU-second per 1000 requests.
  const truth = ((FAKE_MILLICORES.echo! / 1000) * (DURATION_MS / 1000) / outcome.requests) * 1000;
  expect(withWindow!.error).toBeUndefined();
  expect(withWindow!.cpuSecondsPer1000Requests!).toBeGreaterThan(truth * 0.8);
  expect(withWindow!.cpuSecondsPer1000Requests!).toBeLessThan(truth * 1.2);
  // The tail (Job completion 0.5 s later, then the log read and the deletes) inflates the old figure.
  expect(withTail!.cpuSecondsPer1000Requests!).toBeGreaterThan(withWindow!.cpuSecondsPer1000Requests! * 1.3);
  console.info(`CPU-s/1000 req on the fake Job: window ends with the sampler ${withTail!.cpuSecondsPer1000Requests!.toFixed(3)} → the driver's window ${withWindow!.cpuSecondsPer1000Requests!.toFixed(3)} (truth ${truth.toFixed(3)})`);
}, 20_000);

it('a TestRun: the window opens a warm-up after the starter Job completes, not at stage started', async () => {
  const STARTER_LAG_MS = 400;
  const played = playK6InCluster(cluster.api, seededServer({ seed: 4 }), { realTime: true, starterLagMs: STARTER_LAG_MS });
  const jobs = RESOURCE_TYPES.find((t) => t.groupVersion === 'batch/v1' && t.kind === 'Job')!;
  const runs = RESOURCE_TYPES.find((t) => t.groupVersion === 'k6.io/v1alpha1' && t.kind === 'TestRun')!;
  let startedAt = 0;
  let starterDoneAt = 0;
  const stops = [
    cluster.api.store.watch({ type: runs }, undefined, ({ object }) => {
      if ((object.status as { stage?: string } | undefined)?.stage === 'started' && startedAt === 0) startedAt = Date.now();
    }),
    cluster.api.store.watch({ type: jobs }, undefined, ({ object }) => {
      if (object.metadata.name.endsWith('-starter') && (object.status as { succeeded?: number }).succeeded && starterDoneAt === 0) starterDoneAt = Date.now();
    }),
  ];
  const marks: { start?: number; end?: number } = {};
  const outcome = await driver('testrun').run(cell, { url: 'http://echo.meshbench-baseline.svc/' }, new AbortController().signal, {
    onMeasureStart: () => (marks.start = Date.now()),
    onMeasureEnd: () => (marks.end = Date.now()),
  });
  for (const stop of stops) if (typeof stop === 'function') stop();
  played.stop();
  await sleep(0);

  expect(outcome.requests).toBe(100);
  expect(startedAt).toBeGreaterThan(0);
  expect(starterDoneAt - startedAt).toBeGreaterThanOrEqual(STARTER_LAG_MS - SLACK_MS);
  expect(marks.start! - starterDoneAt).toBeGreaterThanOrEqual(WARMUP_MS - SLACK_MS);
  // Closed by its timer or, a watch latency sooner, by the runners finishing.
  expect(marks.end!).toBeGreaterThan(marks.start!);
  // The starter Job went with the TestRun.
  expect(cluster.objects('batch/v1', 'Job')).toEqual([]);
}, 20_000);
