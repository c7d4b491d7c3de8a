// `trend`'s analysis: per series, the change points of its history before the newest run
// (e-divisive.ts, on per-run medians) and the newest run's verdict against the segment since the
// last one (newest-run.ts). Every metric is a cost, so higher is worse. Pure and deterministic:
// each series' permutations are seeded from its key.
import { max, median, min } from 'simple-statistics';
import type { MetricUnit } from '../results/cell-metrics.ts';
import type { MetricSeries, SeriesKey } from '../history/series.ts';
import { fnv1a, seededRandom } from '../seeded-random.ts';
import { eDivisive, segmentBounds } from './e-divisive.ts';
import { judgeNewestRun, type NewestRunJudgement } from './newest-run.ts';

export interface TrendOptions {
  /** Fewest runs on each side of a change point, and in the segment the newest run is judged against. */
  minSegment: number;
  /** Permutation p-value at or below which a candidate is a change point. */
  significance: number;
  permutations: number;
  /** Only the newest this many runs of a series are analysed: the search grows with the square of the runs. */
  maxRuns: number;
  /**
   * Confidence of the newest-run intervals taken together: each of the k series judged gets
   * 1 − (1 − confidence) / k (Bonferroni), so noise alone fails the command at most
   * (1 − confidence) / 2 of the time, however many series there are.
   */
  confidence: number;
  seed: number;
}

export const DEFAULT_TREND_OPTIONS: TrendOptions = { minSegment: 5, significance: 0.01, permutations: 199, maxRuns: 200, confidence: 0.95, seed: 1 };

export interface TrendRun {
  runId: string;
  startedAt: string;
  labels: Record<string, string>;
  values: number[];
  /** Median repetition: the run's level. */
  median: number;
  min: number;
  max: number;
}

export interface TrendChangePoint {
  /** Index in `runs` of the first run at the new level. */
  index: number;
  runId: string;
  startedAt: string;
  pValue: number;
  /** Levels (TrendSegment.median) of the segments either side. */
  before: number;
  after: number;
  /** after / before − 1 (undefined when before is 0). */
  relativeChange: number | undefined;
  direction: 'regression' | 'improvement';
}

export interface TrendSegment {
  /** [start, end) indexes in `runs`. */
  start: number;
  end: number;
  /** Median of the segment's per-run medians: its level. Not the mean, which one run whose repetitions mostly spiked can drag past the next segment's. */
  median: number;
}

export interface SeriesTrend {
  key: SeriesKey;
  unit: MetricUnit;
  /** The runs analysed, oldest first (at most maxRuns). */
  runs: TrendRun[];
  /** Older runs of the history left out by maxRuns. */
  olderRuns: number;
  /** Found among the runs before the newest. */
  changePoints: TrendChangePoint[];
  /** The runs before the newest, cut at the change points. */
  segments: TrendSegment[];
  /** Why no change point could be looked for (too few runs), when so. */
  changePointNote?: string;
  newest: NewestRunJudgement;
}

export interface TrendResult {
  schemaVersion: 1;
  options: TrendOptions;
  series: SeriesTrend[];
}

export function analyseTrend(series: readonly MetricSeries[], options: Partial<TrendOptions> = {}): TrendResult {
  const settings = { ...DEFAULT_TREND_OPTIONS, ...options };
  const prepared = series.map((one) => {
    const runs = trendRuns(one);
    return { key: one.key, unit: one.unit, runs: runs.slice(-settings.maxRuns), olderRuns: Math.max(0, runs.length - settings.maxRuns) };
  });
  // Bonferroni over the series that reach a verdict test: the only ones that can raise an alarm.
  const judged = prepared.filter((one) => one.runs.length - 1 >= minVerdictRuns(settings)).length;
  const confidence = 1 - (1 - settings.confidence) / Math.max(1, judged);
  return { schemaVersion: 1, options: settings, series: prepared.map((one) => analyseSeries(one, settings, confidence)) };
}

/** The newest run is exit-worthy only when it is a regression; the command exits 1 if any is. */
export function trendExitCode(result: TrendResult): 0 | 1 {
  return result.series.some((one) => one.newest.verdict === 'regression') ? 1 : 0;
}

/** A segment run has to be left out for the run-to-run spread, so at least two. */
function minVerdictRuns(options: TrendOptions): number {
  return Math.max(2, options.minSegment);
}

function trendRuns(series: MetricSeries): TrendRun[] {
  return series.runs
    .map((run) => ({ ...run, values: run.values.filter(Number.isFinite) }))
    .filter((run) => run.values.length > 0) // the history leaves such runs out; a hand-made file may not
    .map((run) => ({ ...run, median: median(run.values), min: min(run.values), max: max(run.values) }));
}

function analyseSeries(
  { key, unit, runs, olderRuns }: { key: SeriesKey; unit: MetricUnit; runs: TrendRun[]; olderRuns: number },
  options: TrendOptions,
  confidence: number,
): SeriesTrend {
  const history = runs.slice(0, -1);
  const levels = history.map((run) => run.median);
  const canSplit = history.length >= 2 * options.minSegment;
  const detected = canSplit
    ? eDivisive(levels, { ...options, random: seededRandom(fnv1a(keyText(key)) ^ options.seed) })
    : [];
  const segments = segmentBounds(detected, history.length)
    .filter(([start, end]) => end > start)
    .map(([start, end]) => ({ start, end, median: median(levels.slice(start, end)) }));
  const changePoints = detected.map((change, i): TrendChangePoint => {
    const before = segments[i]!.median;
    const after = segments[i + 1]!.median;
    const run = history[change.index]!;
    return {
      index: change.index,
      runId: run.runId,
      startedAt: run.startedAt,
      pValue: change.pValue,
      before,
      after,
      relativeChange: before === 0 ? undefined : after / before - 1,
      direction: after > before ? 'regression' : 'improvement',
    };
  });
  const newest = runs.at(-1);
  const current = segments.at(-1);
  const segmentRuns = current ? history.slice(current.start, current.end) : [];
  return {
    key,
    unit,
    runs,
    olderRuns,
    changePoints,
    segments,
    ...(canSplit ? {} : { changePointNote: `${history.length} run(s) before the newest; change points need ${2 * options.minSegment}` }),
    newest: judgeNewestRun(segmentRuns, newest?.values ?? [], options.minSegment - 1, minVerdictRuns(options), confidence),
  };
}

/** "suite / profile / experiment / point / metric": the series' stable name. */
export function keyText(key: SeriesKey): string {
  return [key.suite, key.profile, key.experiment, key.point, key.metric].join(' / ');
}
