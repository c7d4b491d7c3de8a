import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKube, type Kube } from '../../../src/kube/kube.ts';
import { createKubeletSampler } from '../../../src/measure/kubelet-sampler.ts';
import type { ExpectedComponent } from '../../../src/measure/expected-components.ts';
import { until } from '../../kube/support.ts';
import { startFakeKubeApi, type FakeKubeApi } from '../../fakes/kube-api-server.ts';
import { kubeletMetricsText, type FakeContainer } from '../../fakes/kubelet-metrics-text.ts';

const T0 = 1_700_000_000_000;
const MiB = 1024 * 1024;
const NS = 'meshbench-run';

const proxy = (cpuSeconds: number, atS: number): FakeContainer => ({ namespace: NS, pod: 'echo-7c9d-abcde', container: 'istio-proxy', cpuSeconds, memoryBytes: 40 * MiB, atMs: T0 + atS * 1000 });
const echo = (cpuSeconds: number, atS: number): FakeContainer => ({ namespace: NS, pod: 'echo-7c9d-abcde', container: 'echo', cpuSeconds, memoryBytes: 8 * MiB, atMs: T0 + atS * 1000 });
const istiod = (cpuSeconds: number, atS: number): FakeContainer => ({ namespace: 'istio-system', pod: 'istiod-5f4b-xyz12', container: 'discovery', cpuSeconds, memoryBytes: 60 * MiB, atMs: T0 + atS * 1000 });

const EXPECTED: ExpectedComponent[] = [
  { component: 'istio-proxy', namespace: NS, container: 'istio-proxy', required: true },
  { component: 'workload', namespace: NS, container: 'echo', required: true },
  { component: 'discovery', namespace: 'istio-system', container: 'discovery', required: true },
  { component: 'activator', namespace: 'knative-serving', container: 'activator', required: true },
];

let fake: FakeKubeApi;
let kube: Kube;
beforeEach(async () => {
  fake = await startFakeKubeApi();
  kube = createKube(fake.kubeConfig);
  for (const name of ['node-a', 'node-b']) fake.store.put({ apiVersion: 'v1', kind: 'Node', metadata: { name } });
});
afterEach(() => fake.close());

const scrapes = (node: string) => fake.requests.filter((request) => request.path === `/api/v1/nodes/${node}/proxy/metrics/resource`).length;
/** Resolves once `count` more scrapes of node-a were served (a scrape's text is fixed when it is received). */
async function scraped(count: number): Promise<void> {
  const target = scrapes('node-a') + count;
  await until(() => scrapes('node-a') >= target, `${target} scrapes of node-a`);
}

