// Issue 9, item 3: a cell's resource figures are those of the pods that served it. The fake
// kubelet runs, next to echo, warm-1 (kept at one replica) and a cold-1 pod still terminating after
// its cold start — all with user-container and queue-proxy. Summing the namespace's containers
// would give a load cell three pods' CPU.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKube } from '../../../src/kube/kube.ts';
import { expectedComponents } from '../../../src/measure/expected-components.ts';
import { createKubeletSampler } from '../../../src/measure/kubelet-sampler.ts';
import type { ColdStartCell } from '../../../src/plan/types.ts';
import { profileSchema } from '../../../src/suite/schema.ts';
import { cellComponents } from '../../../src/targets/cluster/cell-components.ts';
import { FAKE_MILLICORES, startFakeKubelet } from '../../fakes/fake-kubelet.ts';
import { knativeRevision } from '../../fakes/knative-lifecycle.ts';
import { startFakeKubeApi, type FakeKubeApi } from '../../fakes/kube-api-server.ts';

const NS = 'meshbench-run';
const knative = profileSchema.parse({ name: 'knative-kourier', serving: { type: 'knative' } });
const service = (name: string, annotations: Record<string, string>) => ({
  apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name, namespace: NS }, spec: { template: { metadata: { annotations } } },
});

let fake: FakeKubeApi;
let stopKubelet: () => void;
beforeEach(async () => {
  fake = await startFakeKubeApi();
  fake.store.put({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-a' } });
  fake.store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS, labels: { 'app.kubernetes.io/managed-by': 'meshbench' } } });
  fake.store.put({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'activator', namespace: 'knative-serving' }, spec: {} });
  fake.store.put(service('echo', {}));
  fake.store.put(service('warm-1', { 'autoscaling.knative.dev/min-scale': '1' }));
  fake.store.put(service('cold-1', { 'autoscaling.knative.dev/initial-scale': '0' }));
  fake.store.put(knativeRevision('cold-1', NS).podAt('ready', { terminating: true }));
  stopKubelet = startFakeKubelet(fake, 'node-a', { housekeepingMs: 40 });
});
afterEach(async () => {
  stopKubelet();
  await fake.close();
});

async function sample(expected: ReturnType<typeof expectedComponents>) {
  const sampler = createKubeletSampler({ kube: createKube(fake.kubeConfig), intervalMs: 10, expected });
  sampler.measureFrom();
  sampler.start();
  await sleep(500);
  return Object.fromEntries((await sampler.stop(100)).map((usage) => [usage.component, usage]));
}

describe('resources belong to the pods that served the cell', () => {
  it('a load cell measures echo only, not warm-1 or a draining cold pod', async () => {
    const usage = await sample(expectedComponents(knative, NS, ['echo']));
    expect(usage.workload!.source).toBe(`${NS}/echo-00001-deployment-5c8b9f7d9-q2w3e/user-container`);
    expect(usage.workload!.cpuMillicores.avg).toBeCloseTo(FAKE_MILLICORES['user-container']!, 0);
    expect(usage['queue-proxy']!.cpuMillicores.avg).toBeCloseTo(FAKE_MILLICORES['queue-proxy']!, 0);
    expect(usage.activator!.error).toBeUndefined();
  });

  it('a cold-start cell measures its cold services, which may come and go', async () => {
    const cell = { type: 'cold-start', services: 1 } as ColdStartCell;
    const expected = cellComponents(knative, NS, cell);
    expect(expected.filter((component) => component.namespace === NS).map((component) => [component.component, component.required])).toEqual([
      ['workload', false],
      ['queue-proxy', false],
    ]);
    const usage = await sample(expected);
    expect(usage.workload!.source).toBe(`${NS}/${knativeRevision('cold-1', NS).pod}/user-container`);
    expect(usage.workload!.cpuMillicores.avg).toBeCloseTo(FAKE_MILLICORES['user-container']!, 0);
  });

  it('names the pods it looked for when none was there', async () => {
    const usage = await sample(expectedComponents(knative, NS, ['cold-2']));
    expect(usage.workload!.error).toBe(`expected container user-container in namespace ${NS} (pods cold-2-*) not found`);
  });
});
