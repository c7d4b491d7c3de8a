// The few things a reader must know, as plain sentences built from the analysis: each
// comparison's latency cost, each added component's CPU and memory per 1000 requests, cold starts
// with their slowest phase, threshold outcomes, and the warnings that weaken them. Pure; the
// reports (html, summary.md, terminal) only wrap and escape these sentences.
//
// Per comparison one latency finding, on its headline metric: the thresholded metric when the
// suite has a threshold on the comparison (that is what the reader is judged by), else p99 (the
// tail, where a proxy's queueing shows first), else the first of p90, p50, p99.9, mean, max that
// was compared. It leads with the point of the largest relative effect and folds the other points
// into one clause; the other percentiles stay in the Comparisons table.
import type { CostEstimate } from '../analysis/cost.ts';
import type { ComparisonRow, OverheadRow, ThresholdResult } from '../analysis/types.ts';
import { answeredColdStarts } from '../results/cell-data.ts';
import type { RunRecord } from '../results/run-record.ts';
import type { CellResult } from '../results/types.ts';
import type { Metric } from '../suite/schema.ts';
import { comparisonPoint, formatCi, formatDeltaMs, formatMs, METRIC_LABEL } from './format.ts';
import { costPoint, formatAmount, formatMoney } from './cost-section.ts';
import { formatOverheadValue, formatSignedOverheadValue } from './overheads-section.ts';
import { runOrderSection } from './run-order-section.ts';
import { cellPointLabel, groupBy, isColdStart, isLoad, loadPointLabel, measured, quantile, runStatus, summariseColdStarts, type ColdStartSummaryRow } from './summary.ts';

export type FindingKind = 'cost' | 'latency' | 'resources' | 'cold-start' | 'threshold';

export interface Finding {
  /** Stable across renders of the same run: kind and subject, e.g. "latency:sidecar tax:latency-vs-rate". */
  id: string;
  kind: FindingKind;
  /** Plain text, one sentence; the interval, when there is one, is inside it too. */
  sentence: string;
  /** The interval (or spread) the sentence rests on, e.g. "95% CI +0.41 ms … +0.88 ms". */
  interval?: string;
  /** fail: a threshold failed, or the latency it judges; attention: a figure the reader should check; info: a measured fact. */
  severity: 'fail' | 'attention' | 'info';
  /** 1-based position in `items`: failures first, then by relative size. */
  rank: number;
}

export interface Findings {
  /** The first FINDINGS_LISTED findings, ranked. */
  items: Finding[];
  /** Findings left out of `items`: they are in the report's sections below. */
  more: number;
  /** Plain sentences about what weakens the findings (emulation, saturation, drift, too few repetitions, unsampled components). */
  warnings: string[];
}

/** Findings shown before "N more findings in the sections below": the first screen holds about this many. */
export const FINDINGS_LISTED = 8;

const HEADLINE_ORDER: Metric[] = ['p99', 'p90', 'p50', 'p999', 'mean', 'max'];

/** A finding before ranking: `size` is its relative effect (|Δ| / baseline, or share of a cold start). */
type Draft = Omit<Finding, 'rank'> & { size: number };

/** `cost`: the run's cost estimate (analysis/cost.ts) when it has cost inputs; its totals lead after failures. */
export function findings(record: RunRecord, results: readonly CellResult[], cost?: CostEstimate): Findings {
  const analysis = record.analysis;
  const warnings: string[] = runWarnings(record, results);
  const drafts: Draft[] = [];
  if (analysis) {
    const failed = analysis.thresholds.filter((t) => !t.passed);
    drafts.push(...latencyFindings(analysis.comparisons, analysis.thresholds, failed, warnings));
    drafts.push(...resourceFindings(analysis.overheads, warnings));
    drafts.push(...analysis.thresholds.map(thresholdFinding));
  }
  drafts.push(...coldStartFindings(record, results, warnings));
  if (cost) drafts.push(...costFindings(cost));
  // Failures first, then what the mesh costs in money (the question the report answers), then the
  // thresholds' outcomes (what a CI job is judged by; never cut off by the list's length), then by size.
  const bucket = (draft: Draft) => (draft.severity === 'fail' ? 0 : draft.kind === 'cost' ? 1 : draft.kind === 'threshold' ? 2 : 3);
  const ranked = drafts
    .map((draft, order) => ({ draft, order }))
    .sort((a, b) => bucket(a.draft) - bucket(b.draft) || b.draft.size - a.draft.size || a.order - b.order)
    .map(({ draft: { size: _size, ...finding } }, i): Finding => ({ ...finding, rank: i + 1 }));
  return { items: ranked.slice(0, FINDINGS_LISTED), more: Math.max(0, ranked.length - FINDINGS_LISTED), warnings };
}