describe('createKubeletSampler', () => {
  it('lists the nodes, cuts the warm-up, sums rates per component and reports missing and vanished containers', async () => {
    fake.setNodeMetrics('node-a', kubeletMetricsText([proxy(0, 0), echo(0, 0)]));
    fake.setNodeMetrics('node-b', kubeletMetricsText([istiod(0, 0)]));
    // The window's clock follows the kubelet's synthetic timeline: measured from 2 s to 8 s.
    let clock = 0;
    const sampler = createKubeletSampler({ kube, intervalMs: 50, expected: EXPECTED, clock: () => clock });
    sampler.start();
    await scraped(1);
    // Warm-up burns 4 s of CPU in 2 s (2000 m): must not show in the measured window.
    fake.setNodeMetrics('node-a', kubeletMetricsText([proxy(4, 2), echo(0, 2)]));
    fake.setNodeMetrics('node-b', kubeletMetricsText([istiod(0, 2)]));
    // Two scrapes: the poll under way may have read node-b before its text changed. Extra polls of
    // unchanged readings add no rate (same kubelet timestamps), so waiting longer changes nothing.
    await scraped(2);
    clock = 2_000;
    sampler.measureFrom();
    await scraped(2); // the second scrape belongs to a poll that began after measureFrom()
    fake.setNodeMetrics('node-a', kubeletMetricsText([proxy(4.5, 4), echo(0.2, 4)])); // the first readings taken in the window
    fake.setNodeMetrics('node-b', kubeletMetricsText([istiod(1, 4)]));
    await scraped(2);
    fake.setNodeMetrics('node-a', kubeletMetricsText([proxy(5, 6), echo(0.4, 6)])); // 250 m, 100 m
    fake.setNodeMetrics('node-b', kubeletMetricsText([istiod(2, 6)])); // 500 m
    await scraped(2);
    fake.setNodeMetrics('node-a', kubeletMetricsText([proxy(6, 8), echo(0.6, 8)])); // 500 m, 100 m
    fake.setNodeMetrics('node-b', kubeletMetricsText([])); // istiod is gone
    await scraped(2);
    clock = 8_000;
    const usage = await sampler.stop(2000);
    const byName = Object.fromEntries(usage.map((entry) => [entry.component, entry]));

    expect(usage.map((entry) => entry.component)).toEqual(['istio-proxy', 'workload', 'discovery', 'activator']);
    expect(fake.requests.some((request) => request.path === '/api/v1/nodes')).toBe(true);
    const sidecar = byName['istio-proxy']!;
    expect(sidecar.error).toBeUndefined();
    expect(sidecar.source).toBe(`${NS}/echo-7c9d-abcde/istio-proxy`);
    expect(sidecar.cpuMillicores.min).toBeCloseTo(250);
    expect(sidecar.cpuMillicores.max).toBeCloseTo(500);
    expect(sidecar.memoryMiB).toEqual({ min: 40, avg: 40, max: 40 });
    expect(sidecar.readings).toBe(3); // the polls are many, the kubelet's readings three
    expect(sidecar.samples).toBeGreaterThan(3);
    // 1.5 CPU-seconds over the 4 s between readings taken in the window: 375 m × the 6 s window, over 2000 requests.
    expect(sidecar.cpuSecondsPer1000Requests).toBeCloseTo(1.125);
    expect(byName.workload!.cpuMillicores.max).toBeCloseTo(100);

    expect(byName.discovery!.cpuMillicores.max).toBeCloseTo(500);
    expect(byName.discovery!.error).toBe('expected container discovery in namespace istio-system disappeared during the measured window');

    expect(byName.activator).toMatchObject({ samples: 0, error: 'expected container activator in namespace knative-serving not found' });
  });

  it('counts a failed poll without crashing, and measures from the polls that worked', async () => {
    let failing = false;
    let failed = 0;
    const flaky: Pick<Kube, 'list' | 'nodeResourceMetrics'> = {
      list: kube.list,
      nodeResourceMetrics(node) {
        if (!failing) return kube.nodeResourceMetrics(node);
        failed++;
        return Promise.reject(new Error('HTTP-Code: 503\nMessage: service unavailable'));
      },
    };
    fake.setNodeMetrics('node-a', kubeletMetricsText([proxy(0, 0)]));
    let clock = 0;
    const sampler = createKubeletSampler({ kube: flaky, nodes: ['node-a'], intervalMs: 50, expected: EXPECTED.slice(0, 1), clock: () => clock });
    sampler.measureFrom(); // the window opens first: the first reading is one of it
    sampler.start();
    await scraped(1);
    failing = true;
    await sleep(120);
    failing = false;
    fake.setNodeMetrics('node-a', kubeletMetricsText([proxy(1, 4)]));
    await scraped(1);
    clock = 4_000; // a 4 s window, like the readings'
    const [sidecar] = await sampler.stop(100);
    expect(failed).toBeGreaterThan(0);
    expect(sidecar!.error).toBeUndefined();
    expect(sidecar!.cpuMillicores.max).toBeCloseTo(250); // 1 s over 4 s, across the failed polls
    expect(sidecar!.cpuSecondsPer1000Requests).toBeCloseTo(10);
  });

  it('reports poll failures in the error when no sample was ever obtained', async () => {
    fake.setNodeMetrics('node-a', kubeletMetricsText([proxy(0, 0)])); // node-b never answers: 404
    const sampler = createKubeletSampler({ kube, intervalMs: 50, expected: EXPECTED.slice(0, 1) });
    sampler.start();
    sampler.measureFrom();
    await until(() => scrapes('node-b') >= 3, 'three scrapes of node-b');
    const [sidecar] = await sampler.stop(100);
    expect(sidecar!.samples).toBe(0);
    expect(sidecar!.error).toMatch(/^expected container istio-proxy in namespace meshbench-run not found; (\d+) of \1 kubelet polls failed \(last: node node-b: .*404/);
  });

  it('says the window was too short when the kubelet reading never changed, and stops polling on stop()', async () => {
    fake.setNodeMetrics('node-a', kubeletMetricsText([proxy(3, 0)], { scrapeError: true }));
    const sampler = createKubeletSampler({ kube, nodes: ['node-a'], intervalMs: 50, expected: EXPECTED.slice(0, 1) });
    sampler.start();
    sampler.measureFrom();
    await scraped(3);
    const [sidecar] = await sampler.stop(100);
    expect(sidecar!.samples).toBeGreaterThanOrEqual(3);
    expect(sidecar!.readings).toBe(0);
    expect(sidecar!.error).toMatch(/^too short to sample: the kubelet took 0 distinct readings of container istio-proxy in namespace meshbench-run in the [\d.]+ s measured window; .* a CPU figure needs two; the kubelet reported scrape errors in \d+ polls$/);
    const after = scrapes('node-a');
    await sleep(200);
    expect(scrapes('node-a')).toBe(after);
  });
});
