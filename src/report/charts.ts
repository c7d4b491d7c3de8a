// Vega-Lite specs for the HTML report, built from stored results only. A chart without data is
// returned as `omitted` with a one-line reason, never as an empty or broken chart.
import type { TopLevelSpec } from 'vega-lite';
import type { RunRecord } from '../results/run-record.ts';
import type { CellResult } from '../results/types.ts';
import { distributionChart } from './distribution-chart.ts';
import { forestChart } from './forest-chart.ts';
import { overheadChart } from './overhead-chart.ts';
import { renderSvg } from './svg.ts';
import {
  groupBy,
  profileOrder,
  summariseColdStarts,
  summariseLoad,
  summariseResources,
  type LoadSummaryRow,
} from './summary.ts';

export type ChartSpec = { id: string; title: string; caption: string } & ({ spec: TopLevelSpec } | { omitted: string });

/**
 * One colour per profile, the same in every chart and table: Okabe–Ito's colour-blind-safe set,
 * with its light yellow and sky blue swapped for darker tones that keep 3:1 contrast on white.
 */
const PROFILE_PALETTE = ['#0072B2', '#D55E00', '#009E73', '#AA4499', '#8A6D00', '#332288', '#666666'];

export function profileColours(record: RunRecord): Map<string, string> {
  return new Map(profileOrder(record).map((name, i) => [name, PROFILE_PALETTE[i % PROFILE_PALETTE.length] as string]));
}

function colourEncoding(record: RunRecord) {
  const colours = profileColours(record);
  return {
    field: 'profile',
    type: 'nominal',
    title: 'profile',
    scale: { domain: [...colours.keys()], range: [...colours.values()] },
    legend: { orient: 'top', direction: 'horizontal' },
  } as const;
}

const FACET_WIDTH = 220;
const FACET_HEIGHT = 200;

/** A point without samples has no percentile; a log scale cannot place 0 either. */
function plottableOnLog<T extends { ms: number | undefined }>(value: T): value is T & { ms: number } {
  return value.ms !== undefined && Number.isFinite(value.ms) && value.ms > 0;
}

/** Facet headers on two lines, experiment over parameters: one line would be cut at panel width. */
export function facetHeader(sort?: string[]) {
  return {
    type: 'nominal',
    title: null,
    ...(sort ? { sort } : {}),
    header: {
      labelFontSize: 12,
      labelLimit: 0,
      labelExpr: "[slice(datum.value, 0, indexof(datum.value, ' · ')), slice(datum.value, indexof(datum.value, ' · ') + 3)]",
    },
  } as const;
}

/** (b) p50 and p99 against offered rate, a line per profile; closed-model cells have no rate. */
function rateChart(record: RunRecord, rows: LoadSummaryRow[]): ChartSpec {
  const open = rows.filter((row) => row.rate !== undefined);
  const panels = groupBy(
    open.filter((row) => plottableOnLog({ ms: row.p50 })),
    (row) => `${row.experiment} · ${row.connections} conn`,
  ).filter((panel) => new Set(panel.map((row) => row.rate)).size >= 2);
  const closedNote = rows.some((row) => row.rate === undefined) ? ' Closed-model cells have no offered rate and are left out; see the tables.' : '';
  const base = { id: 'latency-vs-rate', title: 'Latency vs offered rate', caption: `p50 (solid) and p99 (dashed), median over repetitions; log scale.${closedNote}` };
  if (panels.length === 0) {
    return { ...base, omitted: `Needs an open-model experiment measured at two or more rates.${closedNote}` };
  }
  const values = panels.flat().flatMap((row) =>
    (['p50', 'p99'] as const).map((percentile) => ({
      profile: row.profile,
      panel: `${row.experiment} · ${row.connections} conn`,
      rate: row.rate,
      percentile,
      series: `${row.profile} ${percentile}`,
      ms: row[percentile],
    })),
  );
  const x = { field: 'rate', type: 'quantitative', title: 'offered rate (requests/s)' } as const;
  const y = { field: 'ms', type: 'quantitative', scale: { type: 'log' }, title: 'latency (ms)' } as const;
  return {
    ...base,
    spec: {
      data: { values },
      facet: { field: 'panel', ...facetHeader() },
      columns: 2,
      spec: {
        width: panels.length === 1 ? 520 : 360,
        height: FACET_HEIGHT + 40,
        // Lines and points are separate layers so the percentile legend shows dashes, not dots.
        layer: [
          {
            mark: { type: 'line', strokeWidth: 2 },
            encoding: {
              x,
              y,
              color: colourEncoding(record),
              strokeDash: {
                field: 'percentile',
                type: 'nominal',
                scale: { domain: ['p50', 'p99'], range: [[1, 0], [6, 3]] },
                legend: { orient: 'top', title: 'percentile', symbolType: 'stroke', symbolStrokeColor: '#24292f', symbolSize: 300 },
              },
              detail: { field: 'series', type: 'nominal' },
            },
          },
          { mark: { type: 'point', filled: true, size: 40, opacity: 1 }, encoding: { x, y, color: colourEncoding(record) } },
        ],
      },
    },
  };
}

/**
 * (c) Where cold-start time goes: segments between consecutive median phase offsets, and at each
 * segment's end a thin bar over the interquartile range of that phase's offset over iterations.
 */
