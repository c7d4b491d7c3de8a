// Words and numbers for the trend outputs, shared by HTML, Markdown, the terminal and CI checks.
import type { MetricUnit } from '../results/cell-metrics.ts';
import { formatMs } from '../report/format.ts';
import type { SeriesTrend } from './analyse.ts';
import type { NewestVerdict } from './newest-run.ts';

export function formatValue(value: number | undefined, unit: MetricUnit): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  if (unit === 'ms') return formatMs(value);
  return `${+value.toPrecision(3)} ${unit}`;
}

export function formatDelta(value: number, unit: MetricUnit): string {
  const text = formatValue(Math.abs(value), unit);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

/** "+1.20 ms [+0.40 ms, +2.10 ms]" or "+1.20 ms" without an interval; "" without a shift. */
export function formatShift(series: SeriesTrend): string {
  const { shift, ci } = series.newest;
  if (shift === undefined) return '';
  const interval = ci ? ` [${formatDelta(ci.low, series.unit)}, ${formatDelta(ci.high, series.unit)}]` : '';
  return `${formatDelta(shift, series.unit)}${interval}`;
}

/** How bad a verdict is, for ordering: regressions first. */
export const VERDICT_ORDER: Record<NewestVerdict, number> = {
  regression: 0,
  'within run-to-run spread': 1,
  improvement: 2,
  'no measurable change': 3,
  'insufficient repetitions': 4,
  'insufficient runs': 5,
};

export type Tone = 'bad' | 'good' | 'warn' | 'neutral';

export const VERDICT_TONE: Record<NewestVerdict, Tone> = {
  regression: 'bad',
  'within run-to-run spread': 'warn',
  improvement: 'good',
  'no measurable change': 'neutral',
  'insufficient repetitions': 'neutral',
  'insufficient runs': 'neutral',
};

/** "regression +1.20 ms [+0.40 ms, +2.10 ms] over 8 runs" — one line for a table or a check. */
export function newestLine(series: SeriesTrend): string {
  const { verdict, segmentRuns, reason } = series.newest;
  if (verdict === 'insufficient runs' || verdict === 'insufficient repetitions') return `${verdict}: ${reason}`;
  const left = series.newest.offLevel.length;
  const off = left > 0 ? ` (${left} latest run${left > 1 ? 's' : ''} left out as off the level)` : '';
  return `${verdict} ${formatShift(series)} over the ${segmentRuns} runs at its level${off}`;
}

/** "2 (run-007 ↑ +9.8 %, run-019 ↓ −5.0 %)", or the reason there are none. */
export function changePointsLine(series: SeriesTrend): string {
  if (series.changePointNote) return `none looked for: ${series.changePointNote}`;
  if (series.changePoints.length === 0) return 'none';
  const each = series.changePoints.map((change) => {
    const arrow = change.direction === 'regression' ? '↑' : '↓';
    const relative = change.relativeChange === undefined ? formatDelta(change.after - change.before, series.unit) : `${change.relativeChange > 0 ? '+' : '−'}${Math.abs(change.relativeChange * 100).toFixed(1)} %`;
    return `${change.runId} ${arrow} ${relative}`;
  });
  return `${series.changePoints.length} (${each.join(', ')})`;
}

/** "30", or "200 (+12 older)" when maxRuns left older runs out. */
export function runsCount(series: SeriesTrend): string {
  return `${series.runs.length}${series.olderRuns > 0 ? ` (+${series.olderRuns} older)` : ''}`;
}
