// Pure summaries of a run's results that every report format shares: one row per
// profile × experiment × load point (or services count), medians over repetitions, and which
// planned cells have no result. Percentiles are never averaged across repetitions: each row shows
// the median of the per-repetition values (STYLE.md, "HDR histograms end to end").
import type { PlanCell } from '../plan/types.ts';
import type { CellResult, ColdStartCellResult, LoadCellResult } from '../results/types.ts';
import { answeredColdStarts, hasData, hasLatency, type SampledLoadCell } from '../results/cell-data.ts';
import { isDiscardedWarm } from '../results/iterations.ts';
import type { RunRecord } from '../results/run-record.ts';
import { whyNoSamples } from './no-samples.ts';

export interface LoadSummaryRow {
  profile: string;
  experiment: string;
  model: 'open' | 'closed';
  rate: number | undefined;
  connections: number;
  /** Repetitions with samples (cell-data.ts hasLatency): the ones every figure of the row is over. */
  repetitions: number;
  /** Repetitions that ran without a successful request; they count in `errors` only. */
  unsampled: number;
  /** Why those had no samples (distinct reasons, "; "-joined); set only when `unsampled` > 0. */
  noSamples?: string;
  /** Undefined when no repetition had samples: never a 0 ms. */
  p50: number | undefined;
  p90: number | undefined;
  p99: number | undefined;
  p999: number | undefined;
  achievedRps: number | undefined;
  /** Errors of every repetition, sampled or not. */
  errors: number;
  /** Repetitions (of those with samples) in which the load generator could not keep the schedule. */
  saturated: number;
}

export interface ColdStartSummaryRow {
  profile: string;
  experiment: string;
  services: number;
  /** Iterations that were really cold and answered. */
  cold: number;
  /** Iterations dropped because the service was not at zero. */
  discarded: number;
  failed: number;
  medianTotalMs: number | undefined;
  maxTotalMs: number | undefined;
  /**
   * Median offset of each phase from the request being sent, in order of occurrence, with the
   * interquartile range of that offset over the iterations that reached the phase, and their count.
   */
  phases: { name: string; medianMs: number; q1Ms: number; q3Ms: number; iterations: number }[];
}

/** The origin of every cold-start timeline; not a phase of its own. */
export const ORIGIN_PHASE = 'sent';

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function isLoad(result: CellResult): result is LoadCellResult {
  return result.cell.type === 'load';
}

export function isColdStart(result: CellResult): result is ColdStartCellResult {
  return result.cell.type === 'cold-start';
}

/** An errored cell carries no measurement worth summarising; partial cells keep what they measured. */
export function measured(result: CellResult): boolean {
  return result.status !== 'errored';
}

/** "500 rps · 16 conn" or "closed · 16 conn": how a load point is named in every report. */
export function loadPointLabel(rate: number | undefined, connections: number): string {
  return `${rate === undefined ? 'closed' : `${rate} rps`} · ${connections} conn`;
}

/** Names the parameter point of any cell: "latency-vs-rate · 500 rps · 16 conn", "scale-from-zero · 5 svc". */
export function cellPointLabel(cell: PlanCell): string {
  return `${cell.experiment} · ${cell.type === 'load' ? loadPointLabel(cell.rate, cell.connections) : `${cell.services} svc${cell.burst ? ` · burst ${cell.burst}` : ''}`}`;
}

/** Group items by key, keeping first-seen order of keys (which is plan order). */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

export function summariseLoad(results: readonly CellResult[]): LoadSummaryRow[] {
  const load = results.filter(isLoad).filter(measured);
  return groupBy(load, (r) => [r.cell.profile, r.cell.experiment, r.cell.rate ?? 'closed', r.cell.connections].join('\u0000')).map(
    (group) => {
      const { cell } = group[0] as LoadCellResult;
      const sampled = group.filter(hasLatency);
      const unsampled = group.filter((r) => !hasLatency(r));
      const med = (pick: (r: SampledLoadCell) => number) => median(sampled.map(pick));
      return {
        profile: cell.profile,
        experiment: cell.experiment,
        model: cell.model,
        rate: cell.rate,
        connections: cell.connections,
        repetitions: sampled.length,
        unsampled: unsampled.length,
        ...(unsampled.length > 0 ? { noSamples: [...new Set(unsampled.map(whyNoSamples))].join('; ') } : {}),
        p50: med((r) => r.latency.p50),
        p90: med((r) => r.latency.p90),
        p99: med((r) => r.latency.p99),
        p999: med((r) => r.latency.p999),
        achievedRps: med((r) => r.achievedRps),
        errors: group.reduce((sum, r) => sum + r.errors.total, 0),
        saturated: sampled.filter((r) => r.saturated).length,
      };
    },
  );
}

