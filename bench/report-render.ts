// How long the reports of a large run take to render, and how big index.html gets: synthetic runs
// of 100 load cells with 1,000,000 latencies recorded per cell, rendered with renderRun as
// `meshbench report <dir>` would. Two shapes of 4 profiles and three comparisons: 25 load points ×
// 1 repetition (most chart panels and forest rows) and 5 points × 5 repetitions (comparisons with
// intervals). Fails (exit 1) above 3 s or 5 MB for either, the bounds of issue 13.
// Run: npm run bench   (node bench/report-render.ts)
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { expandPlan } from '../src/plan/expand.ts';
import type { LoadCell } from '../src/plan/types.ts';
import { renderRun } from '../src/report/render.ts';
import { createHistogram, recordMicros, sampledLatency } from '../src/results/histogram.ts';
import type { RunRecord } from '../src/results/run-record.ts';
import type { LoadCellResult } from '../src/results/types.ts';
import type { Profile, Suite } from '../src/suite/schema.ts';
import { fnv1a, seededRandom } from '../src/seeded-random.ts';

const SAMPLES_PER_CELL = 1_000_000;
const MAX_SECONDS = 3;
const MAX_HTML_BYTES = 5 * 1024 * 1024;

const PROFILES: { name: string; mesh: Profile['mesh']['type']; serving: Profile['serving']['type']; extraMs: number; proxy?: string }[] = [
  { name: 'baseline', mesh: 'none', serving: 'deployment', extraMs: 0 },
  { name: 'istio-sidecar', mesh: 'istio-sidecar', serving: 'deployment', extraMs: 0.6, proxy: 'proxy' },
  { name: 'istio-ambient', mesh: 'istio-ambient', serving: 'deployment', extraMs: 0.4, proxy: 'proxy' },
  { name: 'knative-kourier', mesh: 'none', serving: 'knative', extraMs: 1.2, proxy: 'queue-proxy' },
];

interface Shape {
  name: string;
  rates: number[];
  connections: number[];
  repetitions: number;
}

const SHAPES: Shape[] = [
  { name: '25 points × 1 repetition', rates: [100, 200, 300, 400, 500], connections: [1, 4, 16, 64, 256], repetitions: 1 },
  { name: '5 points × 5 repetitions', rates: [100, 200, 400, 800, 1600], connections: [16], repetitions: 5 },
];

function benchSuite(shape: Shape): Suite {
  return {
    apiVersion: 'meshbench.dev/v1alpha1',
    kind: 'Suite',
    name: 'report-render-bench',
    description: `Synthetic run for the report render benchmark: ${shape.name}`,
    target: 'local',
    profiles: PROFILES.map(({ name, mesh, serving }) => ({
      apiVersion: 'meshbench.dev/v1alpha1',
      kind: 'Profile',
      name,
      mesh: { type: mesh, telemetry: 'default', mtls: 'strict' },
      serving: serving === 'knative' ? { type: 'knative', ingress: 'kourier' } : { type: 'deployment' },
    })),
    workload: { delay: 0, size: 1024, startupDelay: 0 },
    experiments: [
      {
        name: 'latency-vs-rate', type: 'load', model: 'open', arrival: 'constant', rates: shape.rates,
        connections: shape.connections, duration: 60_000, warmup: 5_000, repetitions: shape.repetitions, timeout: 10_000,
      },
    ],
    comparisons: PROFILES.slice(1).map((p) => ({ name: `${p.name} tax`, baseline: 'baseline', candidate: p.name })),
    thresholds: [],
    // Priced like the quick start, so the findings and the cost section are part of what is timed.
    cost: { currency: 'USD', vcpuHour: 0.031611, gibHour: 0.004237, trafficRps: 2000, meshedPods: 150 },
  } as unknown as Suite;
}

