// `meshbench compare` as data (pure): two loaded runs, the profile map and the rules in; rows,
// rule results and warnings out, or a refusal listing every reason the runs cannot be compared.
import { UsageError } from '../errors.ts';
import type { CellPoint, MetricUnit } from '../results/cell-metrics.ts';
import { comparability } from './comparability.ts';
import { crossRunShift, type CrossRunShift } from './cross-run-shift.ts';
import { pairFigures, type ProfileMap, type RunInput } from './pairing.ts';
import { judgeRule, type FailOnRule, type RuleResult } from './rules.ts';

export const COMPARE_SCHEMA_VERSION = 1;

export interface CompareRow extends CellPoint, CrossRunShift {
  candidateProfile: string;
  metric: string;
  unit: MetricUnit;
}

export interface RunSummary {
  dir: string;
  suite: string;
  target: string;
  status: string;
  startedAt: string;
  hostname: string;
}

export interface CompareResult {
  schemaVersion: typeof COMPARE_SCHEMA_VERSION;
  baseline: RunSummary;
  candidate: RunSummary;
  map: { from: string; to: string }[];
  rows: CompareRow[];
  rules: RuleResult[];
  /** Machine or cluster differences, unpaired cells, rules that judged nothing. */
  warnings: string[];
  /** A rule failed: exit 1. */
  failed: boolean;
}

export class IncomparableRunsError extends UsageError {
  readonly reasons: string[];
  constructor(reasons: string[]) {
    super(`the runs cannot be compared:\n${reasons.map((reason) => `  - ${reason}`).join('\n')}`);
    this.reasons = reasons;
  }
}

export function compareRuns(baseline: RunInput, candidate: RunInput, map: ProfileMap, rules: readonly FailOnRule[]): CompareResult {
  const { reasons, warnings } = comparability(baseline, candidate, map);
  const pairing = pairFigures(baseline, candidate, map);
  if (pairing.figures.length === 0) reasons.push('no cell of the baseline run has a figure at the same profile, experiment and point in the candidate run (pair renamed profiles with --map old=new)');
  if (reasons.length > 0) throw new IncomparableRunsError(reasons);

  const rows: CompareRow[] = pairing.figures.map((figure) => ({
    ...figure.point,
    candidateProfile: figure.candidateProfile,
    metric: figure.metric,
    unit: figure.unit,
    ...crossRunShift(figure),
  }));
  const ruleResults = rules.map((rule) => judgeRule(rule, rows));
  for (const [side, points] of Object.entries(pairing.unpaired)) {
    if (points.length > 0) warnings.push(`only in the ${side} run (not compared): ${points.join(', ')}`);
  }
  for (const result of ruleResults) {
    if (result.outcome === 'skipped') warnings.push(result.message);
    else for (const row of result.rows) if (row.outcome === 'skipped') warnings.push(`${result.rule}: ${row.message}`);
  }
  return {
    schemaVersion: COMPARE_SCHEMA_VERSION,
    baseline: summary(baseline),
    candidate: summary(candidate),
    map: [...map].map(([from, to]) => ({ from, to })),
    rows,
    rules: ruleResults,
    warnings,
    failed: ruleResults.some((result) => result.outcome === 'failed'),
  };
}

function summary({ dir, record }: RunInput): RunSummary {
  return { dir, suite: record.suite.name, target: record.target, status: record.status, startedAt: record.startedAt, hostname: record.environment.hostname };
}