/** "3", or "1 (+1 without samples)": the repetitions a row's figures are over, and those left out. */
export function repetitionsText(row: LoadSummaryRow): string {
  return row.unsampled > 0 ? `${row.repetitions} (+${row.unsampled} without samples)` : String(row.repetitions);
}

export function summariseColdStarts(results: readonly CellResult[]): ColdStartSummaryRow[] {
  const cold = results.filter(isColdStart).filter(measured);
  return groupBy(cold, (r) => [r.cell.profile, r.cell.experiment, r.cell.services].join('\u0000')).map((group) => {
    const { cell } = group[0] as ColdStartCellResult;
    const iterations = group.flatMap((r) => r.iterations);
    const good = group.flatMap(answeredColdStarts);
    const totals = good.map((it) => it.totalMs);
    return {
      profile: cell.profile,
      experiment: cell.experiment,
      services: cell.services,
      cold: good.length,
      // Targets may count warm mismatches in discardedWarm, keep them in `iterations` with cold=false,
      // or both: the larger count never double-counts.
      discarded: Math.max(
        group.reduce((sum, r) => sum + r.discardedWarm, 0),
        iterations.filter(isDiscardedWarm).length,
      ),
      failed: iterations.filter((it) => it.cold && !it.ok).length,
      medianTotalMs: median(totals),
      maxTotalMs: totals.length ? Math.max(...totals) : undefined,
      phases: medianPhases(good.map((it) => it.phases)),
    };
  });
}

/** Linear-interpolation quantile (R type 7) of a non-empty list; q in [0, 1]. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lower = sorted[Math.floor(at)] as number;
  const upper = sorted[Math.ceil(at)] as number;
  return lower + (upper - lower) * (at - Math.floor(at));
}

/** Median and quartiles per phase, ordered by the median so the timeline reads left to right. */
function medianPhases(timelines: Record<string, number>[]): ColdStartSummaryRow['phases'] {
  const names = phaseNames(timelines);
  return names
    .map((name) => {
      const offsets = timelines.flatMap((t) => (t[name] === undefined ? [] : [t[name]]));
      return { name, medianMs: median(offsets) as number, q1Ms: quantile(offsets, 0.25), q3Ms: quantile(offsets, 0.75), iterations: offsets.length };
    })
    .sort((a, b) => a.medianMs - b.medianMs);
}

/** Union of phase names in first-seen order, without the origin. */
export function phaseNames(timelines: Iterable<Record<string, number>>): string[] {
  const names = new Set<string>();
  for (const timeline of timelines) for (const name of Object.keys(timeline)) if (name !== ORIGIN_PHASE) names.add(name);
  return [...names];
}

/** What the resources table says about its figures. */
export const RESOURCES_NOTE =
  'Per component over the measured window (the driver\'s), median over repetitions; max is the largest sample seen. On clusters the kubelet\'s figures change only when cAdvisor housekeeps a container (every 10–30 s): Readings counts the distinct readings behind a figure, and a window with fewer than two of a container says "too short to sample" instead of a number.';

export interface ResourceSummaryRow {
  profile: string;
  /** cellPointLabel of the cells summarised. */
  point: string;
  component: string;
  /** Undefined when no repetition gave a figure (see `error`): never a zero. */
  cpuAvg: number | undefined;
  cpuMax: number | undefined;
  memoryAvg: number | undefined;
  memoryMax: number | undefined;
  cpuSecondsPer1000Requests: number | undefined;
  /** Median distinct readings per repetition (results before readings were recorded have none). */
  readings: number | undefined;
  /** Why no repetition gave a figure, e.g. "too short to sample: …"; set only then. */
  error?: string;
}

