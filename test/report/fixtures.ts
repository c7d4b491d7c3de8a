// A synthetic run shared by the report and store tests: three profiles, an open-model experiment
// at two rates × two repetitions, one closed-model cell, a cold-start cell with phases,
// resources, and an analysis with a 'slower' and a 'no measurable difference' verdict.
import type { Analysis } from '../../src/analysis/types.ts';
import type { ColdStartCell, LoadCell, Plan, PlanCell } from '../../src/plan/types.ts';
import type { RunRecord } from '../../src/results/run-record.ts';
import type { CellResult, ColdStartCellResult, LoadCellResult, ResourceUsage } from '../../src/results/types.ts';
import type { Profile, Suite } from '../../src/suite/schema.ts';
import { stackWarmup } from '../../src/plan/warmup.ts';
import { createHistogram, encodeHistogram, recordMicros } from '../../src/results/histogram.ts';

export const SUITE_DESCRIPTION = 'Sidecar tax <script>alert("x")</script> & cold starts';

function profile(name: string, mesh: Profile['mesh']['type'], serving: Profile['serving']['type']): Profile {
  return {
    apiVersion: 'meshbench.dev/v1alpha1',
    kind: 'Profile',
    name,
    mesh: { type: mesh, telemetry: 'default', mtls: 'strict' },
    serving: serving === 'knative' ? { type: 'knative', ingress: 'kourier' } : { type: 'deployment' },
  };
}

export const PROFILES = ['baseline', 'istio-sidecar', 'knative-kourier'] as const;

export const suite: Suite = {
  apiVersion: 'meshbench.dev/v1alpha1',
  kind: 'Suite',
  name: 'sidecar-and-cold-start',
  description: SUITE_DESCRIPTION,
  target: 'local',
  profiles: [
    profile('baseline', 'none', 'deployment'),
    profile('istio-sidecar', 'istio-sidecar', 'deployment'),
    profile('knative-kourier', 'none', 'knative'),
  ],
  workload: { delay: 0, size: 1024, startupDelay: 0 },
  experiments: [
    {
      name: 'latency-vs-rate', type: 'load', model: 'open', arrival: 'constant', rates: [100, 500],
      connections: [16], duration: 10_000, warmup: 2_000, repetitions: 2, timeout: 10_000,
    },
    {
      name: 'closed-16', type: 'load', model: 'closed', arrival: 'constant', profiles: ['baseline'],
      connections: [16], duration: 10_000, warmup: 2_000, repetitions: 1, timeout: 10_000,
    },
    {
      name: 'scale-from-zero', type: 'cold-start', profiles: ['knative-kourier'], services: [1],
      iterations: 3, idle: 5_000, timeout: 60_000, burst: 1, warmBaseline: false,
    },
  ],
  comparisons: [
    { name: 'sidecar tax', baseline: 'baseline', candidate: 'istio-sidecar' },
    { name: 'knative <b>hop</b>', baseline: 'baseline', candidate: 'knative-kourier' },
  ],
  thresholds: [
    { comparison: 'sidecar tax', metric: 'p99', max: 1 },
    { comparison: 'knative <b>hop</b>', metric: 'p50', max: 5 },
  ],
};

/** Extra latency of each profile over the baseline, ms: what the synthetic numbers encode. */
const PROFILE_COST: Record<string, number> = { baseline: 0, 'istio-sidecar': 2, 'knative-kourier': 3.5 };

function loadCell(profileName: string, experiment: string, rate: number | undefined, repetition: number): LoadCell {
  return {
    type: 'load',
    id: `${profileName}/${experiment}/${rate === undefined ? 'closed' : `${rate}rps`}-16c/r${repetition}`,
    profile: profileName,
    experiment,
    repetition,
    estimatedMs: 12_000,
    driver: 'builtin',
    model: rate === undefined ? 'closed' : 'open',
    arrival: 'constant',
    rate,
    connections: 16,
    durationMs: 10_000,
    warmupMs: 2_000,
    timeoutMs: 10_000,
  };
}

const coldCell: ColdStartCell = {
  type: 'cold-start',
  id: 'knative-kourier/scale-from-zero/1svc/r1',
  profile: 'knative-kourier',
  experiment: 'scale-from-zero',
  repetition: 1,
  estimatedMs: 30_000,
  services: 1,
  iterations: 3,
  idleMs: 5_000,
  gracePeriodMs: 1_000,
  timeoutMs: 60_000,
};

