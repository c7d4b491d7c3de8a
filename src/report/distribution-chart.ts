// Latency distributions from the stored HDR histograms: the classic percentile plot (x = 1/(1−q)
// on a log axis, so 90, 99, 99.9, 99.99 are equally spaced), one line per profile, one panel per
// load point. The curve shows the whole tail, where medians of a few percentiles hide it.
import { createHistogram, decodeHistogram, type Histogram } from '../results/histogram.ts';
import { hasLatency } from '../results/cell-data.ts';
import type { RunRecord } from '../results/run-record.ts';
import type { CellResult, LoadCellResult } from '../results/types.ts';
import { facetHeader, profileColours, type ChartSpec } from './charts.ts';
import { groupBy, isLoad, loadPointLabel, measured, profileOrder } from './summary.ts';

export const DISTRIBUTION_CHART_ID = 'latency-distribution';

/** Quantiles per curve: bounded, so the SVG size does not grow with the number of samples. */
export const CURVE_QUANTILES = 60;

/** Axis ticks as 1/(1−q): 0, 50, 90, 99, 99.9, 99.99, 99.999, 99.9999 %. */
const TICKS = [1, 2, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

export interface CurvePoint {
  profile: string;
  point: string;
  /** 1/(1−q): the x of the percentile plot. */
  x: number;
  /** The percentile, e.g. 99.9. */
  percentile: number;
  ms: number;
}

/**
 * Log-spaced quantiles of one histogram from q = 0 up to the last one it holds at least one sample
 * beyond (1/(1−q) ≤ count), at most `quantiles` of them whatever the sample count.
 */
export function percentileCurve(h: Histogram, quantiles = CURVE_QUANTILES): { x: number; percentile: number; ms: number }[] {
  const count = h.totalCount;
  if (count === 0) return [];
  const steps = Math.max(1, quantiles - 1);
  const xs = [...new Set(Array.from({ length: quantiles }, (_, i) => Math.pow(count, i / steps)))];
  return xs.map((x) => {
    const percentile = 100 * (1 - 1 / x);
    return { x, percentile, ms: h.getValueAtPercentile(percentile) / 1000 };
  });
}

/** All repetitions' histograms of a profile at a point added together: the distribution of every request. */
function mergedHistogram(cells: readonly LoadCellResult[]): { histogram: Histogram; unreadable: number } {
  const merged = createHistogram();
  let unreadable = 0;
  for (const cell of cells) {
    if (cell.histogram === undefined) continue;
    try {
      merged.add(decodeHistogram(cell.histogram));
    } catch {
      // A corrupt histogram is skipped, and counted in the caption, rather than failing the report.
      unreadable += 1;
    }
  }
  return { histogram: merged, unreadable };
}

export function distributionCurves(results: readonly CellResult[]): { values: CurvePoint[]; unreadable: number } {
  const load = results.filter(isLoad).filter(measured).filter(hasLatency);
  let unreadable = 0;
  const values = groupBy(load, (r) => [r.cell.experiment, r.cell.rate ?? 'closed', r.cell.connections, r.cell.profile].join('\u0000')).flatMap((group) => {
    const { cell } = group[0] as LoadCellResult;
    const merged = mergedHistogram(group);
    unreadable += merged.unreadable;
    const point = `${cell.experiment} · ${loadPointLabel(cell.rate, cell.connections)}`;
    return percentileCurve(merged.histogram)
      .filter((p) => p.ms > 0)
      .map((p) => ({ profile: cell.profile, point, ...p }));
  });
  return { values, unreadable };
}

export function distributionChart(record: RunRecord, results: readonly CellResult[]): ChartSpec {
  const { values, unreadable } = distributionCurves(results);
  const base = {
    id: DISTRIBUTION_CHART_ID,
    title: 'Latency distribution per profile',
    caption: `Percentile curve of every request of every repetition (the repetitions' HDR histograms merged), ${CURVE_QUANTILES} quantiles per curve; both axes log, so each step right is ten times rarer. One panel per load point.${
      unreadable > 0 ? ` ${unreadable} repetition(s) had an unreadable histogram and are left out.` : ''
    }`,
  };
  if (values.length === 0) return { ...base, omitted: 'No load cell has a latency histogram, so there is no distribution to plot.' };
  const colours = profileColours(record);
  const profiles = profileOrder(record).filter((name) => values.some((v) => v.profile === name));
  const maxX = Math.max(...values.map((v) => v.x));
  return {
    ...base,
    spec: {
      data: { values },
      facet: { field: 'point', ...facetHeader([...new Set(values.map((v) => v.point))]) },
      columns: 3,
      spec: {
        width: 220,
        height: 200,
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x: {
            field: 'x',
            type: 'quantitative',
            scale: { type: 'log', domain: [1, maxX] },
            title: 'percentile',
            axis: { values: TICKS.filter((t) => t <= maxX), labelExpr: "format(100 - 100 / datum.value, '.6~') + '%'", labelAngle: -30, grid: true },
          },
          y: { field: 'ms', type: 'quantitative', scale: { type: 'log' }, title: 'latency (ms)' },
          color: {
            field: 'profile',
            type: 'nominal',
            title: 'profile',
            // Only the profiles drawn, each in its own colour from the report-wide palette.
            scale: { domain: profiles, range: profiles.map((name) => colours.get(name) as string) },
            legend: { orient: 'top', direction: 'horizontal' },
          },
        },
      },
    },
  };
}