/** "3 more findings in the sections below.", or undefined when every finding is listed. */
export function moreFindingsText(f: Findings): string | undefined {
  return f.more > 0 ? `${f.more} more finding${f.more === 1 ? '' : 's'} in the sections below.` : undefined;
}

/**
 * The warnings each report already states above its findings, in banners of its own (emulation,
 * an unfinished run): a renderer passes them to leave them out of its list, so none is said twice.
 */
export function headerWarnings(record: RunRecord, results: readonly CellResult[]): string[] {
  const warnings: string[] = [];
  if (record.emulation) warnings.push('Emulation: these findings come from local processes imitating the data path; read them as relative costs, not Kubernetes numbers.');
  const status = runStatus(record, results);
  if (status.attention) warnings.push(`${status.label} run: ${status.detail}`);
  return warnings;
}

/** What weakens every figure of the run: emulation, an unfinished run, drift, saturated cells. */
function runWarnings(record: RunRecord, results: readonly CellResult[]): string[] {
  const warnings = headerWarnings(record, results);
  const drift = driftWarning(record);
  if (drift) warnings.push(drift);
  if (record.drift && 'error' in record.drift) warnings.push(`No drift check: ${record.drift.error}.`);
  const saturated = results.filter(isLoad).filter((r) => measured(r) && r.saturated);
  if (saturated.length > 0) {
    const points = [...new Set(saturated.map((r) => `${r.cell.profile} at ${cellPointLabel(r.cell)}`))];
    warnings.push(
      `Saturation: the load generator could not keep the schedule in ${saturated.length === 1 ? '1 load cell' : `${saturated.length} load cells`} (${listed(points)}); ${saturated.length === 1 ? 'it is' : 'they are'} left out of the comparisons.`,
    );
  }
  return warnings;
}

/** The drift warning as the findings state it; summary.md states it above them too. */
export function driftWarning(record: RunRecord): string | undefined {
  const drift = runOrderSection(record)?.warning;
  return drift ? `Drift: ${drift}` : undefined;
}

function headlineMetric(comparison: string, rows: readonly ComparisonRow[], thresholds: readonly ThresholdResult[]): Metric | undefined {
  const compared = new Set(rows.map((row) => row.metric));
  const thresholded = thresholds.find((t) => t.comparison === comparison && compared.has(t.metric));
  return thresholded?.metric ?? HEADLINE_ORDER.find((metric) => compared.has(metric));
}

const relative = (delta: number, baseline: number) => (baseline > 0 ? Math.abs(delta) / baseline : Math.abs(delta));

