// Issue 9, item 10: the kubelet's figures change only at cAdvisor housekeeping (every 10–30 s on a
// real node; scaled down in the fake kubelet). Polling faster repeats readings: the figures count
// distinct readings, and a window with fewer than two of a container has no CPU figure.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKube } from '../../../src/kube/kube.ts';
import { expectedComponents } from '../../../src/measure/expected-components.ts';
import { createKubeletSampler } from '../../../src/measure/kubelet-sampler.ts';
import { profileSchema } from '../../../src/suite/schema.ts';
import { FAKE_MILLICORES, startFakeKubelet } from '../../fakes/fake-kubelet.ts';
import { startFakeKubeApi, type FakeKubeApi } from '../../fakes/kube-api-server.ts';

const NS = 'meshbench-run';
const HOUSEKEEPING_MS = 100;
const expected = expectedComponents(profileSchema.parse({ name: 'baseline' }), NS, ['echo']);

let fake: FakeKubeApi;
let stopKubelet: () => void;
beforeEach(async () => {
  fake = await startFakeKubeApi();
  fake.store.put({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-a' } });
  fake.store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS, labels: { 'app.kubernetes.io/managed-by': 'meshbench' } } });
  fake.store.put({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'echo', namespace: NS }, spec: {} });
  stopKubelet = startFakeKubelet(fake, 'node-a', { housekeepingMs: HOUSEKEEPING_MS });
});
afterEach(async () => {
  stopKubelet();
  await fake.close();
});

async function window(ms: number) {
  const sampler = createKubeletSampler({ kube: createKube(fake.kubeConfig), intervalMs: 10, expected });
  sampler.start();
  await sleep(30);
  sampler.measureFrom();
  await sleep(ms);
  sampler.measureUntil();
  const [workload] = await sampler.stop(100);
  return workload!;
}

describe('kubelet figures rest on distinct readings', () => {
  it('counts the readings cAdvisor took in the window, however many polls saw them', async () => {
    const workload = await window(8 * HOUSEKEEPING_MS);
    expect(workload.error).toBeUndefined();
    // 800 ms of readings 100–200 ms apart: 4 to 9 of them, while the polls are ~80.
    expect(workload.readings).toBeGreaterThanOrEqual(3);
    expect(workload.readings).toBeLessThanOrEqual(9);
    expect(workload.samples).toBeGreaterThan(3 * workload.readings!);
    expect(workload.cpuMillicores.avg).toBeCloseTo(FAKE_MILLICORES.echo!, 0);
  });

  it('says "too short to sample" for a window shorter than housekeeping, instead of a number', async () => {
    const workload = await window(HOUSEKEEPING_MS / 2);
    expect(workload.readings).toBeLessThanOrEqual(1);
    expect(workload.error).toMatch(/^too short to sample: the kubelet took [01] distinct readings? of container echo in namespace meshbench-run \(pods echo-\*\) in the 0\.\d s measured window; its figures change only at cAdvisor housekeeping \(every 10–30 s\) and a CPU figure needs two$/);
    expect(workload.cpuSecondsPer1000Requests).toBeUndefined();
  });
});
