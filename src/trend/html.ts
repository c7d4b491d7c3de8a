// trend.html: one self-contained page (the report's inline CSS, inline SVG, no script, no URL).
// First screen: does the newest run regress anywhere, then every series in one table, then the
// charts grouped by suite, profile and point. Charts are capped (MAX_CHARTS, the worst series
// first) so a history with hundreds of series still renders quickly and opens in a browser.
import { REPORT_CSS } from '../report/html-style.ts';
import { badge, esc, table } from '../report/html-tables.ts';
import { keyText, type SeriesTrend, type TrendResult } from './analyse.ts';
import { changePointsLine, formatShift, newestLine, runsCount, VERDICT_ORDER, VERDICT_TONE } from './format.ts';
import { trendMethodLines } from './method.ts';

export const MAX_CHARTS = 60;

/** Headings below the report's: suite h2, profile h3, point h4, metric h5. */
const TREND_CSS = `
h4 { font-size: 15px; margin: 20px 0 6px; color: var(--muted); }
figure h5 { font-size: 14px; margin: 0 0 4px; }
`;

/** Which series get a chart: regressions, then other measurable changes, then change points, then the rest. */
export function chartedSeries(result: TrendResult, limit = MAX_CHARTS): Set<SeriesTrend> {
  const ranked = [...result.series].sort(
    (a, b) => VERDICT_ORDER[a.newest.verdict] - VERDICT_ORDER[b.newest.verdict] || b.changePoints.length - a.changePoints.length,
  );
  return new Set(ranked.slice(0, limit));
}

/** `svgs` holds the rendered chart of each charted series. */
export function renderTrendHtml(result: TrendResult, svgs: ReadonlyMap<SeriesTrend, string>): string {
  const regressions = result.series.filter((series) => series.newest.verdict === 'regression');
  const changes = result.series.reduce((sum, series) => sum + series.changePoints.length, 0);
  const banner =
    regressions.length > 0
      ? `<div class="banner failed"><strong>The newest run regresses ${regressions.length} series measurably.</strong><ul>${regressions.map((series) => `<li>${esc(keyText(series.key))}: ${esc(formatShift(series))}</li>`).join('')}</ul></div>`
      : `<div class="banner emulation">No series regresses measurably in the newest run.</div>`;
  const suites = [...new Set(result.series.map((series) => series.key.suite))];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>meshbench trend · ${esc(suites.join(', '))}</title>
<style>${REPORT_CSS}${TREND_CSS}</style>
</head>
<body>
<main>
<p class="eyebrow">meshbench trend</p>
<h1>${esc(suites.join(', ') || 'no series')}</h1>
<p class="description">${result.series.length} series · ${changes} change point(s) in their histories · newest run judged against the runs since the last change point.</p>
${banner}
<nav class="toc" aria-label="Sections"><a href="#series">Series</a>${suites.map((suite, i) => `<a href="#suite-${i}">${esc(suite)}</a>`).join('')}<a href="#method">Method</a></nav>
<section id="series"><h2>Series</h2>
${seriesTable(result)}
</section>
${suites.map((suite, i) => suiteSection(result, suite, i, svgs)).join('\n')}
<section id="method"><h2>Method</h2>
<ul>${trendMethodLines(result.options).map((line) => `<li>${esc(line)}</li>`).join('\n')}</ul>
</section>
</main>
</body>
</html>
`;
}

function seriesTable(result: TrendResult): string {
  const rows = [...result.series]
    .sort((a, b) => VERDICT_ORDER[a.newest.verdict] - VERDICT_ORDER[b.newest.verdict])
    .map((series) => [
      esc(series.key.suite),
      esc(series.key.profile),
      esc(`${series.key.experiment} · ${series.key.point}`),
      esc(series.key.metric),
      runsCount(series),
      esc(changePointsLine(series)),
      badge(VERDICT_TONE[series.newest.verdict], series.newest.verdict),
      esc(formatShift(series)),
    ]);
  return table(['suite', 'profile', 'point', 'metric', { label: 'runs', kind: 'num' }, { label: 'change points', kind: 'wrap' }, 'newest run', 'shift [interval]'], rows);
}

function suiteSection(result: TrendResult, suite: string, index: number, svgs: ReadonlyMap<SeriesTrend, string>): string {
  const inSuite = result.series.filter((series) => series.key.suite === suite);
  const profiles = [...new Set(inSuite.map((series) => series.key.profile))];
  const body = profiles.map((profile) => {
    const inProfile = inSuite.filter((series) => series.key.profile === profile);
    const points = [...new Set(inProfile.map((series) => `${series.key.experiment} · ${series.key.point}`))];
    return `<h3>${esc(profile)}</h3>\n${points
      .map((point) => {
        const atPoint = inProfile.filter((series) => `${series.key.experiment} · ${series.key.point}` === point);
        const charted = atPoint.filter((series) => svgs.has(series));
        const left = atPoint.length - charted.length;
        const note = left > 0 ? `<p class="omitted">${left} series here without a chart (the page shows at most ${MAX_CHARTS}, the worst first); see the table above and trend.json.</p>` : '';
        return `<h4>${esc(point)}</h4>\n${charted.map((series) => figure(series, svgs.get(series)!)).join('\n')}${note}`;
      })
      .join('\n')}`;
  });
  return `<section id="suite-${index}"><h2>${esc(suite)}</h2>\n${body.join('\n')}\n</section>`;
}

function figure(series: SeriesTrend, svg: string): string {
  return `<figure>
<h5>${esc(series.key.metric)} ${badge(VERDICT_TONE[series.newest.verdict], series.newest.verdict)}</h5>
<figcaption>${esc(newestLine(series))}. Change points: ${esc(changePointsLine(series))}. Dots: median repetition of each run; bars: its repetitions' range; level lines: each segment's median run.</figcaption>
${svg}
</figure>`;
}