function latencyFindings(
  comparisons: readonly ComparisonRow[],
  thresholds: readonly ThresholdResult[],
  failed: readonly ThresholdResult[],
  warnings: string[],
): Draft[] {
  const fewRepetitions: string[] = [];
  const fewTailSamples: string[] = [];
  const drafts = groupBy(comparisons, (row) => `${row.comparison}\u0000${row.experiment}`).flatMap((group): Draft[] => {
    const { comparison, experiment } = group[0]!;
    const metric = headlineMetric(comparison, group, thresholds);
    const rows = group.filter((row) => row.metric === metric);
    const at = METRIC_LABEL[metric!];
    const judged = rows.filter((row) => row.ci !== undefined);
    const unjudged = rows.filter((row) => row.ci === undefined);
    for (const [verdict, list] of [['insufficient repetitions', fewRepetitions], ['insufficient data', fewTailSamples]] as const) {
      const these = unjudged.filter((row) => row.verdict === verdict);
      if (these.length > 0) list.push(`${comparison} ${at} at ${pointsText(these)} (${repetitionsText(these[0]!.repetitions)})`);
    }
    if (judged.length === 0) return [];
    const measurable = judged.filter((row) => row.verdict === 'slower' || row.verdict === 'faster');
    const bySize = (a: ComparisonRow, b: ComparisonRow) => relative(b.deltaMs, b.baselineMs) - relative(a.deltaMs, a.baselineMs);
    const lead = [...(measurable.length > 0 ? measurable : judged)].sort(bySize)[0]!;
    const interval = `95% CI ${formatCi(lead.ci)}`;
    const where = comparisonPoint(lead);
    const others = judged.filter((row) => row !== lead);
    const head =
      lead.verdict === 'no measurable difference'
        ? `${comparison}: no measurable difference at ${at} (${interval}) at ${where}`
        : `${comparison} ${lead.verdict === 'slower' ? 'adds' : 'saves'} ${formatMs(Math.abs(lead.deltaMs))} at ${at} (${interval}) at ${where}`;
    // attention: some points of the headline metric could not be judged, so the lead may not be the largest.
    const severity = failed.some((t) => t.comparison === comparison && t.metric === metric) ? 'fail' : unjudged.length > 0 ? 'attention' : 'info';
    return [
      {
        id: `latency:${comparison}:${experiment}`,
        kind: 'latency',
        sentence: `${head}${otherPoints(others)}.`,
        interval,
        severity,
        size: lead.verdict === 'no measurable difference' ? 0 : relative(lead.deltaMs, lead.baselineMs),
      },
    ];
  });
  if (fewRepetitions.length > 0) {
    warnings.push(`Too few repetitions for a 95% interval (4 a side are needed), so no latency cost is claimed for: ${listed(fewRepetitions)}.`);
  }
  if (fewTailSamples.length > 0) {
    warnings.push(`Too few samples beyond the percentile in some repetition for it to be an estimate, so no latency cost is claimed for: ${listed(fewTailSamples)}.`);
  }
  return drafts;
}

/** "500 rps · 16 conn", or "3 points" when there are several. */
function pointsText(rows: readonly { rate: number | undefined; connections: number }[]): string {
  return rows.length === 1 ? loadPointLabel(rows[0]!.rate, rows[0]!.connections) : `${rows.length} points`;
}

function repetitionsText(repetitions: { baseline: number; candidate: number }): string {
  return `${repetitions.baseline} vs ${repetitions.candidate} repetitions`;
}

