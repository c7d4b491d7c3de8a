// Test helper: synthetic load results, one per repetition, with a chosen latency per percentile.
import type { LoadOutcome } from '../../src/drivers/driver.ts';
import type { LoadCell } from '../../src/plan/types.ts';
import type { LoadCellResult, ResourceUsage } from '../../src/results/types.ts';

interface Spec {
  profile: string;
  experiment?: string;
  rate?: number;
  connections?: number;
  /** p50 per repetition, ms; the other percentiles are fixed multiples of it. */
  p50: number[];
  status?: LoadCellResult['status'];
  requests?: number;
  /** Resource usage of each repetition, in repetition order. */
  resources?: ResourceUsage[][];
}

type Point = Pick<Spec, 'profile' | 'experiment' | 'rate' | 'connections'>;

/** Repetition `repetition` of a load point, as the plan names it. */
export function pointCell(point: Point, repetition: number): LoadCell {
  const { profile, experiment = 'latency', rate = 100, connections = 8 } = point;
  return {
    id: `${profile}/${experiment}/rate=${rate},c=${connections}/r${repetition}`,
    type: 'load',
    profile,
    experiment,
    repetition,
    estimatedMs: 5_000,
    driver: 'builtin',
    model: 'open',
    arrival: 'constant',
    rate,
    connections,
    durationMs: 4_000,
    warmupMs: 1_000,
    timeoutMs: 10_000,
  };
}

/** A cell's result from a real driver outcome, recorded as execute.ts records it. */
export function resultOf(cell: LoadCell, outcome: LoadOutcome): LoadCellResult {
  const { aborted, ...measured } = outcome;
  return {
    ...measured,
    cell,
    status: aborted ? 'partial' : 'completed',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:05.000Z',
    resources: [],
    notes: [],
  };
}

export function resultsOf(spec: Spec): LoadCellResult[] {
  const { rate = 100 } = spec;
  return spec.p50.map((p50, index) => ({
    status: spec.status ?? 'completed',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:05.000Z',
    resources: spec.resources?.[index] ?? [],
    notes: [],
    cell: pointCell(spec, index + 1),
    requests: spec.requests ?? 10_000,
    errors: { total: 0, timeout: 0, connect: 0, http: {}, other: 0 },
    measuredMs: 4_000,
    achievedRps: rate,
    sendLag: { p50: 0, p99: 0, max: 0 },
    saturated: false,
    latency: { count: spec.requests ?? 10_000, min: p50 / 2, mean: p50 * 1.1, p50, p90: p50 * 2, p99: p50 * 3, p999: p50 * 4, max: p50 * 5 },
    histogram: '',
  }));
}

/** One sampled component: `cpuSeconds` per 1000 requests, the rest fixed unless given. */
export function usage(component: string, cpuSeconds: number, extra: Partial<ResourceUsage> = {}): ResourceUsage {
  return {
    component,
    source: `pid ${component.length}`,
    samples: 10,
    cpuMillicores: { min: 0, avg: cpuSeconds * 1000, max: cpuSeconds * 2000 },
    memoryMiB: { min: 40, avg: 50, max: 60 },
    cpuSecondsPer1000Requests: cpuSeconds,
    ...extra,
  };
}
