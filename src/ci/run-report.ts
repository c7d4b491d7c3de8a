// What `run` (and `report`, from a stored run) hands to the CI outputs: one check for how the run
// ended, one per suite threshold, summary.md as the job summary, and a stable result for --json.
import { median } from 'simple-statistics';
import { z } from 'zod';
import { analyse } from '../analysis/compare.ts';
import type { ComparisonRow, ThresholdResult } from '../analysis/types.ts';
import { EXIT } from '../errors.ts';
import { formatCi, formatDeltaMs, formatMs } from '../report/format.ts';
import { renderMarkdown } from '../report/markdown.ts';
import { hasData } from '../results/cell-data.ts';
import { cellMetrics, cellPoint } from '../results/cell-metrics.ts';
import type { RunRecord } from '../results/run-record.ts';
import { loadRun } from '../results/store.ts';
import type { CellResult } from '../results/types.ts';
import { METRICS, TARGETS } from '../suite/schema.ts';
import type { Check, CiReport } from './check.ts';

const thresholdSchema = z.strictObject({
  comparison: z.string(),
  metric: z.enum(METRICS),
  maxMs: z.number(),
  /** null when nothing was compared. */
  worstDeltaMs: z.number().nullable(),
  passed: z.boolean(),
  reason: z.string(),
});

const pointSchema = z.strictObject({
  profile: z.string(),
  experiment: z.string(),
  point: z.string().meta({ description: '"500 rps · 16 conn", "closed · 8 conn", "5 svc", "5 svc · burst 3"' }),
  cells: z.int().min(0).meta({ description: 'Repetitions of this point in the run, errored ones included.' }),
  metrics: z.array(
    z.strictObject({
      metric: z.string().meta({ description: 'p50 p90 p99 p999, cold_start, cold_start.<phase>, cpu_per_1000[.<component>], memory.<component>' }),
      unit: z.enum(['ms', 'cpu-s/1000 req', 'MiB']),
      median: z.number().meta({ description: 'Median over the repetitions that gave a value.' }),
      repetitions: z.int().min(1),
    }),
  ),
});

export const runResultSchema = z.strictObject({
  runDir: z.string(),
  suite: z.string(),
  target: z.enum(TARGETS),
  emulation: z.boolean(),
  status: z.enum(['running', 'complete', 'partial', 'failed']),
  interruptedBy: z.string().optional(),
  error: z.string().optional(),
  cells: z.strictObject({
    planned: z.int().min(0),
    measured: z.int().min(0).meta({ description: 'Cells with data the reports use.' }),
    errored: z.int().min(0),
  }),
  thresholds: z.array(thresholdSchema),
  points: z.array(pointSchema),
});

export type RunResult = z.output<typeof runResultSchema>;

/** `record.analysis` is taken as given: the caller analyses (loadRunCiReport does, as `report` renders). */
export function runCiReport(dir: string, record: RunRecord, results: readonly CellResult[], exitCode: number): CiReport {
  const thresholds = record.analysis?.thresholds ?? [];
  const comparisons = record.analysis?.comparisons ?? [];
  const names = thresholdNames(thresholds);
  const checks: Check[] = [
    endCheck(record),
    ...thresholds.map((threshold, index) => thresholdCheck(threshold, names[index]!, record, comparisons)),
  ];
  return { command: 'run', exitCode, checks, summaryMarkdown: renderMarkdown(record, results), result: runResult(dir, record, results) };
}

/**
 * A stored run's report, analysed as `report` renders it. `exitCode` is the one `run` chose; for
 * a run read back later it is derived from run.json's status as run-suite.ts decides it.
 */
export async function loadRunCiReport(dir: string, exitCode?: number): Promise<CiReport> {
  const { record, results } = await loadRun(dir);
  const analysed = { ...record, analysis: analyse(record.suite, results) };
  return runCiReport(dir, analysed, results, exitCode ?? storedExitCode(analysed));
}

function storedExitCode(record: RunRecord): number {
  if (record.status === 'partial') return EXIT.interrupted;
  if (record.status !== 'complete') return EXIT.environment; // failed, or a process that died mid-run
  return record.analysis?.thresholds.some((threshold) => !threshold.passed) ? EXIT.thresholdFailed : EXIT.ok;
}