function resources(profileName: string, requests: number): ResourceUsage[] {
  const components = profileName === 'baseline' ? ['workload'] : ['workload', profileName === 'istio-sidecar' ? 'proxy' : 'queue-proxy'];
  return components.map((component, i) => ({
    component,
    source: `pid ${4000 + i}`,
    samples: 10,
    cpuMillicores: { min: 20, avg: 50 + 40 * i, max: 90 + 40 * i },
    memoryMiB: { min: 30, avg: 42.123 + 10 * i, max: 48.9 + 10 * i },
    cpuSecondsPer1000Requests: ((50 + 40 * i) / 1000) * (10_000 / requests),
  }));
}

/** A real encoded histogram around `base` ms with a tail to 6× base, so the distribution chart has a curve. */
function histogramAround(base: number): string {
  const h = createHistogram();
  for (let i = 0; i < 1000; i++) recordMicros(h, base * 1000 * (1 + 5 * (i / 1000) ** 8));
  return encodeHistogram(h);
}

function loadResult(cell: LoadCell): LoadCellResult {
  const base = 1 + (PROFILE_COST[cell.profile] ?? 0) + (cell.rate === 500 ? 0.3 : 0) + cell.repetition * 0.01;
  const rate = cell.rate ?? 800;
  const requests = rate * 10;
  return {
    cell,
    status: 'completed',
    startedAt: '2026-11-26T03:38:10.000Z',
    finishedAt: '2026-11-26T03:38:22.000Z',
    resources: resources(cell.profile, requests),
    notes: cell.profile === 'istio-sidecar' ? ['proxy hop: built-in reverse proxy (no envoy on PATH)'] : [],
    requests,
    errors: cell.profile === 'knative-kourier'
      ? { total: 3, timeout: 1, connect: 0, http: { '503': 2 }, other: 0 }
      : { total: 0, timeout: 0, connect: 0, http: {}, other: 0 },
    measuredMs: 10_000,
    achievedRps: rate - 0.25,
    sendLag: { p50: 0.05, p99: 0.4, max: 1.2 },
    saturated: cell.model === 'closed',
    ...(cell.model === 'closed' ? { saturationReason: 'closed model: the rate is whatever 16 clients achieve' } : {}),
    latency: { count: requests, min: base * 0.5, mean: base * 1.1, p50: base, p90: base * 1.5, p99: base * 2.5, p999: base * 4, max: base * 6.123456 },
    histogram: histogramAround(base),
  };
}

const coldResult: ColdStartCellResult = {
  cell: coldCell,
  status: 'completed',
  startedAt: '2026-11-26T03:40:00.000Z',
  finishedAt: '2026-11-26T03:40:30.000Z',
  resources: [],
  notes: [],
  discardedWarm: 1,
  iterations: [
    { iteration: 1, service: 'echo-1', cold: true, ok: true, totalMs: 910.5, phases: { sent: 0, 'pod-scheduled': 105, 'pod-ready': 700.25, 'first-byte': 910.5 } },
    { iteration: 2, service: 'echo-1', cold: true, ok: true, totalMs: 850, phases: { sent: 0, 'pod-scheduled': 95, 'pod-ready': 650, 'first-byte': 850 } },
    { iteration: 3, service: 'echo-1', cold: true, ok: true, totalMs: 1200, phases: { sent: 0, 'pod-scheduled': 120, 'activator-queued': 10, 'pod-ready': 990, 'first-byte': 1200 } },
    { iteration: 4, service: 'echo-1', cold: false, ok: true, totalMs: 2.5, phases: { sent: 0, 'first-byte': 2.5 } },
  ],
};

