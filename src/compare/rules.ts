// `--fail-on` rules (pure): `<metric>><limit>`, e.g. `p99>+1ms`, `cold_start_p50>+10%`,
// `cpu_per_1000>+5%`. A rule fails on a row only when the change is measurable (cross-run-shift.ts)
// and its estimate exceeds the limit, so noise alone never fails a build; a row without a verdict
// is a warning, never a failure.
import { UsageError } from '../errors.ts';
import type { MetricUnit } from '../results/cell-metrics.ts';
import type { CompareRow } from './compare-runs.ts';

export interface FailOnRule {
  /** As typed. */
  text: string;
  /** The metric name as cell-metrics.ts names it, or a bare prefix (`memory`) for every component. */
  metric: string;
  limit: { value: number; unit: 'percent' | MetricUnit };
}

export interface RuleRowOutcome {
  row: CompareRow;
  outcome: 'passed' | 'failed' | 'skipped';
  message: string;
}

export interface RuleResult {
  rule: string;
  /** failed when a row failed; skipped when no row could be judged (or none matched). */
  outcome: 'passed' | 'failed' | 'skipped';
  rows: RuleRowOutcome[];
  /** Why it was skipped or what it found, one line. */
  message: string;
}

const PERCENTILES = new Set(['p50', 'p90', 'p99', 'p999']);
const GRAMMAR = 'expected <metric>>+<number><unit>, e.g. p99>+1ms, cold_start_p50>+10%, cpu_per_1000>+5%, memory.proxy>+8MiB';
const METRICS =
  'p50, p90, p99, p999, cold_start_p50, cold_start.<phase>, cpu_per_1000, cpu_per_1000.<component>, memory, memory.<component>';
/** Absolute limits in the metric's own unit; cpu_per_1000 is in CPU-seconds (`s`). */
const UNIT_SUFFIX: Record<MetricUnit, string> = { ms: 'ms', 'cpu-s/1000 req': 's', MiB: 'MiB' };

export function parseRule(text: string): FailOnRule {
  const match = /^([a-z0-9_.-]+)>\+(\d+(?:\.\d+)?)(ms|s|MiB|%)$/.exec(text.trim());
  if (!match) throw new UsageError(`--fail-on ${text}: ${GRAMMAR}`);
  const [, name, number, suffix] = match as unknown as [string, string, string, string];
  const metric = name === 'cold_start_p50' ? 'cold_start' : name;
  const unit = unitOf(metric);
  if (unit === undefined) throw new UsageError(`--fail-on ${text}: unknown metric ${name}; metrics: ${METRICS}`);
  if (suffix !== '%' && suffix !== UNIT_SUFFIX[unit]) {
    throw new UsageError(`--fail-on ${text}: ${name} is in ${unit}, so its limit is +N${UNIT_SUFFIX[unit]} or +N%`);
  }
  return { text, metric, limit: { value: Number(number), unit: suffix === '%' ? 'percent' : unit } };
}

function unitOf(metric: string): MetricUnit | undefined {
  if (PERCENTILES.has(metric) || metric === 'cold_start' || /^cold_start\.[^.]+$/.test(metric)) return 'ms';
  if (metric === 'cpu_per_1000' || /^cpu_per_1000\.[^.]+$/.test(metric)) return 'cpu-s/1000 req';
  if (metric === 'memory' || /^memory\.[^.]+$/.test(metric)) return 'MiB';
  return undefined;
}

/** Rows a rule judges: its metric, or with a bare `memory` every memory.<component>. */
export function matches(rule: FailOnRule, row: CompareRow): boolean {
  return row.metric === rule.metric || (rule.metric === 'memory' && row.metric.startsWith('memory.'));
}

export function judgeRule(rule: FailOnRule, rows: readonly CompareRow[]): RuleResult {
  const judged = rows.filter((row) => matches(rule, row)).map((row) => judgeRow(rule, row));
  const failed = judged.filter((row) => row.outcome === 'failed');
  const skipped = judged.filter((row) => row.outcome === 'skipped');
  if (judged.length === 0) return { rule: rule.text, outcome: 'skipped', rows: [], message: `${rule.text}: no row of either run has ${rule.metric}` };
  if (failed.length > 0) return { rule: rule.text, outcome: 'failed', rows: judged, message: failed.map((row) => row.message).join('; ') };
  if (skipped.length === judged.length) return { rule: rule.text, outcome: 'skipped', rows: judged, message: `${rule.text}: no row could be judged (${skipped[0]!.message})` };
  const passedMessage = `${rule.text}: ${judged.length - skipped.length} row(s) within the limit or not measurably changed${skipped.length ? `, ${skipped.length} could not be judged` : ''}`;
  return { rule: rule.text, outcome: 'passed', rows: judged, message: passedMessage };
}

function judgeRow(rule: FailOnRule, row: CompareRow): RuleRowOutcome {
  const at = `${row.metric} at ${where(row)}`;
  if (row.ci === undefined) return { row, outcome: 'skipped', message: `${at} cannot be judged: ${row.verdict} (${row.repetitions.baseline} vs ${row.repetitions.candidate} repetitions)` };
  const over = rule.limit.unit === 'percent' ? row.deltaPercent !== undefined && row.deltaPercent > rule.limit.value : row.delta > rule.limit.value;
  const change = `${signed(row.delta)} ${row.unit}${row.deltaPercent === undefined ? '' : ` (${signed(row.deltaPercent)}%)`}`;
  const interval = `95% CI ${signed(row.ci.low)} to ${signed(row.ci.high)} ${row.unit}, noise floor ${round(row.noiseFloor)} ${row.unit}`;
  if (row.verdict === 'measurable increase' && over) return { row, outcome: 'failed', message: `${at} ${change} exceeds ${limitText(rule)} measurably (${interval})` };
  const why = row.verdict === 'measurable increase' ? `within ${limitText(rule)}` : row.verdict;
  return { row, outcome: 'passed', message: `${at} ${change}: ${why} (${interval})` };
}

export function where(row: CompareRow): string {
  const profile = row.profile === row.candidateProfile ? row.profile : `${row.profile} → ${row.candidateProfile}`;
  return `${profile} ${row.experiment} ${row.point}`;
}

function limitText(rule: FailOnRule): string {
  return rule.limit.unit === 'percent' ? `+${rule.limit.value}%` : `+${rule.limit.value} ${rule.limit.unit}`;
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : '−'}${round(Math.abs(value))}`;
}

function round(value: number): string {
  return String(+value.toPrecision(3));
}
