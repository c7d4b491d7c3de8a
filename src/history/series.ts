// What `trend` reads from the history: one metric at one point of one profile of one suite,
// across the recorded runs in the order they ran. Values are per repetition (cell-metrics.ts).
import type { MetricUnit } from '../results/cell-metrics.ts';

export interface SeriesKey {
  suite: string;
  profile: string;
  experiment: string;
  /** cellPoint(...).point */
  point: string;
  /** cellMetrics(...).metric */
  metric: string;
}

export interface SeriesRun {
  /** The run's id in the history (its run.json runId). */
  runId: string;
  /** ISO time the run started; runs are ordered by it. */
  startedAt: string;
  /** Labels given at `history add` (git SHA, Istio version, ...). */
  labels: Record<string, string>;
  /** One value per measured repetition; a run may have none for this key (then it is absent from `runs`). */
  values: number[];
}

export interface MetricSeries {
  key: SeriesKey;
  unit: MetricUnit;
  /** Oldest first. */
  runs: SeriesRun[];
}
