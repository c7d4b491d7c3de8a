// Contract test of issue 5 end to end on the fake kind target: a suite with a load and a
// cold-start experiment; the fake cluster scales cold Knative revisions from zero the way a real
// one reports it (PodAutoscaler, deployment, pod phases) and its kubelet burns known CPU. The run
// must record cold iterations with ordered phases, resources per component, and the report must
// show the cold-start timeline and the overheads.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meshbench } from '../../e2e/cli.ts';
import { writeSuite } from '../../e2e/suites.ts';
import { fakeKindWorld, type FakeKindWorld } from './fake-kind-world.ts';

const SUITE = `apiVersion: meshbench.dev/v1alpha1
kind: Suite
name: cold-and-costs
target: kind
driver: builtin
profiles: [baseline, istio-sidecar, knative-kourier]
workload: { delay: 0ms, size: 1024, startupDelay: 0ms }
experiments:
  - name: load
    type: load
    rates: [40]
    connections: [2]
    duration: 800ms
    warmup: 200ms
    repetitions: 2
  - name: scale-from-zero
    type: cold-start
    services: [1, 2]
    iterations: 2
    idle: 400ms
    gracePeriod: 300ms
comparisons:
  - { name: sidecar tax, baseline: baseline, candidate: istio-sidecar }
`;

describe('cold starts and overheads on the fake kind target', () => {
  let world: FakeKindWorld;
  let runDir: string;
  let result: Awaited<ReturnType<typeof meshbench>>;

  beforeAll(async () => {
    world = await fakeKindWorld(['baseline', 'istio-sidecar', 'knative-kourier']);
    const suite = await writeSuite(SUITE);
    runDir = join(suite.dir, 'run');
    result = await meshbench(['run', suite.file, '--target', 'kind', '--out', runDir, '--release-mirror', world.mirror, '--sample-interval', '100ms'], { env: world.env });
  }, 120_000);
  afterAll(() => world.close());

  it('runs to completion', () => {
    expect(result.exitCode, String(result.stderr)).toBe(0);
  });

  it('records every cold iteration as cold, with phases in order ending at the first byte', async () => {
    const rows: Record<string, string>[] = parse(await readFile(join(runDir, 'coldstarts.csv'), 'utf8'), { columns: true });
    // services=1 × 2 iterations + services=2 × 2 iterations × 2 services
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((row) => row.service))).toEqual(new Set(['cold-1', 'cold-2']));
    const order = ['scaled_up_ms', 'pod_created_ms', 'pod_scheduled_ms', 'user_container_started_ms', 'queue_proxy_started_ms', 'pod_ready_ms'];
    for (const row of rows) {
      expect(row.cold).toBe('true');
      const marks = order.map((column) => Number(row[column]));
      expect(marks.every((mark) => Number.isFinite(mark) && mark >= 0), JSON.stringify(row)).toBe(true);
      expect([...marks].sort((a, b) => a - b)).toEqual(marks);
      // The answer needs a running queue-proxy; the Ready watch event itself may arrive just after
      // the first byte (watch delivery lags), which is what the harness honestly records.
      expect(Number(row.first_byte_ms)).toBeGreaterThan(Number(row.queue_proxy_started_ms));
      expect(Number(row.total_ms)).toBe(Number(row.first_byte_ms));
      // The fake revision spends ≥ 100 ms from scale-up to ready.
      expect(Number(row.pod_ready_ms) - Number(row.scaled_up_ms)).toBeGreaterThanOrEqual(90);
    }
  });

  it('samples the data plane per component from the kubelet', async () => {
    const rows: Record<string, string>[] = parse(await readFile(join(runDir, 'resources.csv'), 'utf8'), { columns: true });
    const sidecar = rows.filter((row) => row.profile === 'istio-sidecar' && row.component === 'istio-proxy');
    expect(sidecar).toHaveLength(2);
    for (const row of sidecar) expect(Math.round(Number(row.cpu_millicores_avg) / 10) * 10).toBe(200);
  });

  it('the report shows the cold-start timeline and the overheads', async () => {
    const html = await readFile(join(runDir, 'index.html'), 'utf8');
    expect(html).toMatch(/id="chart-cold-start/);
    expect(html).toMatch(/pod_ready|pod ready/);
    expect(html).toMatch(/Overheads/);
    expect(html).toMatch(/istio-proxy/);
    const md = await readFile(join(runDir, 'summary.md'), 'utf8');
    expect(md).toMatch(/Cold start/i);
    expect(md).toMatch(/Overheads/);
  });
});
