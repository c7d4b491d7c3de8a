// Synthetic histories for the trend tests: one series of `runs` runs of `repetitions` values each,
// value = level(run) + run effect + repetition noise, both normal, sometimes spiked, drawn from a
// seeded generator.
import type { MetricSeries } from '../../src/history/series.ts';
import { seededRandom } from '../../src/seeded-random.ts';

export interface HistoryShape {
  runs: number;
  repetitions?: number;
  /** Level of run i (0-based); 100 when omitted. */
  level?: (run: number) => number;
  /** SD of a run's own offset, shared by its repetitions: runs differ by more than repetitions. */
  runSd?: number;
  /** SD of one repetition around its run's level. */
  repetitionSd?: number;
  /** Share of repetitions hit by a spike (×3 their value), as latency percentiles are. */
  spikeShare?: number;
  seed: number;
  metric?: string;
}

export function history(shape: HistoryShape): MetricSeries {
  const random = seededRandom(shape.seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const level = shape.level ?? (() => 100);
  const runs = Array.from({ length: shape.runs }, (_, i) => {
    const offset = level(i) + (shape.runSd ?? 0) * normal();
    return {
      runId: `run-${String(i).padStart(3, '0')}`,
      startedAt: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString(),
      labels: { git: `sha${i}` },
      values: Array.from({ length: shape.repetitions ?? 5 }, () => (offset + (shape.repetitionSd ?? 2) * normal()) * (random() < (shape.spikeShare ?? 0) ? 3 : 1)),
    };
  });
  return { key: { suite: 'sim', profile: 'istio', experiment: 'load', point: '500 rps · 16 conn', metric: shape.metric ?? 'p99' }, unit: 'ms', runs };
}

/** Level function: `before` until run `at`, `after` from it on. */
export const step = (at: number, before: number, after: number) => (run: number) => (run < at ? before : after);
