// What the k6 runner tests feed and expect: a known sample set (measured 1..1000 ms plus warm-up
// samples that must be cut), the summary k6 would write for it, and the pod log k6 leaves.
import { expect } from 'vitest';
import type { LatencySummary } from '../../../src/results/types.ts';
import { K6_SUMMARY_BEGIN, K6_SUMMARY_END } from '../../../src/drivers/k6/params.ts';
import { ndjsonLines, oneToThousand, type Sample } from '../k6/k6-lines.ts';

/** 1000 measured samples of 1..1000 ms and 50 warm-up samples of 5 s (which would show at p99 if kept). */
export function fedSamples(startMs = Date.UTC(2026, 2, 1, 10, 0, 15)): Sample[] {
  const warmup = Array.from({ length: 50 }, (_, i) => ({ timeMs: startMs - 15_000 + i * 100, valueMs: 5000, status: 200, scenario: 'warmup' }));
  return [...warmup, ...oneToThousand(startMs)];
}

/** handleSummary's data for those samples: counts over every scenario, as k6 reports them. */
export function summaryFor(samples: readonly Sample[], checksFailed = 0): object {
  const count = samples.length;
  return {
    root_group: { name: '', path: '', id: 'd41d8cd98f00b204e9800998ecf8427e', groups: [], checks: [] },
    options: { summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(50)', 'p(90)', 'p(99)', 'p(99.9)'], summaryTimeUnit: '', noColor: false },
    state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: 25_100.5 },
    metrics: {
      http_reqs: { type: 'counter', contains: 'default', values: { count, rate: count / 25.1 } },
      checks: { type: 'rate', contains: 'default', values: { rate: (count - checksFailed) / count, passes: count - checksFailed, fails: checksFailed } },
      'http_reqs{scenario:measure}': { type: 'counter', contains: 'default', values: { count: count - 50, rate: 40 }, thresholds: { 'count>=0': { ok: true } } },
    },
  };
}

/** A pod's log: k6's stderr lines, the NDJSON samples on stdout, then the framed summary. */
export function podLog(samples: readonly Sample[], summary: object): string {
  const lines = ndjsonLines(samples);
  const half = Math.floor(lines.length / 2);
  return [
    'time="2026-03-01T10:00:00Z" level=info msg="Running the script as TypeScript (type stripping)"',
    ...lines.slice(0, half),
    'time="2026-03-01T10:00:12Z" level=warning msg="Request Failed" error="Get \\"http://echo/\\": EOF"',
    ...lines.slice(half),
    'meshbench measure window: requests=1000 p50=500ms p99=990ms max=1000ms dropped_iterations=-',
    K6_SUMMARY_BEGIN,
    JSON.stringify(summary),
    K6_SUMMARY_END,
    '',
  ].join('\n');
}

/** Exact percentiles (nearest rank) of the measured samples, the numbers the histogram must give. */
export function expectedLatency(samples: readonly Sample[]): Pick<LatencySummary, 'count' | 'p50' | 'p90' | 'p99' | 'max'> {
  const values = samples.filter((s) => s.scenario !== 'warmup').map((s) => s.valueMs).sort((a, b) => a - b);
  const rank = (q: number): number => values[Math.max(0, Math.ceil(q * values.length) - 1)]!;
  return { count: values.length, p50: rank(0.5), p90: rank(0.9), p99: rank(0.99), max: values.at(-1)! };
}

/** HDR with 3 significant digits: every percentile within 0.1 % of the exact one. */
export function expectLatencyMatches(actual: LatencySummary, expected: ReturnType<typeof expectedLatency>): void {
  expect(actual.count).toBe(expected.count);
  for (const key of ['p50', 'p90', 'p99', 'max'] as const) {
    expect(Math.abs(actual[key] - expected[key]), `${key}: ${actual[key]} vs ${expected[key]}`).toBeLessThanOrEqual(expected[key] * 0.001);
  }
}
