// The figures one cell (one repetition) contributes to comparisons across runs: `compare` pairs
// them between two runs, `history` stores them and `trend` follows them over many. One value per
// metric per repetition, because the repetition is the unit of every interval (DESIGN.md), with
// the same inclusion rules as the in-run analysis (cell-data.ts, resource-values.ts). Pure.
import { median } from 'simple-statistics';
import type { PlanCell } from '../plan/types.ts';
import { answeredColdStarts, hasLatency } from './cell-data.ts';
import type { CellResult, ColdStartCellResult, ColdStartIteration, ResourceUsage } from './types.ts';

/** Every figure here is a cost: higher is worse. */
export type MetricUnit = 'ms' | 'cpu-s/1000 req' | 'MiB';

export interface CellMetric {
  /**
   * Stable name, the one `--fail-on` rules and the history use: p50 p90 p99 p999 (load latency),
   * cold_start (median total of the cell's cold iterations), cold_start.<phase>,
   * cpu_per_1000.<component>, cpu_per_1000 (all components), memory.<component>.
   */
  metric: string;
  unit: MetricUnit;
  value: number;
}

/** Where a cell sits in the matrix, without its repetition: the key cells of two runs are paired by. */
export interface CellPoint {
  profile: string;
  experiment: string;
  /** "500 rps · 16 conn", "closed · 8 conn", "5 svc", "5 svc · burst 3". */
  point: string;
}

export function cellPoint(cell: PlanCell): CellPoint {
  const point =
    cell.type === 'load'
      ? `${cell.rate === undefined ? 'closed' : `${cell.rate} rps`} · ${cell.connections} conn`
      : `${cell.services} svc${cell.burst ? ` · burst ${cell.burst}` : ''}`;
  return { profile: cell.profile, experiment: cell.experiment, point };
}

const LATENCY = ['p50', 'p90', 'p99', 'p999'] as const;

/**
 * The cell's figures. Latency only from a load cell with samples that did not saturate its
 * driver (a saturated cell's latency describes the load generator too); cold starts only from
 * iterations that were really cold and answered; a resource figure only from a component that
 * was sampled without error (never a zero for a missing one).
 */
export function cellMetrics(result: CellResult): CellMetric[] {
  if (result.status === 'errored') return [];
  const metrics: CellMetric[] = [];
  if (result.cell.type === 'load') {
    if (hasLatency(result) && !result.saturated) {
      for (const metric of LATENCY) metrics.push({ metric, unit: 'ms', value: result.latency[metric] });
    }
    metrics.push(...resourceMetrics(result.resources));
    return metrics;
  }
  const cold = answeredColdStarts(result as ColdStartCellResult);
  if (cold.length === 0) return metrics;
  metrics.push({ metric: 'cold_start', unit: 'ms', value: median(cold.map((iteration) => iteration.totalMs)) });
  const phases = new Set(cold.flatMap((iteration) => Object.keys(iteration.phases)));
  phases.delete('sent'); // the origin of every timeline, always 0
  for (const phase of phases) {
    const offsets = cold.flatMap((iteration) => (iteration.phases[phase] === undefined ? [] : [iteration.phases[phase]]));
    metrics.push({ metric: `cold_start.${phase}`, unit: 'ms', value: median(offsets) });
  }
  return metrics;
}

/** Per component: CPU adds up over its instances, memory is per instance (as resource-values.ts). */
function resourceMetrics(resources: readonly ResourceUsage[]): CellMetric[] {
  if (resources.length === 0) return [];
  const metrics: CellMetric[] = [];
  const components = [...new Set(resources.map((usage) => usage.component))];
  let total: number | undefined = 0;
  for (const component of components) {
    const usages = resources.filter((usage) => usage.component === component);
    if (usages.some((usage) => usage.error !== undefined)) {
      total = undefined; // a total without one component would understate
      continue;
    }
    const perRequest = usages.map((usage) => usage.cpuSecondsPer1000Requests);
    if (perRequest.every((value) => value !== undefined)) {
      const cpu = perRequest.reduce((sum, value) => sum + value, 0);
      metrics.push({ metric: `cpu_per_1000.${component}`, unit: 'cpu-s/1000 req', value: cpu });
      if (total !== undefined) total += cpu;
    } else total = undefined;
    metrics.push({ metric: `memory.${component}`, unit: 'MiB', value: usages.reduce((sum, usage) => sum + usage.memoryMiB.avg, 0) / usages.length });
  }
  if (total !== undefined) metrics.push({ metric: 'cpu_per_1000', unit: 'cpu-s/1000 req', value: total });
  return metrics;
}

/**
 * A cold-start cell's figures once per cold iteration (cold_start and cold_start.<phase>, each the
 * median over the iteration's answered services), for `compare`: a cold-start experiment has no
 * repetitions, so one value per cell can never reach an interval, and across runs the iterations
 * are the unit, as the in-run cold-start overhead takes them. Empty for anything else.
 */
export function coldStartIterationMetrics(result: CellResult): CellMetric[] {
  if (result.status === 'errored' || result.cell.type !== 'cold-start') return [];
  const byIteration = new Map<number, ColdStartIteration[]>();
  for (const iteration of answeredColdStarts(result as ColdStartCellResult)) {
    byIteration.set(iteration.iteration, [...(byIteration.get(iteration.iteration) ?? []), iteration]);
  }
  const metrics: CellMetric[] = [];
  for (const iterations of byIteration.values()) {
    metrics.push({ metric: 'cold_start', unit: 'ms', value: median(iterations.map((iteration) => iteration.totalMs)) });
    const phases = new Set(iterations.flatMap((iteration) => Object.keys(iteration.phases)));
    phases.delete('sent');
    for (const phase of phases) {
      const offsets = iterations.flatMap((iteration) => (iteration.phases[phase] === undefined ? [] : [iteration.phases[phase]]));
      metrics.push({ metric: `cold_start.${phase}`, unit: 'ms', value: median(offsets) });
    }
  }
  return metrics;
}