function endCheck(record: RunRecord): Check {
  const check = { group: 'run', name: 'run completed' };
  const notes = record.notes.length ? { detail: record.notes.join('\n') } : {};
  switch (record.status) {
    case 'complete':
      return { ...check, outcome: 'passed', ...notes };
    case 'partial':
      return { ...check, outcome: 'failed', message: `interrupted by ${record.interruptedBy ?? 'a signal'}: measured cells kept, run marked partial`, ...notes };
    case 'failed':
      return { ...check, outcome: 'failed', message: record.error ?? 'the run failed', ...notes };
    case 'running':
      return { ...check, outcome: 'failed', message: 'run.json still says running: the process ended without finishing it', ...notes };
  }
}

/** "sidecar tax p90"; the limit is added only to tell apart two thresholds on the same metric. */
function thresholdNames(thresholds: readonly ThresholdResult[]): string[] {
  const base = thresholds.map((t) => `${t.comparison} ${t.metric}`);
  return thresholds.map((t, index) => (base.filter((name) => name === base[index]).length > 1 ? `${base[index]} max ${t.maxMs}ms` : base[index]!));
}

function thresholdCheck(threshold: ThresholdResult, name: string, record: RunRecord, comparisons: readonly ComparisonRow[]): Check {
  const rows = comparisons.filter((row) => row.comparison === threshold.comparison && row.metric === threshold.metric);
  const detail = [
    `max Δ ${formatMs(threshold.maxMs)}; worst Δ ${threshold.worstDeltaMs === undefined ? '–' : formatDeltaMs(threshold.worstDeltaMs)}`,
    ...rows.map(
      (row) =>
        `${row.experiment} ${row.rate === undefined ? 'closed' : `${row.rate} rps`} · ${row.connections} conn: Δ ${formatDeltaMs(row.deltaMs)} (95% CI ${formatCi(row.ci)}), ${row.verdict}, ${row.repetitions.baseline} vs ${row.repetitions.candidate} repetitions`,
    ),
  ].join('\n');
  const check = { group: 'thresholds', name, detail };
  // Only a complete run's thresholds decide its exit code; a stopped or failed one's are not judged.
  if (record.status !== 'complete') return { ...check, outcome: 'skipped', message: `not judged (run ${record.status}): ${threshold.reason}` };
  return { ...check, outcome: threshold.passed ? 'passed' : 'failed', message: threshold.reason };
}

function runResult(dir: string, record: RunRecord, results: readonly CellResult[]): RunResult {
  return {
    runDir: dir,
    suite: record.suite.name,
    target: record.target,
    emulation: record.emulation,
    status: record.status,
    ...(record.interruptedBy ? { interruptedBy: record.interruptedBy } : {}),
    ...(record.error ? { error: record.error } : {}),
    cells: {
      planned: record.plan.cellCount,
      measured: results.filter(hasData).length,
      errored: results.filter((result) => result.status === 'errored').length,
    },
    thresholds: (record.analysis?.thresholds ?? []).map((t) => ({ ...t, worstDeltaMs: t.worstDeltaMs ?? null })),
    points: pointSummaries(results),
  };
}

/** Per cell point, the median over repetitions of each figure cell-metrics.ts gives a repetition. */
function pointSummaries(results: readonly CellResult[]): RunResult['points'] {
  const points = new Map<string, { point: ReturnType<typeof cellPoint>; results: CellResult[] }>();
  for (const result of results) {
    const point = cellPoint(result.cell);
    const key = JSON.stringify([point.profile, point.experiment, point.point]);
    const entry = points.get(key) ?? { point, results: [] };
    entry.results.push(result);
    points.set(key, entry);
  }
  return [...points.values()].map(({ point, results: cells }) => {
    const byMetric = new Map<string, { unit: RunResult['points'][number]['metrics'][number]['unit']; values: number[] }>();
    for (const { metric, unit, value } of cells.flatMap(cellMetrics)) {
      const entry = byMetric.get(metric) ?? { unit, values: [] };
      entry.values.push(value);
      byMetric.set(metric, entry);
    }
    // By name: which cell came first (one without latency, say) must not change the order.
    const metrics = [...byMetric]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([metric, { unit, values }]) => ({ metric, unit, median: median(values), repetitions: values.length }));
    return { ...point, cells: cells.length, metrics };
  });
}