export const analysis: Analysis = {
  comparisons: [
    {
      comparison: 'sidecar tax', experiment: 'latency-vs-rate', baseline: 'baseline', candidate: 'istio-sidecar',
      rate: 500, connections: 16, metric: 'p99', baselineMs: 3.275, candidateMs: 8.275, deltaMs: 5,
      ci: { low: 4.5, high: 5.5 }, verdict: 'slower', repetitions: { baseline: 2, candidate: 2 },
    },
    {
      comparison: 'knative <b>hop</b>', experiment: 'latency-vs-rate', baseline: 'baseline', candidate: 'knative-kourier',
      rate: 100, connections: 16, metric: 'p50', baselineMs: 1.015, candidateMs: 1.065, deltaMs: 0.05,
      ci: { low: -0.2, high: 0.3 }, verdict: 'no measurable difference', repetitions: { baseline: 2, candidate: 2 },
    },
  ],
  thresholds: [
    { comparison: 'sidecar tax', metric: 'p99', maxMs: 1, worstDeltaMs: 5, passed: false, reason: 'p99 delta 5 ms exceeds 1 ms' },
    { comparison: 'knative <b>hop</b>', metric: 'p50', maxMs: 5, worstDeltaMs: 0.05, passed: true, reason: 'within 5 ms' },
  ],
  overheads: [
    {
      topic: 'data path', comparison: 'sidecar tax', experiment: 'latency-vs-rate', baseline: 'baseline', candidate: 'istio-sidecar',
      rate: 500, connections: 16, component: 'proxy', measure: 'cpu-seconds-per-1000-requests',
      baselineValue: undefined, candidateValue: 0.18, delta: 0.18, ci: { low: 0.16, high: 0.2 }, verdict: 'more',
      repetitions: { baseline: 0, candidate: 2 },
      published: { value: 0.2, source: 'Istio 1.24: sidecar 0.20 vCPU per 1000 rps (istio.io performance page)' },
    },
    {
      topic: 'data path', comparison: 'sidecar tax', experiment: 'latency-vs-rate', baseline: 'baseline', candidate: 'istio-sidecar',
      rate: 500, connections: 16, component: 'total', measure: 'total-cpu-seconds-per-1000-requests',
      baselineValue: 0.1, candidateValue: 0.105, delta: 0.005, ci: { low: -0.01, high: 0.02 }, verdict: 'no measurable difference',
      repetitions: { baseline: 2, candidate: 2 },
    },
    {
      topic: 'Knative', comparison: undefined, experiment: 'latency-vs-rate', baseline: undefined, candidate: 'knative-kourier',
      rate: 100, connections: 16, component: 'activator', measure: 'cpu-seconds-per-1000-requests',
      baselineValue: undefined, candidateValue: undefined, delta: undefined, ci: undefined, verdict: 'missing data',
      repetitions: { baseline: 0, candidate: 0 }, error: 'knative-kourier/latency-vs-rate/100rps-16c/r1: <activator> not found',
    },
  ],
  coldStartOverheads: [],
};

function planCells(): PlanCell[] {
  const cells: PlanCell[] = [];
  for (const name of PROFILES) {
    for (const rate of [100, 500]) for (const rep of [1, 2]) cells.push(loadCell(name, 'latency-vs-rate', rate, rep));
    if (name === 'baseline') cells.push(loadCell(name, 'closed-16', undefined, 1));
    if (name === 'knative-kourier') cells.push(coldCell);
  }
  return cells;
}

export function plan(): Plan {
  const cells = planCells();
  return {
    suite: suite.name,
    target: 'local',
    groups: suite.profiles.map((p) => {
      const own = cells.filter((c) => c.profile === p.name);
      return { profile: p, cells: own, warmup: stackWarmup(own, 'local'), estimatedMs: own.reduce((s, c) => s + c.estimatedMs, 0) };
    }),
    schedule: 'interleaved',
    order: cells.map((c) => c.id),
    cellCount: cells.length,
    estimatedMs: cells.reduce((s, c) => s + c.estimatedMs, 0),
  };
}

export function allResults(): CellResult[] {
  return planCells().map((cell) => (cell.type === 'load' ? loadResult(cell) : coldResult));
}

export interface FixtureRun {
  record: RunRecord;
  results: CellResult[];
}

/** A complete run, or a partial one interrupted by SIGINT before its last `missing` cells. */
export function fixtureRun(options: { partial?: { missing: number } } = {}): FixtureRun {
  const results = allResults();
  const kept = options.partial ? results.slice(0, results.length - options.partial.missing) : results;
  const record: RunRecord = {
    schemaVersion: 1,
    meshbenchVersion: '0.1.0',
    suite,
    suiteFile: 'scenarios/sidecar-and-cold-start.yaml',
    plan: plan(),
    target: 'local',
    emulation: true,
    status: options.partial ? 'partial' : 'complete',
    startedAt: '2026-11-26T03:38:06.000Z',
    finishedAt: '2026-11-26T03:41:00.000Z',
    ...(options.partial ? { interruptedBy: 'SIGINT' } : {}),
    command: ['meshbench', 'run', 'scenarios/sidecar-and-cold-start.yaml', '--target', 'local'],
    environment: {
      hostname: 'bench-1', platform: 'linux', release: '6.1.0', arch: 'x64', cpus: 2,
      cpuModel: 'Intel(R) Xeon(R) CPU @ 2.20GHz', memoryMiB: 7962, node: 'v24.21.0',
    },
    analysis,
    notes: ['local target: echo workload and proxies run as child processes'],
  };
  return { record, results: kept };
}
