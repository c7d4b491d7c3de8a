// In-cluster k6 cells at real sizes, against a kubelet that rotates pod logs at 10 Mi and serves
// only the newest file (test/fakes/container-log.ts): the fake k6 runs the real script for every
// iteration, and the runners must report p50 … p99.9 within 1 % of the exact percentiles of the
// latencies it produced — one Job at 1000 rps for 60 s, and a TestRun of 4 runners at 5000 rps,
// merged by count. (Raw samples through the pod log, as before, lose most of a 1000 rps cell.)
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createK6Driver } from '../../../src/drivers/k6/driver.ts';
import { playK6InCluster, type PlayedK6 } from '../../fakes/k6-in-cluster.ts';
import { RecordingRunner } from '../../fakes/recording-runner.ts';
import { loadCell, workload } from '../k6-support.ts';
import { fakeCluster, NAMESPACE, RUN_ID, type FakeCluster } from './cluster.ts';
import { exactPercentiles, expectLatencyWithin, seededServer } from './support.ts';

let cluster: FakeCluster;
let played: PlayedK6 | undefined;
beforeEach(async () => {
  cluster = await fakeCluster();
});
afterEach(async () => {
  played?.stop();
  played = undefined;
  await cluster.close();
});

const server = (seed: number) => seededServer({ seed, medianMs: 2, slowShare: 0.003, http503Share: 0.001, refusedShare: 0.0005 });

it('a Job at 1000 rps for 60 s: the summary survives the log and gives exact percentiles', async () => {
  played = playK6InCluster(cluster.api, server(1));
  const driver = createK6Driver({ mode: 'job', runner: new RecordingRunner(), workload, kube: cluster.kube, namespace: NAMESPACE, runId: RUN_ID });
  const outcome = await driver.run(loadCell({ rate: 1000, durationMs: 60_000, warmupMs: 15_000 }), { url: 'http://echo.meshbench-baseline.svc/' }, new AbortController().signal);

  const [pod] = played.pods;
  expect(pod!.result.measuredRequests).toBe(60_000);
  expectLatencyWithin(outcome.latency!, exactPercentiles(pod!.result.measuredSuccessMs), 0.01);
  // Every request is accounted for: successes, 503s (answered) and refused connections.
  expect(outcome.requests + outcome.errors.connect).toBe(60_000);
  expect(outcome.errors.http['503']).toBeGreaterThan(20);
  expect(outcome.errors.connect).toBeGreaterThan(5);
  expect(outcome.errors.total).toBe(60_000 - pod!.result.measuredSuccessMs.length);
  expect(outcome).toMatchObject({ measuredMs: 60_000, saturated: false, aborted: false });
  expect(outcome.achievedRps).toBeCloseTo(outcome.requests / 60, 6);
}, 60_000);

it('a TestRun of 4 runners at 5000 rps: merged by count, within 1 % of the exact percentiles of all runners', async () => {
  played = playK6InCluster(cluster.api, server(2));
  const driver = createK6Driver({ mode: 'testrun', parallelism: 4, runner: new RecordingRunner(), workload, kube: cluster.kube, namespace: NAMESPACE, runId: RUN_ID });
  const outcome = await driver.run(loadCell({ rate: 5000, durationMs: 60_000, warmupMs: 15_000 }), { url: 'http://echo.meshbench-baseline.svc/' }, new AbortController().signal);

  const pods = played.pods;
  expect(pods).toHaveLength(4);
  // The operator striped the arrivals: each runner sent a quarter.
  expect(pods.map((p) => p.result.measuredRequests)).toEqual([75_000, 75_000, 75_000, 75_000]);
  const all = pods.flatMap((p) => p.result.measuredSuccessMs);
  expectLatencyWithin(outcome.latency!, exactPercentiles(all), 0.01);
  expect(outcome.requests + outcome.errors.connect).toBe(300_000);
  expect(outcome).toMatchObject({ measuredMs: 60_000, saturated: false });
}, 120_000);