/** "; at 2 other points +0.20 ms to +0.51 ms, 1 with no measurable difference", or "" for none. */
function otherPoints(others: readonly ComparisonRow[]): string {
  if (others.length === 0) return '';
  const measurable = others.filter((row) => row.verdict === 'slower' || row.verdict === 'faster').map((row) => row.deltaMs);
  const quiet = others.length - measurable.length;
  const parts: string[] = [];
  if (measurable.length > 0) {
    const [low, high] = [Math.min(...measurable), Math.max(...measurable)];
    parts.push(low === high ? formatDeltaMs(low) : `${formatDeltaMs(low)} to ${formatDeltaMs(high)}`);
  }
  if (quiet > 0) parts.push(measurable.length === 0 && quiet === others.length ? 'no measurable difference' : `${quiet} with no measurable difference`);
  return `; at ${others.length} other point${others.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/**
 * One finding per added component (total rows aside: the components say where the cost is), at
 * its highest load point (the most requests per figure). Its size is the CPU it adds relative to
 * the baseline's whole data path at that point; a figure about one profile has no baseline and
 * ranks after those that do.
 */
function resourceFindings(overheads: readonly OverheadRow[], warnings: string[]): Draft[] {
  const missing = overheads.filter((row) => row.verdict === 'missing data');
  const unsampled = groupBy(missing, (row) => `${row.candidate}\u0000${row.component}`).map((group) => {
    const first = group[0]!;
    return `${first.component} on ${first.candidate} at ${pointsText(group)} (${first.error ?? 'not found'})`;
  });
  if (unsampled.length > 0) warnings.push(`Not sampled, so its cost is unknown (never zero): ${listed(unsampled)}.`);
  const perRequest = overheads.filter((row) => row.measure === 'cpu-seconds-per-1000-requests');
  // A component already costed by a comparison needs no second finding from its profile alone.
  const covered = new Set(perRequest.filter((row) => row.baseline !== undefined).map((row) => `${row.candidate}\u0000${row.component}`));
  const rows = perRequest.filter((row) => row.baseline !== undefined || !covered.has(`${row.candidate}\u0000${row.component}`));
  const few = rows.filter((row) => row.verdict === 'insufficient repetitions');
  const unclaimed = groupBy(few, (row) => `${row.candidate}\u0000${row.component}`).map(
    (group) => `${group[0]!.component} on ${group[0]!.candidate} at ${pointsText(group)} (${repetitionsText(group[0]!.repetitions)})`,
  );
  if (unclaimed.length > 0) warnings.push(`Too few repetitions with resource samples for a 95% interval, so no CPU cost is claimed for: ${listed(unclaimed)}.`);
  const usable = rows.filter((row) => row.delta !== undefined && row.ci !== undefined);
  return groupBy(usable, (row) => `${row.comparison ?? ''}\u0000${row.experiment}\u0000${row.candidate}\u0000${row.component}`).map((group): Draft => {
    // Overhead rows come sorted by rate, then connections: the last is the highest load.
    const row = group.at(-1)!;
    const memory = overheads.find((other) => other.measure === 'memory-mib' && sameSpot(other, row) && other.candidateValue !== undefined);
    const total = overheads.find((other) => other.measure === 'total-cpu-seconds-per-1000-requests' && sameSpot(other, row));
    const oneProfile = row.baseline === undefined;
    const show = (value: number) => (oneProfile ? formatOverheadValue(row.measure, value) : formatSignedOverheadValue(row.measure, value));
    const interval = `95% CI ${show(row.ci!.low)} … ${show(row.ci!.high)}`;
    const cpu =
      row.verdict === 'no measurable difference'
        ? `no measurable CPU per 1000 requests (${interval})`
        : row.verdict === 'less'
          ? `${formatOverheadValue(row.measure, Math.abs(row.delta!))} fewer CPU-seconds per 1000 requests (${interval})`
          : `${formatOverheadValue(row.measure, row.delta!)} per 1000 requests (${interval})`;
    const mem = memory ? ` and ${formatOverheadValue('memory-mib', memory.candidateValue!)} per instance` : '';
    const context = row.comparison ? `${row.comparison}: ` : '';
    const baselineTotal = total?.baselineValue;
    return {
      id: `resources:${row.comparison ?? row.topic}:${row.experiment}:${row.candidate}:${row.component}`,
      kind: 'resources',
      sentence: `${context}${row.component} on ${row.candidate} ${row.verdict === 'no measurable difference' ? 'adds' : 'uses'} ${cpu}${mem} at ${row.experiment} · ${loadPointLabel(row.rate, row.connections)}.`,
      interval,
      severity: 'info',
      size: row.verdict === 'no measurable difference' || baselineTotal === undefined ? 0 : relative(row.delta!, baselineTotal),
    };
  });
}

function sameSpot(a: OverheadRow, b: OverheadRow): boolean {
  return (
    a.comparison === b.comparison &&
    a.candidate === b.candidate &&
    a.experiment === b.experiment &&
    a.rate === b.rate &&
    a.connections === b.connections &&
    (a.component === b.component || a.measure === 'total-cpu-seconds-per-1000-requests')
  );
}

/** Per comparison, the monthly money at its costliest priced point, beside the anchors at the same traffic. */
function costFindings(cost: CostEstimate): Draft[] {
  const { currency, trafficRps, meshedPods } = cost.inputs;
  return groupBy(
    cost.totals.filter((total) => total.monthly !== undefined),
    (total) => total.comparison,
  ).map((totals) => {
    const top = totals.reduce((a, b) => (b.monthly!.value > a.monthly!.value ? b : a));
    const money = top.monthly!;
    const anchor = top.anchorMonthly === undefined ? '' : `; the published figures come to ${formatAmount(top.anchorMonthly, currency)} at the same traffic`;
    const unpriced = top.unpriced.length > 0 ? ` (${top.unpriced.length} figure(s) not priced)` : '';
    return {
      id: `cost:${top.comparison}`,
      kind: 'cost',
      sentence: `${top.comparison} would cost ${formatMoney(money, currency)} per month at ${trafficRps} rps and ${meshedPods} meshed pods, from ${costPoint(top)}${unpriced}${anchor}.`,
      interval: `95% CI ${formatAmount(money.low, currency)} … ${formatAmount(money.high, currency)}`,
      severity: 'info',
      size: money.value,
    };
  });
}

function thresholdFinding(t: ThresholdResult): Draft {
  return {
    id: `threshold:${t.comparison}:${t.metric}`,
    kind: 'threshold',
    sentence: `Threshold ${t.comparison} ${METRIC_LABEL[t.metric]} ≤ ${formatMs(t.maxMs)} ${t.passed ? 'passed' : 'failed'}: ${t.reason}.`,
    // A pass over the limit (but not measurably) is one more repetition away from a failure.
    severity: !t.passed ? 'fail' : t.worstDeltaMs !== undefined && t.worstDeltaMs > t.maxMs ? 'attention' : 'info',
    // A pass close to its limit says more than one far below it.
    size: t.worstDeltaMs === undefined || t.maxMs <= 0 ? 0 : Math.max(0, t.worstDeltaMs / t.maxMs),
  };
}

/**
 * Per profile × cold-start experiment × services: the median total and its interquartile range
 * over answered cold iterations (the range when fewer than 4), and the longest phase as the
 * cold-start chart segments them (from the previous median phase offset to this one). Its size
 * is that phase's share of the median total.
 */
function coldStartFindings(record: RunRecord, results: readonly CellResult[], warnings: string[]): Draft[] {
  const cold = results.filter(isColdStart).filter(measured);
  return summariseColdStarts(results).flatMap((row): Draft[] => {
    const where = `${row.profile}${row.services > 1 ? ` (${row.services} services)` : ''}, ${row.experiment}`;
    if (row.failed > 0) warnings.push(`Cold starts on ${where}: ${row.failed} iteration${row.failed === 1 ? '' : 's'} failed; the figures are over the ${row.cold} that answered.`);
    if (row.cold === 0 || row.medianTotalMs === undefined) {
      warnings.push(`Cold starts on ${where}: no cold iteration answered, so there is no cold-start figure.`);
      return [];
    }
    const totals = cold
      .filter((r) => r.cell.profile === row.profile && r.cell.experiment === row.experiment && r.cell.services === row.services)
      .flatMap(answeredColdStarts)
      .map((it) => it.totalMs);
    const spread = spreadText(totals);
    const phase = slowestPhase(row);
    const overhead = record.analysis?.coldStartOverheads.find(
      (o) => o.profile === row.profile && o.experiment === row.experiment && o.services === row.services && o.ci !== undefined && o.overheadMs !== undefined,
    );
    const warm = overhead ? `; starting from zero adds ${formatMs(overhead.overheadMs!)} over a warm request (95% CI ${formatCi(overhead.ci)})` : '';
    const slowest = phase ? `; the slowest phase is ${phase.name} (${formatMs(phase.ms)} between median offsets)` : '';
    return [
      {
        id: `cold-start:${row.profile}:${row.experiment}:${row.services}`,
        kind: 'cold-start',
        sentence: `Cold starts on ${where}: median ${formatMs(row.medianTotalMs)} (${spread}, ${row.cold} iteration${row.cold === 1 ? '' : 's'})${slowest}${warm}.`,
        interval: spread,
        severity: row.failed > 0 ? 'attention' : 'info',
        size: phase && row.medianTotalMs > 0 ? phase.ms / row.medianTotalMs : 0,
      },
    ];
  });
}

/** "IQR 380 ms – 460 ms", or "range …" with fewer than 4 values (quartiles of 3 are not a spread). */
function spreadText(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length < 4) return sorted.length === 1 ? 'one value' : `range ${formatMs(sorted[0])} – ${formatMs(sorted.at(-1))}`;
  return `IQR ${formatMs(quantile(sorted, 0.25))} – ${formatMs(quantile(sorted, 0.75))}`;
}

function slowestPhase(row: ColdStartSummaryRow): { name: string; ms: number } | undefined {
  const segments = row.phases.map((phase, i) => ({ name: phase.name, ms: phase.medianMs - (i === 0 ? 0 : row.phases[i - 1]!.medianMs) }));
  return segments.reduce<{ name: string; ms: number } | undefined>((best, segment) => (best === undefined || segment.ms > best.ms ? segment : best), undefined);
}

/** "a, b and c", or "a, b and 3 more" past four. */
function listed(items: readonly string[]): string {
  const shown = items.length > 4 ? [...items.slice(0, 3), `${items.length - 3} more`] : [...items];
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}
