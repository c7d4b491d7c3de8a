// Per-repetition resource figures of a component, read from the load cells of one profile at one
// load point. One value per repetition (never per sample or per pod): the repetition is the unit
// of the overhead intervals, as of the comparisons of latency.
import type { LoadCellResult, ResourceUsage } from '../results/types.ts';
import type { OverheadMeasure } from './types.ts';

/** The application itself under its names on each target: its cost is not an overhead. */
export const WORKLOAD_COMPONENTS: ReadonlySet<string> = new Set(['workload', 'echo', 'user-container']);

/** One side of a row: values of the repetitions that had one, and why the others had none. */
export interface Side {
  /** Whether the component runs on this profile at all (an errored sample counts: it was expected); an absent one costs nothing. */
  present: boolean;
  values: number[];
  /** "<cell id>: <error>" for each repetition whose component was expected and not sampled. */
  errors: string[];
}

/** Component names sampled in any of the cells, errored ones included, in first-seen order. */
export function componentsOf(cells: readonly LoadCellResult[]): string[] {
  return [...new Set(cells.flatMap((cell) => cell.resources.map((usage) => usage.component)))];
}

export function hasResources(cells: readonly LoadCellResult[]): boolean {
  return cells.some((cell) => cell.resources.length > 0);
}

/**
 * `measure` of the components named `names` (one component, or a group such as Mixer's two
 * deployments) per repetition. With `expected`, a repetition that sampled other components but
 * none of these is an error too (they should have been there).
 */
export function componentSide(
  cells: readonly LoadCellResult[],
  names: readonly string[],
  measure: Exclude<OverheadMeasure, 'total-cpu-seconds-per-1000-requests'>,
  expected = false,
): Side {
  const side: Side = { present: false, values: [], errors: [] };
  for (const cell of cells) {
    const usages = cell.resources.filter((usage) => names.includes(usage.component));
    const failed = usages.find((usage) => usage.error !== undefined);
    if (failed) {
      side.errors.push(`${cell.cell.id}: ${failed.error}`);
      continue;
    }
    if (usages.length === 0) {
      if (expected && cell.resources.length > 0) side.errors.push(`${cell.cell.id}: no ${names.join(' or ')} was sampled`);
      continue;
    }
    side.present = true;
    const value = measureOf(usages, measure);
    if (value !== undefined) side.values.push(value);
  }
  if (side.errors.length > 0) side.present = true;
  return side;
}

/**
 * CPU-seconds per 1000 requests of every component sampled in each repetition. A repetition with
 * an errored component would understate the total, so it is an error, not a smaller number.
 */
export function totalSide(cells: readonly LoadCellResult[]): Side {
  // The data path always exists: a side without samples is unmeasured, never free.
  const side: Side = { present: true, values: [], errors: [] };
  for (const cell of cells) {
    if (cell.resources.length === 0) continue;
    const failed = cell.resources.find((usage) => usage.error !== undefined);
    if (failed) {
      side.errors.push(`${cell.cell.id}: ${failed.component}: ${failed.error}`);
      continue;
    }
    const value = measureOf(cell.resources, 'cpu-seconds-per-1000-requests');
    if (value !== undefined) side.values.push(value);
  }
  return side;
}

/** CPU adds up over a component's instances (pods, processes); memory is reported per instance. */
function measureOf(usages: readonly ResourceUsage[], measure: Exclude<OverheadMeasure, 'total-cpu-seconds-per-1000-requests'>): number | undefined {
  switch (measure) {
    case 'cpu-millicores':
      return usages.reduce((sum, usage) => sum + usage.cpuMillicores.avg, 0);
    case 'memory-mib':
      return usages.reduce((sum, usage) => sum + usage.memoryMiB.avg, 0) / usages.length;
    case 'cpu-seconds-per-1000-requests': {
      const perRequest = usages.map((usage) => usage.cpuSecondsPer1000Requests);
      // A cell that served no request has no per-request cost; an instance without one leaves the sum unknown.
      return perRequest.every((value) => value !== undefined) ? perRequest.reduce((sum, value) => sum + value, 0) : undefined;
    }
  }
}
