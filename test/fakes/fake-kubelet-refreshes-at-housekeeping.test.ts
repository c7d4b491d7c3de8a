// The fake kubelet's figures change like a real one's: only at cAdvisor housekeeping, each
// container every interval plus up to 100 % jitter (google/cadvisor v0.52.1 manager/container.go),
// however often it is scraped.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, test } from 'vitest';
import { parseKubeletMetrics } from '../../src/measure/kubelet-metrics.ts';
import { startFakeKubelet } from './fake-kubelet.ts';
import { startFakeKubeApi, type FakeKubeApi } from './kube-api-server.ts';

let fake: FakeKubeApi | undefined;
afterEach(() => fake?.close());

test('readings are housekeeping-spaced, with jitter, and every scrape in between repeats them', async () => {
  fake = await startFakeKubeApi();
  fake.store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'meshbench-run', labels: { 'app.kubernetes.io/managed-by': 'meshbench' } } });
  fake.store.put({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'echo', namespace: 'meshbench-run' }, spec: {} });
  const stop = startFakeKubelet(fake, 'node-a', { housekeepingMs: 50 });
  const url = `${fake.url}/api/v1/nodes/node-a/proxy/metrics/resource`;
  const stamps: number[] = [];
  let scrapes = 0;
  const until = Date.now() + 800;
  while (Date.now() < until) {
    const [echo] = parseKubeletMetrics(await (await fetch(url)).text(), Date.now()).samples;
    scrapes++;
    if (echo && echo.cpuTimestampMs !== stamps.at(-1)) stamps.push(echo.cpuTimestampMs);
    await sleep(5);
  }
  stop();
  expect(scrapes).toBeGreaterThan(3 * stamps.length);
  const gaps = stamps.slice(1).map((at, i) => at - stamps[i]!);
  expect(gaps.length).toBeGreaterThanOrEqual(3);
  // Never sooner than the interval; about 1–2 intervals (loose above: a loaded machine delays timers).
  for (const gap of gaps) {
    expect(gap).toBeGreaterThanOrEqual(50);
    expect(gap).toBeLessThanOrEqual(4 * 50);
  }
  expect(new Set(gaps).size).toBeGreaterThan(1); // jittered, not a fixed period
});
