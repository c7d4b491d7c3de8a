// trend.md (also the GitHub job summary) and the plain-text summary for the terminal.
import { mdEscape } from '../report/markdown.ts';
import { terminalSafe } from '../text/terminal-safe.ts';
import { keyText, type SeriesTrend, type TrendResult } from './analyse.ts';
import { changePointsLine, formatShift, newestLine, runsCount, VERDICT_ORDER } from './format.ts';
import { trendMethodLines } from './method.ts';

/** Rows in trend.md's table before "and N more": a job summary has to stay readable. */
const MD_ROWS = 100;

function ranked(result: TrendResult): SeriesTrend[] {
  return [...result.series].sort((a, b) => VERDICT_ORDER[a.newest.verdict] - VERDICT_ORDER[b.newest.verdict] || b.changePoints.length - a.changePoints.length);
}

function headline(result: TrendResult): string {
  const regressions = result.series.filter((series) => series.newest.verdict === 'regression').length;
  const changes = result.series.reduce((sum, series) => sum + series.changePoints.length, 0);
  const verdict = regressions > 0 ? `the newest run regresses ${regressions} series measurably` : 'no series regresses measurably in the newest run';
  return `${result.series.length} series: ${verdict}; ${changes} change point(s) in their histories.`;
}

export function renderTrendMarkdown(result: TrendResult): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const header = ['suite', 'profile', 'point', 'metric', 'runs', 'change points', 'newest run'];
  const rows = ranked(result).slice(0, MD_ROWS).map((series) =>
    line([
      mdEscape(series.key.suite),
      mdEscape(series.key.profile),
      mdEscape(`${series.key.experiment} · ${series.key.point}`),
      mdEscape(series.key.metric),
      runsCount(series),
      mdEscape(changePointsLine(series)),
      `${series.newest.verdict === 'regression' ? '**' : ''}${mdEscape(newestLine(series))}${series.newest.verdict === 'regression' ? '**' : ''}`,
    ]),
  );
  const more = result.series.length > MD_ROWS ? `\n\n…and ${result.series.length - MD_ROWS} more series in trend.json.` : '';
  const table = result.series.length === 0 ? 'No series in the history.' : [line(header), line(header.map(() => '---')), ...rows].join('\n') + more;
  return `# meshbench trend\n\n${headline(result)}\n\n${table}\n\n## Method\n\n${trendMethodLines(result.options).map((text) => `- ${text}`).join('\n')}\n`;
}

/** For the terminal: the headline, then one line per series whose newest run changed measurably. */
export function trendTerminalSummary(result: TrendResult): string {
  const notable = ranked(result).filter((series) => ['regression', 'improvement', 'within run-to-run spread'].includes(series.newest.verdict));
  const unjudged = result.series.filter((series) => series.newest.verdict === 'insufficient runs' || series.newest.verdict === 'insufficient repetitions').length;
  const lines = [
    headline(result),
    ...notable.map((series) => `  ${series.newest.verdict === 'regression' ? 'REGRESSION' : series.newest.verdict}: ${keyText(series.key)} ${formatShift(series)}`),
    ...(unjudged > 0 ? [`  ${unjudged} series could not be judged (too few runs or repetitions; see trend.md).`] : []),
  ];
  return terminalSafe(lines.join('\n'));
}
