// Forest plot of the suite's comparisons: one column per metric, one row per comparison × load
// point, its Hodges–Lehmann delta as a point and its 95% interval as a bar, so a reader sees at a
// glance which differences are measurable and how wide the uncertainty is. Columns rather than a
// row per metric: 3 comparisons × 6 metrics × 25 points would be 450 rows, 10,000 px tall.
import type { ComparisonRow, ComparisonVerdict } from '../analysis/types.ts';
import type { RunRecord } from '../results/run-record.ts';
import { METRICS } from '../suite/schema.ts';
import type { ChartSpec } from './charts.ts';
import { loadPointLabel } from './summary.ts';

export const FOREST_CHART_ID = 'comparison-forest';

/** Verdict colours (Okabe–Ito vermillion / bluish green / grey): distinct without red–green contrast alone, and the shape differs too. */
const VERDICTS: { verdict: ComparisonVerdict; colour: string; shape: string }[] = [
  { verdict: 'slower', colour: '#D55E00', shape: 'triangle-right' },
  { verdict: 'faster', colour: '#009E73', shape: 'triangle-left' },
  { verdict: 'no measurable difference', colour: '#555555', shape: 'circle' },
  { verdict: 'insufficient repetitions', colour: '#555555', shape: 'diamond' },
  { verdict: 'insufficient data', colour: '#555555', shape: 'diamond' },
];

const METRIC_LABEL: Record<string, string> = { p999: 'p99.9' };

export interface ForestRow {
  /** "comparison · point": the row it is drawn on, in the column of its metric. */
  row: string;
  comparison: string;
  metric: string;
  point: string;
  verdict: ComparisonVerdict;
  deltaMs: number;
  low: number | undefined;
  high: number | undefined;
  /** True when the analysis could give no interval: drawn hollow, labelled with its verdict. */
  noInterval: boolean;
}

/** One entry per comparison × metric × point, comparisons in suite order, then metric order, then point. */
export function forestRows(record: RunRecord): ForestRow[] {
  const comparisons = record.suite.comparisons.map((c) => c.name);
  const rank = (row: ComparisonRow) => [comparisons.indexOf(row.comparison), METRICS.indexOf(row.metric)];
  const sorted = [...(record.analysis?.comparisons ?? [])]
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const [ca, ma] = rank(a.row) as [number, number];
      const [cb, mb] = rank(b.row) as [number, number];
      return ca - cb || ma - mb || a.index - b.index;
    })
    .map(({ row }) => row);
  return sorted.map((row) => {
    const point = `${row.experiment} · ${loadPointLabel(row.rate, row.connections)}`;
    const metric = METRIC_LABEL[row.metric] ?? row.metric;
    return {
      row: `${row.comparison} · ${point}`,
      comparison: row.comparison,
      metric,
      point,
      verdict: row.verdict,
      deltaMs: row.deltaMs,
      low: row.ci?.low,
      high: row.ci?.high,
      noInterval: row.ci === undefined,
    };
  });
}

export function forestChart(record: RunRecord): ChartSpec {
  const rows = forestRows(record);
  const withoutInterval = rows.filter((row) => row.noInterval).length;
  const base = {
    id: FOREST_CHART_ID,
    title: 'Comparison deltas with their 95% intervals',
    caption: [
      'Candidate − baseline per comparison, metric and load point: the point is the Hodges–Lehmann shift over repetitions, the bar its exact 95% interval; a bar crossing 0 is no measurable difference.',
      withoutInterval > 0 ? `${withoutInterval} row(s) without an interval (too few repetitions or samples) are drawn hollow, point estimate only.` : '',
      // In-suite comparisons are over repetitions of one run; a cross-run noise floor needs `meshbench compare`.
      'No noise floor is known for a single run: run-to-run noise is only estimated when comparing runs.',
    ]
      .filter(Boolean)
      .join(' '),
  };
  if (rows.length === 0) return { ...base, omitted: 'The suite defines no comparison with measured results, so there are no deltas to plot.' };
  const y = { field: 'row', type: 'nominal', sort: [...new Set(rows.map((row) => row.row))], title: null, axis: { labelLimit: 0, labelFontSize: 11 } } as const;
  const x = { field: 'deltaMs', type: 'quantitative', title: 'candidate − baseline (ms)' } as const;
  const verdicts = VERDICTS.filter((v) => rows.some((row) => row.verdict === v.verdict));
  const colour = {
    field: 'verdict',
    type: 'nominal',
    title: 'verdict',
    scale: { domain: verdicts.map((v) => v.verdict), range: verdicts.map((v) => v.colour) },
    legend: { orient: 'top', direction: 'horizontal', labelLimit: 240 },
  } as const;
  const shape = { field: 'verdict', type: 'nominal', scale: { domain: verdicts.map((v) => v.verdict), range: verdicts.map((v) => v.shape) } } as const;
  const metrics = METRICS.map((metric) => METRIC_LABEL[metric] ?? metric).filter((label) => rows.some((row) => row.metric === label));
  // The columns share about 640 px; each metric keeps its own x scale (p50 and p99.9 differ tenfold).
  const width = Math.max(110, Math.floor(640 / metrics.length));
  return {
    ...base,
    spec: {
      data: { values: rows },
      facet: { column: { field: 'metric', type: 'nominal', sort: metrics, title: null, header: { labelFontSize: 12, labelFontWeight: 600 } } },
      resolve: { scale: { x: 'independent' } },
      spec: {
        width,
        height: { step: 22 },
        layer: [
          { mark: { type: 'rule', color: '#24292f', strokeDash: [4, 3] }, encoding: { x: { datum: 0, type: 'quantitative' } } },
          { transform: [{ filter: '!datum.noInterval' }], mark: { type: 'rule', strokeWidth: 2 }, encoding: { y, x: { field: 'low', type: 'quantitative', title: x.title }, x2: { field: 'high' }, color: colour } },
          { transform: [{ filter: '!datum.noInterval' }], mark: { type: 'point', filled: true, size: 80 }, encoding: { y, x, color: colour, shape } },
          // Hollow: a point estimate without an interval; its shape and the legend say which verdict.
          { transform: [{ filter: 'datum.noInterval' }], mark: { type: 'point', filled: false, fill: 'white', size: 80, strokeWidth: 2 }, encoding: { y, x, color: colour, shape } },
        ],
      },
    },
  } as ChartSpec;
}