/**
 * Per profile × point × component, medians over the repetitions that measured it (max columns: the
 * largest seen). A repetition whose figure is an error ("too short to sample", not found) gives no
 * number; when none gave one the row carries the error instead.
 */
export function summariseResources(results: readonly CellResult[]): ResourceSummaryRow[] {
  const usages = results
    .filter(measured)
    .flatMap((r) => r.resources.map((usage) => ({ profile: r.cell.profile, point: cellPointLabel(r.cell), usage })));
  return groupBy(usages, (u) => [u.point, u.profile, u.usage.component].join('\u0000')).map((group) => {
    const { profile, point, usage } = group[0] as (typeof usages)[number];
    const all = group.map((u) => u.usage).filter((u) => u.error === undefined);
    const perRequest = all.flatMap((u) => (u.cpuSecondsPer1000Requests === undefined ? [] : [u.cpuSecondsPer1000Requests]));
    const readings = group.flatMap((u) => (u.usage.readings === undefined ? [] : [u.usage.readings]));
    const largest = (values: number[]) => (values.length === 0 ? undefined : Math.max(...values));
    return {
      profile,
      point,
      component: usage.component,
      cpuAvg: median(all.map((u) => u.cpuMillicores.avg)),
      cpuMax: largest(all.map((u) => u.cpuMillicores.max)),
      memoryAvg: median(all.map((u) => u.memoryMiB.avg)),
      memoryMax: largest(all.map((u) => u.memoryMiB.max)),
      cpuSecondsPer1000Requests: median(perRequest),
      readings: median(readings),
      ...(all.length === 0 ? { error: group.find((u) => u.usage.error !== undefined)!.usage.error! } : {}),
    };
  });
}

/** Planned cells with no result: what a partial or failed run did not measure. */
export function missingCells(record: RunRecord, results: readonly CellResult[]): PlanCell[] {
  const done = new Set(results.map((r) => r.cell.id));
  return record.plan.groups.flatMap((group) => group.cells).filter((cell) => !done.has(cell.id));
}

/** Profile names in suite order: the order (and colour) every chart and table uses. */
export function profileOrder(record: RunRecord): string[] {
  return record.suite.profiles.map((p) => p.name);
}

/** Said after "Emulation:" on the first screen of every report from an emulated target (DESIGN.md, "Emulation is labelled"). */
export const EMULATION_NOTICE =
  'the local target runs processes on this machine that imitate the data path; figures show relative costs of the hops, not Kubernetes numbers.';

export interface RunStatusSummary {
  /** COMPLETE, PARTIAL, FAILED or RUNNING. */
  label: string;
  /** False only for a complete run whose every cell succeeded and has data. */
  attention: boolean;
  /** One sentence: how it ended and how much was measured. */
  detail: string;
  missing: PlanCell[];
  errored: CellResult[];
}

export function runStatus(record: RunRecord, results: readonly CellResult[]): RunStatusSummary {
  const missing = missingCells(record, results);
  const errored = results.filter((r) => r.status === 'errored');
  const unsampled = results.filter((r) => r.status !== 'errored' && !hasData(r)).length;
  const planned = record.plan.cellCount;
  const parts = [`${results.length - errored.length - unsampled} of ${planned} planned cells measured`];
  if (unsampled) parts.push(`${unsampled} without samples`);
  if (errored.length) parts.push(`${errored.length} errored`);
  if (missing.length) parts.push(`${missing.length} not run`);
  const how =
    record.status === 'partial'
      ? `stopped early${record.interruptedBy ? ` by ${record.interruptedBy}` : ''}; `
      : record.status === 'failed'
        ? `failed${record.error ? `: ${record.error}` : ''}; `
        : record.status === 'running'
          ? 'still running, or the process died before finishing; '
          : '';
  return {
    label: record.status === 'complete' ? 'COMPLETE' : record.status.toUpperCase(),
    attention: record.status !== 'complete' || errored.length > 0 || unsampled > 0 || missing.length > 0,
    detail: `${how}${parts.join(', ')}.`,
    missing,
    errored,
  };
}
