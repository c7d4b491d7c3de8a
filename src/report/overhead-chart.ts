// CPU-seconds per 1000 requests of each sampled component, stacked per profile: a bar's height is
// what the whole sampled data path costs per unit of work, its segments say where it goes.
import type { RunRecord } from '../results/run-record.ts';
import type { CellResult } from '../results/types.ts';
import type { ChartSpec } from './charts.ts';
import { isLoad, profileOrder, summariseResources } from './summary.ts';

export const OVERHEAD_CHART_ID = 'cpu-per-request';

/**
 * Component colours: Paul Tol's colour-blind-safe 'muted' scheme without its indigo and purple,
 * which the profile palette (charts.ts) uses, so a component is never read as a profile. Ordered
 * by contrast on white: the first four are ≥ 3:1 (wine 8.7, green 5.7, rose 3.7, olive 3.0); the
 * lighter teal, cyan and sand come only with a fifth component, and a white edge between stacked
 * segments keeps neighbours apart.
 */
export const COMPONENT_PALETTE = ['#882255', '#117733', '#CC6677', '#999933', '#44AA99', '#88CCEE', '#DDCC77'];

export function overheadChart(record: RunRecord, results: readonly CellResult[]): ChartSpec {
  const base = {
    id: OVERHEAD_CHART_ID,
    title: 'CPU per 1000 requests, by profile and component',
    caption: `CPU-seconds per 1000 requests, median over repetitions, stacked by component; one panel per load point.${
      record.emulation ? ' Emulation: local processes, not Kubernetes.' : ''
    }`,
  };
  // An errored component was not measured: leaving it out keeps a zero from being drawn for it.
  const sampled = results.filter(isLoad).map((result) => ({ ...result, resources: result.resources.filter((usage) => usage.error === undefined) }));
  const values = summariseResources(sampled).flatMap((row) =>
    row.cpuSecondsPer1000Requests === undefined
      ? []
      : [{ profile: row.profile, point: row.point, component: row.component, cpuSeconds: row.cpuSecondsPer1000Requests }],
  );
  if (values.length === 0) {
    return { ...base, omitted: 'No resource samples were recorded for the load cells, so there is no CPU per request to plot.' };
  }
  const profiles = profileOrder(record).filter((name) => values.some((value) => value.profile === name));
  return {
    ...base,
    spec: {
      data: { values },
      facet: { field: 'point', type: 'nominal', title: null, sort: [...new Set(values.map((value) => value.point))], header: { labelLimit: 0 } },
      columns: 3,
      // Each panel lists only the profiles measured at its point; the CPU axis stays shared.
      resolve: { scale: { x: 'independent' } },
      spec: {
        width: { step: 48 },
        height: 180,
        mark: { type: 'bar', stroke: 'white', strokeWidth: 1 },
        encoding: {
          x: { field: 'profile', type: 'nominal', sort: profiles, title: null, axis: { labelAngle: -30, labelLimit: 140 } },
          y: { field: 'cpuSeconds', type: 'quantitative', stack: 'zero', title: 'CPU-s per 1000 requests' },
          // Components, not profiles, carry the colour here: a palette apart from the profile colours.
          color: { field: 'component', type: 'nominal', title: 'component', scale: { range: COMPONENT_PALETTE }, legend: { orient: 'top', direction: 'horizontal' } },
          order: { field: 'component' },
        },
      },
    },
  };
}