function coldStartChart(record: RunRecord, results: readonly CellResult[]): ChartSpec {
  const rows = summariseColdStarts(results).filter((row) => row.phases.length > 0);
  const base = {
    id: 'cold-start-phases',
    title: 'Cold-start phase breakdown',
    caption:
      'Each segment runs from the previous phase to the named one (median offsets from the request being sent); the black bar at its end spans the interquartile range (25th–75th percentile) of that phase\'s offset over the iterations. The label is the median total and n the answered cold iterations.',
  };
  if (rows.length === 0) return { ...base, omitted: 'No cold-start iteration with phase timings was measured.' };
  const multipleExperiments = new Set(rows.map((row) => row.experiment)).size > 1;
  const label = (row: (typeof rows)[number]) =>
    `${multipleExperiments ? `${row.experiment} · ` : ''}${row.profile} · ${row.services} svc`;
  const phaseOrder = [...new Set(rows.flatMap((row) => row.phases.map((p) => p.name)))];
  const segments = rows.flatMap((row) =>
    row.phases.map((phase, i) => ({
      row: label(row),
      profile: row.profile,
      phase: phase.name,
      order: phaseOrder.indexOf(phase.name),
      start: i === 0 ? 0 : (row.phases[i - 1]?.medianMs ?? 0),
      end: phase.medianMs,
      q1: phase.q1Ms,
      q3: phase.q3Ms,
      iterations: phase.iterations,
    })),
  );
  const totals = rows.map((row) => ({
    row: label(row),
    // Past the widest spread, so the label never sits on a whisker.
    at: Math.max(row.medianTotalMs ?? 0, ...row.phases.map((p) => p.q3Ms)),
    text: `${Math.round(row.medianTotalMs ?? 0)} ms · n = ${row.cold}`,
  }));
  const rowOrder = rows.map(label);
  const y = { field: 'row', type: 'nominal', sort: rowOrder, title: null, axis: { labelLimit: 260, labelPadding: 8 } } as const;
  return {
    ...base,
    spec: {
      width: 640,
      height: { step: 34 },
      layer: [
        {
          data: { values: segments },
          mark: { type: 'bar', stroke: 'white', strokeWidth: 1, height: { band: 0.7 } },
          encoding: {
            y,
            x: { field: 'start', type: 'quantitative', title: 'ms after the request was sent' },
            x2: { field: 'end' },
            color: {
              field: 'phase',
              type: 'ordinal',
              sort: phaseOrder,
              title: 'phase reached',
              // Time-ordered phases get an ordered palette, distinct from the per-profile colours.
              scale: { scheme: 'viridis', domain: phaseOrder },
              legend: { orient: 'bottom', direction: 'horizontal', columns: 4 },
            },
          },
        },
        {
          data: { values: segments },
          mark: { type: 'rule', color: '#24292f', strokeWidth: 2 },
          encoding: { y, x: { field: 'q1', type: 'quantitative' }, x2: { field: 'q3' } },
        },
        ...(['q1', 'q3'] as const).map((field) => ({
          data: { values: segments },
          mark: { type: 'tick', color: '#24292f', thickness: 2, size: 12 } as const,
          encoding: { y, x: { field, type: 'quantitative' } as const },
        })),
        {
          data: { values: totals },
          mark: { type: 'text', align: 'left', dx: 6, fontSize: 11, fill: '#222' },
          encoding: { y, x: { field: 'at', type: 'quantitative' }, text: { field: 'text' } },
        },
      ],
    },
  };
}

/** (d) Average CPU and memory per component, one panel per measured point, median over repetitions. */
function resourcesChart(record: RunRecord, results: readonly CellResult[]): ChartSpec {
  const base = {
    id: 'resources',
    title: 'Resources per component',
    caption: 'Average CPU (millicores, 1000 = one core) and working-set memory over the measured window, median over repetitions.',
  };
  // A component without a figure (too short to sample, not found) has no bar: never a zero one.
  const values = summariseResources(results).filter((row) => row.error === undefined);
  if (values.length === 0) return { ...base, omitted: 'No resource figures were recorded in this run.' };
  const points = [...new Set(values.map((v) => v.point))];
  const panel = (field: 'cpuAvg' | 'memoryAvg', title: string) => ({
    facet: { field: 'point', ...facetHeader(points) },
    columns: 3,
    spec: {
      width: FACET_WIDTH,
      height: 150,
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'component', type: 'nominal', title: null, axis: { labelAngle: 0 } },
        xOffset: { field: 'profile', type: 'nominal', scale: { domain: profileOrder(record) } },
        y: { field, type: 'quantitative', title },
        color: colourEncoding(record),
      },
    },
  });
  return {
    ...base,
    spec: {
      data: { values },
      vconcat: [panel('cpuAvg', 'CPU (millicores)'), panel('memoryAvg', 'memory (MiB)')],
      resolve: { scale: { color: 'shared' } },
    } as TopLevelSpec,
  };
}

/** The report's charts in reading order. */
export function chartSpecs(record: RunRecord, results: readonly CellResult[]): ChartSpec[] {
  const load = summariseLoad(results);
  return [
    forestChart(record),
    distributionChart(record, results),
    rateChart(record, load),
    coldStartChart(record, results),
    resourcesChart(record, results),
    overheadChart(record, results),
  ];
}

export type RenderedChart = { id: string; title: string; caption: string } & ({ svg: string } | { omitted: string });

/** Every chart as inline SVG (or its omission note), in reading order. */
export async function renderCharts(record: RunRecord, results: readonly CellResult[]): Promise<RenderedChart[]> {
  return Promise.all(
    chartSpecs(record, results).map(async (chart): Promise<RenderedChart> => {
      if (!('spec' in chart)) return chart;
      const { spec, ...rest } = chart;
      return { ...rest, svg: await renderSvg(spec) };
    }),
  );
}
