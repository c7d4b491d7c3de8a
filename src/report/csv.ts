// The run directory's CSV files. Their columns are a contract read by users' scripts
// (DESIGN.md, "Contracts that others rely on"): add columns only at the end, never reorder.
import { stringify } from 'csv-stringify/sync';
import { latencyOf } from '../results/cell-data.ts';
import type { RunRecord } from '../results/run-record.ts';
import type { CellResult } from '../results/types.ts';
import { round } from './format.ts';
import { isColdStart, isLoad, measured, phaseNames } from './summary.ts';

type Cell = string | number | undefined;

export const LATENCY_COLUMNS = [
  'suite', 'target', 'profile', 'experiment', 'rate', 'connections', 'repetition', 'requests', 'errors',
  'achieved_rps', 'p50_ms', 'p90_ms', 'p99_ms', 'p999_ms', 'max_ms', 'mean_ms',
  // Added later: the cell's place in the run order (1 = ran first); empty for runs recorded before.
  'order',
] as const;

// The contract (DESIGN.md): these columns, then one `<phase>_ms` column per measured phase, then
// the columns added later, so scripts reading the phases by position keep working.
export const COLDSTART_COLUMNS = ['suite', 'target', 'profile', 'experiment', 'services', 'iteration', 'service', 'cold', 'total_ms'] as const;
export const COLDSTART_TRAILING_COLUMNS = [
  // cold (a cold attempt, discarded ones included) or warm (a warm-baseline request).
  'kind',
  // Every request's first byte with a burst (ms, space-separated); empty for a single request.
  'first_bytes_ms',
] as const;

/**
 * resources.csv: one row per sampled component (process or container) per cell.
 * cell is the plan cell id; rate and connections are empty for cold-start cells, services for
 * load cells; CPU in millicores (1000 = one core) and memory as working-set MiB over the
 * measured window; cpu_seconds_per_1000_requests is empty when no request was served. Added
 * later, at the end: readings (distinct readings behind the figures: kubelet readings change only
 * at cAdvisor housekeeping) and error — when set ("too short to sample: …", "… not found") the
 * figures are empty, never zeros.
 */
export const RESOURCE_COLUMNS = [
  'suite', 'target', 'profile', 'experiment', 'cell', 'rate', 'connections', 'services', 'repetition',
  'component', 'source', 'samples', 'cpu_millicores_avg', 'cpu_millicores_max', 'memory_mib_avg',
  'memory_mib_max', 'cpu_seconds_per_1000_requests', 'readings', 'error',
] as const;

function toCsv(columns: readonly string[], rows: Cell[][]): string {
  // Numbers are rounded before they get here; undefined becomes an empty field.
  return stringify(rows, { header: true, columns: [...columns] });
}

/**
 * One row per load cell; errored cells are skipped because they measured nothing. A cell without
 * a successful request keeps its row (requests, errors) with the latency fields empty, never
 * zeros; achieved_rps is empty too when it covered none of its window.
 */
export function latencyCsv(record: RunRecord, results: readonly CellResult[]): string {
  const position = new Map(record.order?.map((id, index) => [id, index + 1]));
  const rows = results
    .filter(isLoad)
    .filter(measured)
    .map((r) => {
      const latency = latencyOf(r);
      return [
        record.suite.name,
        record.target,
        r.cell.profile,
        r.cell.experiment,
        r.cell.rate,
        r.cell.connections,
        r.cell.repetition,
        r.requests,
        r.errors.total,
        r.measuredMs > 0 ? round(r.achievedRps, 2) : undefined,
        round(latency?.p50, 3),
        round(latency?.p90, 3),
        round(latency?.p99, 3),
        round(latency?.p999, 3),
        round(latency?.max, 3),
        round(latency?.mean, 3),
        position.get(r.cell.id),
      ];
    });
  return toCsv(LATENCY_COLUMNS, rows);
}

/** "first byte" → "first_byte_ms": phase names become safe column names. */
export function phaseColumn(phase: string): string {
  return `${phase.replace(/[^A-Za-z0-9]+/g, '_')}_ms`;
}

/**
 * One row per cold-start iteration (discarded warm ones included, cold=false; warm-baseline requests
 * with kind=warm). Phase columns are
 * the union of phases over the run in first-seen order, as ms after the request was sent; an
 * iteration that lacks a phase, or failed (total_ms), leaves the field empty.
 */
export function coldstartsCsv(record: RunRecord, results: readonly CellResult[]): string {
  const cells = results.filter(isColdStart).filter(measured);
  const phases = phaseNames(cells.flatMap((r) => r.iterations.map((it) => it.phases)));
  const rows = cells.flatMap((r) =>
    r.iterations.map((it) => [
      record.suite.name,
      record.target,
      r.cell.profile,
      r.cell.experiment,
      r.cell.services,
      it.iteration,
      it.service,
      String(it.cold),
      it.ok ? round(it.totalMs, 3) : undefined,
      ...phases.map((phase) => round(it.phases[phase], 3)),
      it.kind ?? 'cold',
      it.firstBytes?.map((at) => round(at, 3)).join(' '),
    ]),
  );
  return toCsv([...COLDSTART_COLUMNS, ...phases.map(phaseColumn), ...COLDSTART_TRAILING_COLUMNS], rows);
}

export function hasResources(results: readonly CellResult[]): boolean {
  return results.some((r) => r.resources.length > 0);
}

export function resourcesCsv(record: RunRecord, results: readonly CellResult[]): string {
  const rows = results.flatMap((r) =>
    r.resources.map((usage) => {
      const figure = (value: number | undefined, digits: number) => (usage.error === undefined ? round(value, digits) : undefined);
      return [
        record.suite.name,
        record.target,
        r.cell.profile,
        r.cell.experiment,
        r.cell.id,
        r.cell.type === 'load' ? r.cell.rate : undefined,
        r.cell.type === 'load' ? r.cell.connections : undefined,
        r.cell.type === 'cold-start' ? r.cell.services : undefined,
        r.cell.repetition,
        usage.component,
        usage.source,
        usage.samples,
        figure(usage.cpuMillicores.avg, 1),
        figure(usage.cpuMillicores.max, 1),
        figure(usage.memoryMiB.avg, 2),
        figure(usage.memoryMiB.max, 2),
        figure(usage.cpuSecondsPer1000Requests, 4),
        usage.readings,
        usage.error,
      ];
    }),
  );
  return toCsv(RESOURCE_COLUMNS, rows);
}