/** Seeded latencies: an exponential body over a floor, and a 0.1 % tail ten times slower. */
function cellResult(cell: LoadCell): LoadCellResult {
  const profile = PROFILES.find((p) => p.name === cell.profile)!;
  const random = seededRandom(fnv1a(cell.id));
  const floorUs = 1000 * (1 + profile.extraMs + (cell.rate ?? 0) / 2000);
  const h = createHistogram();
  for (let i = 0; i < SAMPLES_PER_CELL; i++) {
    const body = floorUs * (1 + 0.3 * -Math.log(1 - random()));
    recordMicros(h, random() < 0.001 ? body * 10 : body);
  }
  const measuredMs = cell.durationMs;
  const components = ['workload', ...(profile.proxy ? [profile.proxy] : [])];
  return {
    cell,
    status: 'completed',
    startedAt: '2026-12-01T00:00:00.000Z',
    finishedAt: '2026-12-01T00:01:05.000Z',
    resources: components.map((component, i) => {
      const cpu = 40 + 30 * i + 20 * random();
      return {
        component,
        source: `pid ${4000 + i}`,
        samples: 60,
        cpuMillicores: { min: cpu * 0.8, avg: cpu, max: cpu * 1.3 },
        memoryMiB: { min: 30, avg: 40 + 10 * i, max: 45 + 10 * i },
        cpuSecondsPer1000Requests: (cpu / 1000) * (measuredMs / 1000) / (SAMPLES_PER_CELL / 1000),
      };
    }),
    notes: [],
    requests: SAMPLES_PER_CELL,
    errors: { total: 0, timeout: 0, connect: 0, http: {}, other: 0 },
    measuredMs,
    achievedRps: SAMPLES_PER_CELL / (measuredMs / 1000),
    sendLag: { p50: 0.05, p99: 0.4, max: 1.2 },
    saturated: false,
    ...sampledLatency(h),
  } as LoadCellResult;
}

/** Renders one synthetic run; true when within both bounds. */
async function bench(shape: Shape): Promise<boolean> {
  const suite = benchSuite(shape);
  const plan = expandPlan(suite, { target: 'local' });
  const cells = plan.groups.flatMap((group) => group.cells).filter((cell): cell is LoadCell => cell.type === 'load');
  const built = performance.now();
  const results = cells.map(cellResult);
  const record: RunRecord = {
    schemaVersion: 1,
    meshbenchVersion: '0.1.0',
    suite,
    suiteFile: 'bench/report-render.ts',
    plan,
    target: 'local',
    emulation: true,
    status: 'complete',
    startedAt: '2026-12-01T00:00:00.000Z',
    finishedAt: '2026-12-01T02:00:00.000Z',
    command: ['meshbench', 'run', 'bench'],
    environment: { hostname: 'bench', platform: 'linux', release: '6', arch: 'x64', cpus: 2, cpuModel: 'synthetic', memoryMiB: 8000, node: process.version },
    notes: [],
  };
  const dir = await mkdtemp(path.join(tmpdir(), 'meshbench-report-bench-'));
  try {
    await writeFile(path.join(dir, 'run.json'), JSON.stringify(record));
    await writeFile(path.join(dir, 'results.json'), JSON.stringify({ schemaVersion: 1, results }));
    console.log(`${shape.name}: built ${results.length} cells × ${SAMPLES_PER_CELL.toLocaleString('en')} samples in ${((performance.now() - built) / 1000).toFixed(1)} s`);
    const start = performance.now();
    await renderRun(dir);
    const seconds = (performance.now() - start) / 1000;
    const bytes = (await stat(path.join(dir, 'index.html'))).size;
    const ok = seconds <= MAX_SECONDS && bytes <= MAX_HTML_BYTES;
    console.log(`${shape.name}: renderRun ${seconds.toFixed(2)} s (limit ${MAX_SECONDS} s), index.html ${(bytes / 1024 / 1024).toFixed(2)} MB (limit 5 MB) — ${ok ? 'ok' : 'OVER'}`);
    return ok;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

let allOk = true;
for (const shape of SHAPES) allOk = (await bench(shape)) && allOk;
if (!allOk) process.exitCode = 1;
