// One Vega-Lite chart per series for trend.html: each run's median repetition (a dot) with the
// range of its repetitions (a bar), the level of each segment between change points (the median
// of its runs, a line), the change points (dashed rules, before the first run at the new level) and the newest
// run coloured by its verdict. Pure: spec in, the SVG is made by report/svg.ts.
import type { TopLevelSpec } from 'vega-lite';
import type { SeriesTrend } from './analyse.ts';
import { formatValue } from './format.ts';

const WIDTH = 560;
const HEIGHT = 170;

const KIND_COLOURS: Record<string, string> = {
  run: '#57606a',
  'newest: regression': '#cf222e',
  'newest: improvement': '#1a7f37',
  'newest: no regression': '#0969da',
};

function newestKind(series: SeriesTrend): string {
  if (series.newest.verdict === 'regression') return 'newest: regression';
  if (series.newest.verdict === 'improvement') return 'newest: improvement';
  return 'newest: no regression';
}

export function trendChartSpec(series: SeriesTrend): TopLevelSpec {
  const last = series.runs.length;
  const runs = series.runs.map((run, i) => ({
    run: i + 1,
    median: run.median,
    min: run.min,
    max: run.max,
    kind: i === last - 1 ? newestKind(series) : 'run',
  }));
  const x = {
    field: 'run',
    type: 'quantitative',
    title: 'run (oldest → newest)',
    scale: { domain: [0.5, last + 0.5], nice: false },
    axis: { tickMinStep: 1, format: 'd' },
  } as const;
  const y = { type: 'quantitative', title: `${series.key.metric} (${series.unit})`, scale: { zero: false } } as const;
  const kinds = [...new Set(runs.map((run) => run.kind))];
  const layers: unknown[] = [
    {
      data: { values: runs },
      mark: { type: 'rule', strokeWidth: 2, opacity: 0.45 },
      encoding: { x, y: { ...y, field: 'min' }, y2: { field: 'max' }, color: { field: 'kind', type: 'nominal', legend: null, scale: { domain: kinds, range: kinds.map((kind) => KIND_COLOURS[kind]!) } } },
    },
    {
      data: { values: runs },
      mark: { type: 'point', filled: true, size: 36, opacity: 1 },
      encoding: {
        x,
        y: { ...y, field: 'median' },
        color: { field: 'kind', type: 'nominal', title: null, scale: { domain: kinds, range: kinds.map((kind) => KIND_COLOURS[kind]!) }, legend: { orient: 'top', direction: 'horizontal', labelLimit: 0 } },
      },
    },
  ];
  if (series.segments.length > 0) {
    const segments = series.segments.map((segment) => ({ from: segment.start + 0.6, to: segment.end + 0.4, level: segment.median, label: `level ${formatValue(segment.median, series.unit)}` }));
    layers.push(
      {
        data: { values: segments },
        mark: { type: 'rule', strokeWidth: 2, color: '#8a6d00' },
        encoding: { x: { ...x, field: 'from' }, x2: { field: 'to' }, y: { ...y, field: 'level' } },
      },
      {
        data: { values: segments },
        mark: { type: 'text', align: 'left', baseline: 'bottom', dy: -3, fontSize: 10, color: '#6f4e00' },
        encoding: { x: { ...x, field: 'from' }, y: { ...y, field: 'level' }, text: { field: 'label' } },
      },
    );
  }
  if (series.changePoints.length > 0) {
    const changes = series.changePoints.map((change) => ({ at: change.index + 0.5, direction: change.direction }));
    layers.push({
      data: { values: changes },
      mark: { type: 'rule', strokeDash: [5, 3], strokeWidth: 1.5 },
      encoding: {
        x: { ...x, field: 'at' },
        color: { field: 'direction', type: 'nominal', title: 'change point', scale: { domain: ['regression', 'improvement'], range: ['#cf222e', '#1a7f37'] }, legend: { orient: 'top', direction: 'horizontal', labelLimit: 0 } },
      },
    });
  }
  return { width: WIDTH, height: HEIGHT, layer: layers, resolve: { scale: { color: 'independent' } } } as TopLevelSpec;
}
