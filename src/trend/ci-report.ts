// The trend result for the CI outputs (ci/check.ts): one check per series, failed when the
// newest run regresses it measurably, skipped when it could not be judged.
import type { Check, CiReport } from '../ci/check.ts';
import { keyText, type SeriesTrend, type TrendResult } from './analyse.ts';
import { changePointsLine, formatValue, newestLine } from './format.ts';
import { renderTrendMarkdown } from './markdown.ts';

export function trendCiReport(result: TrendResult, exitCode: number): CiReport {
  return { command: 'trend', exitCode, checks: result.series.map(check), summaryMarkdown: renderTrendMarkdown(result), result };
}

function check(series: SeriesTrend): Check {
  const { verdict } = series.newest;
  const outcome = verdict === 'regression' ? 'failed' : verdict === 'insufficient runs' || verdict === 'insufficient repetitions' ? 'skipped' : 'passed';
  const newest = series.runs.at(-1);
  const detail = [
    `newest run: ${newest ? `${newest.runId} (${newest.startedAt}${labels(newest.labels)}), median ${formatValue(newest.median, series.unit)} of ${newest.values.length} repetition(s)` : 'none'}`,
    `judged against: ${series.newest.segmentRuns} run(s), ${series.newest.repetitions.segment} repetition(s); interval at ${+(series.newest.confidence * 100).toPrecision(4)}%`,
    ...(series.newest.runToRun ? [`run-to-run spread of the segment: ${formatValue(series.newest.runToRun.low, series.unit)} to ${formatValue(series.newest.runToRun.high, series.unit)}`] : []),
    `change points: ${changePointsLine(series)}`,
  ].join('\n');
  return { group: 'trend', name: keyText(series.key), outcome, message: newestLine(series), detail };
}

/** ", git abc123, istio 1.22" from the labels given at `history add`. */
function labels(values: Record<string, string>): string {
  return Object.entries(values).map(([key, value]) => `, ${key} ${value}`).join('');
}
