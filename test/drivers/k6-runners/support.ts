// What the k6 runner tests feed and expect: a seeded server model for the fake k6, what the fake
// k6 prints for a cell (the real script's output), and the exact percentiles of the latencies it
// produced — the numbers the runners' histograms must give.
import { expect } from 'vitest';
import type { LatencySummary } from '../../../src/results/types.ts';
import { seededRandom } from '../../../src/seeded-random.ts';
import { runFakeK6, type FakeK6Result, type ServerModel } from '../../fakes/k6/run.ts';

export interface ServerShape {
  seed: number;
  /** Median latency of a normal request (lognormal around it, σ = 0.5). */
  medianMs?: number;
  /** Share of requests that take 20–200 ms longer (a GC pause, a slow hop). */
  slowShare?: number;
  /** Share answered 503, and share refused (no response; k6 error code 1212). */
  http503Share?: number;
  refusedShare?: number;
}

/** A seeded server: lognormal latencies with a slow tail, and a few errors of each class. */
export function seededServer(shape: ServerShape): ServerModel {
  const random = seededRandom(shape.seed);
  const median = shape.medianMs ?? 2;
  return () => {
    const u = random();
    if (u < (shape.refusedShare ?? 0)) return { status: 0, durationMs: 0.3, errorCode: 1212, error: 'dial tcp 10.96.0.10:80: connect: connection refused' };
    const gauss = Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
    let durationMs = median * Math.exp(0.5 * gauss);
    if (random() < (shape.slowShare ?? 0)) durationMs += 20 + 180 * random();
    const status = u < (shape.refusedShare ?? 0) + (shape.http503Share ?? 0) ? 503 : 200;
    return { status, durationMs: Math.round(durationMs * 1e6) / 1e6 };
  };
}

/** What a fake k6 run of `argv` printed, with its result (for the local k6 binary's replay files). */
export async function fakeK6Output(argv: string[], server: ServerModel): Promise<{ stdout: string[]; files: Map<string, string>; result: FakeK6Result }> {
  const stdout: string[] = [];
  const files = new Map<string, string>();
  const result = await runFakeK6({
    argv,
    server,
    startEpochMs: Date.UTC(2026, 2, 1, 10, 0, 0),
    onOutput: (stream, text) => {
      if (stream === 'stdout') stdout.push(text);
    },
    onFile: (path, content) => files.set(path, content),
  });
  return { stdout, files, result };
}

export type Exact = Pick<LatencySummary, 'count' | 'p50' | 'p90' | 'p99' | 'p999' | 'max'>;

/** Exact percentiles (nearest rank) of latencies in milliseconds. */
export function exactPercentiles(latencies: readonly number[]): Exact {
  const values = [...latencies].sort((a, b) => a - b);
  const rank = (q: number): number => values[Math.max(0, Math.ceil(q * values.length) - 1)]!;
  return { count: values.length, p50: rank(0.5), p90: rank(0.9), p99: rank(0.99), p999: rank(0.999), max: values.at(-1)! };
}

/** Every percentile within `tolerance` (a fraction) of the exact one, and the count exact. */
export function expectLatencyWithin(actual: LatencySummary, expected: Exact, tolerance: number): void {
  expect(actual.count).toBe(expected.count);
  for (const key of ['p50', 'p90', 'p99', 'p999'] as const) {
    expect(Math.abs(actual[key] - expected[key]) / expected[key], `${key}: ${actual[key]} vs exact ${expected[key]}`).toBeLessThanOrEqual(tolerance);
  }
}
