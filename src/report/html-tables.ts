// The HTML report's tables. Every string from the suite or the results goes through `esc`:
// names, descriptions and error messages are user input.
import type { Analysis } from '../analysis/types.ts';
import { answeredColdStarts, hasLatency } from '../results/cell-data.ts';
import { isWarmBaseline } from '../results/iterations.ts';
import type { CellResult } from '../results/types.ts';
import { COLD_START_OVERHEAD_HEADER, COLD_START_OVERHEAD_NOTE, coldStartOverheadCells, coldStartOverheadRows } from './cold-start-overhead-section.ts';
import {
  formatCi,
  formatCount,
  formatDeltaMs,
  formatMs,
  formatRps,
  formatVerdict,
  METRIC_LABEL,
} from './format.ts';
import { errorBreakdown, whyNoSamples } from './no-samples.ts';
import {
  groupBy,
  isLoad,
  loadPointLabel,
  repetitionsText,
  summariseColdStarts,
  summariseLoad,
  RESOURCES_NOTE,
  summariseResources,
  type ColdStartSummaryRow,
  type LoadSummaryRow,
} from './summary.ts';

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A column heading. Cells do not wrap (numbers and ids read badly broken) unless the column holds
 * prose (`wrap`); numeric columns are right-aligned with tabular figures.
 */
type Column = string | { label: string; kind: 'num' | 'wrap' };

/** Rows are HTML already escaped by the caller. */
export function table(columns: Column[], rows: string[][]): string {
  const classes = columns.map((c) => (typeof c === 'string' ? '' : ` class="${c.kind}"`));
  const th = columns.map((c, i) => `<th scope="col"${classes[i]}>${esc(typeof c === 'string' ? c : c.label)}</th>`);
  const body = rows.map((row) => `<tr>${row.map((cell, i) => `<td${classes[i] ?? ''}>${cell}</td>`).join('')}</tr>`);
  return `<div class="table-wrap"><table><thead><tr>${th.join('')}</tr></thead><tbody>${body.join('\n')}</tbody></table></div>`;
}

const n = (label: string): Column => ({ label, kind: 'num' });
const prose = (label: string): Column => ({ label, kind: 'wrap' });

export function badge(kind: 'good' | 'bad' | 'neutral' | 'warn', text: string): string {
  return `<span class="badge ${kind}">${esc(text)}</span>`;
}

/** Profile name with its chart colour, so tables and charts read together. */
export type ProfileLabel = (profile: string) => string;

export function profileLabeller(colours: Map<string, string>): ProfileLabel {
  return (profile) => {
    const colour = colours.get(profile);
    return `${colour ? `<span class="swatch" style="background:${colour}" aria-hidden="true"></span>` : ''}${esc(profile)}`;
  };
}

function loadTable(rows: LoadSummaryRow[], profile: ProfileLabel): string {
  const first = rows[0] as LoadSummaryRow;
  const model = first.model === 'closed' ? 'closed model: fixed concurrency, no offered rate' : 'open model';
  return `<h3>Load · ${esc(first.experiment)} <span class="note">(${model})</span></h3>
${table(
  ['Profile', n('Rate (rps)'), n('Conn.'), n('Reps'), n('p50'), n('p90'), n('p99'), n('p99.9'), n('Achieved rps'), n('Errors'), 'Saturated'],
  rows.map((r) => [
    profile(r.profile),
    r.rate === undefined ? 'closed' : String(r.rate),
    String(r.connections),
    esc(repetitionsText(r)),
    ...(r.repetitions === 0
      ? [`${badge('warn', 'no samples')} <span class="note">${esc(r.noSamples ?? '')}</span>`, '–', '–', '–', '–']
      : [formatMs(r.p50), formatMs(r.p90), formatMs(r.p99), formatMs(r.p999), formatRps(r.achievedRps!)]),
    r.errors ? `<strong>${formatCount(r.errors)}</strong>` : '0',
    r.saturated ? badge('warn', `saturated ${r.saturated}/${r.repetitions}`) : 'no',
  ]),
)}`;
}

function coldStartTable(rows: ColdStartSummaryRow[], profile: ProfileLabel): string {
  const first = rows[0] as ColdStartSummaryRow;
  return `<h3>Cold start · ${esc(first.experiment)}</h3>
${table(
  ['Profile', n('Services'), n('Cold'), n('Discarded (warm)'), n('Failed'), n('Median total'), n('Max total'), prose('Median phase offsets')],
  rows.map((r) => [
    profile(r.profile),
    String(r.services),
    String(r.cold),
    String(r.discarded),
    r.failed ? `<strong>${r.failed}</strong>` : '0',
    r.cold === 0 ? badge('warn', 'no samples') : formatMs(r.medianTotalMs),
    formatMs(r.maxTotalMs),
    r.phases.map((p) => `${esc(p.name)} ${formatMs(p.medianMs)}`).join(' → ') || '–',
  ]),
)}`;
}

function resourcesTable(results: readonly CellResult[], profile: ProfileLabel): string {
  const rows = summariseResources(results);
  if (rows.length === 0) return '';
  const figure = (value: number | undefined, digits: number) => (value === undefined ? '–' : value.toFixed(digits));
  return `<h3>Resources</h3>
<p class="note">${esc(RESOURCES_NOTE)}</p>
${table(
  ['Profile', 'Point', 'Component', n('CPU avg (m)'), n('CPU max (m)'), n('Memory avg (MiB)'), n('Memory max (MiB)'), n('CPU-s / 1000 req'), n('Readings'), 'Note'],
  rows.map((r) => [
    profile(r.profile),
    esc(r.point),
    esc(r.component),
    figure(r.cpuAvg, 0),
    figure(r.cpuMax, 0),
    figure(r.memoryAvg, 1),
    figure(r.memoryMax, 1),
    figure(r.cpuSecondsPer1000Requests, 3),
    figure(r.readings, 0),
    r.error === undefined ? '' : esc(r.error),
  ]),
)}`;
}

/** The warm baseline's verdict on the cold-start table just above it; empty without a warm baseline. */
function coldStartOverheadTable(analysis: Analysis | undefined, experiment: string, profile: ProfileLabel): string {
  const rows = coldStartOverheadRows(analysis, experiment);
  if (rows.length === 0) return '';
  return `<h4>Cold-start overhead · ${esc(experiment)}</h4>
<p class="note">${esc(COLD_START_OVERHEAD_NOTE)}</p>
${table(
  [COLD_START_OVERHEAD_HEADER[0]!, ...COLD_START_OVERHEAD_HEADER.slice(1, 6).map(n), 'Verdict', n(COLD_START_OVERHEAD_HEADER[7]!)],
  rows.map((row) => {
    const { cells } = coldStartOverheadCells(row);
    const kind = row.verdict === 'slower' ? 'bad' : row.verdict === 'no measurable difference' ? 'neutral' : 'warn';
    return [profile(row.profile), ...cells.slice(0, 5).map(esc), badge(kind, cells[5]!), esc(cells[6]!)];
  }),
)}`;
}

/** Per experiment: load tables, cold-start tables (each with its warm-baseline overhead), then resources. */
export function summaryTables(results: readonly CellResult[], profile: ProfileLabel, analysis?: Analysis): string {
  const parts = [
    ...groupBy(summariseLoad(results), (r) => r.experiment).map((rows) => loadTable(rows, profile)),
    ...groupBy(summariseColdStarts(results), (r) => r.experiment).map(
      (rows) => coldStartTable(rows, profile) + coldStartOverheadTable(analysis, rows[0]!.experiment, profile),
    ),
    resourcesTable(results, profile),
  ].filter(Boolean);
  return parts.length ? parts.join('\n') : '<p class="omitted">No cell produced a measurement.</p>';
}

export function comparisonTables(analysis: Analysis | undefined, profile: ProfileLabel): string {
  if (!analysis || (analysis.comparisons.length === 0 && analysis.thresholds.length === 0)) {
    return '<p class="omitted">The suite defines no comparisons.</p>';
  }
  const parts: string[] = [];
  if (analysis.comparisons.length) {
    parts.push(
      '<p class="note">Baseline and candidate: the median over repetitions. Δ = candidate − baseline as the Hodges–Lehmann shift (median of all candidate − baseline differences between repetitions) with its exact Mann–Whitney 95% confidence interval over repetitions. A difference whose interval contains zero is reported as “no measurable difference”; sizes too small for any 95% interval (fewer than 4 repetitions a side) as “insufficient repetitions”.</p>',
      table(
        ['Comparison', 'Point', 'Metric', n('Baseline'), n('Candidate'), 'Verdict', n('Δ (95% CI)')],
        analysis.comparisons.map((c) => [
          `<strong>${esc(c.comparison)}</strong><br><span class="note">${profile(c.candidate)} vs ${profile(c.baseline)}</span>`,
          `${esc(c.experiment)}<br><span class="note">${esc(loadPointLabel(c.rate, c.connections))}</span>`,
          METRIC_LABEL[c.metric],
          formatMs(c.baselineMs),
          formatMs(c.candidateMs),
          badge(c.verdict === 'slower' ? 'bad' : c.verdict === 'faster' ? 'good' : c.verdict === 'no measurable difference' ? 'neutral' : 'warn', formatVerdict(c)),
          // Inside the noise the number is context only; say so beside it.
          `${c.verdict === 'no measurable difference' ? `<span class="note">${formatDeltaMs(c.deltaMs)} (within noise)</span>` : formatDeltaMs(c.deltaMs)}<br><span class="note">${formatCi(c.ci)}</span>`,
        ]),
      ),
    );
  }
  if (analysis.thresholds.length) {
    parts.push(
      '<h3>Thresholds</h3>',
      table(
        ['Result', 'Comparison', 'Metric', n('Max Δ'), n('Worst Δ'), prose('Reason')],
        analysis.thresholds.map((t) => [
          t.passed ? badge('good', 'PASS') : badge('bad', 'FAIL'),
          esc(t.comparison),
          METRIC_LABEL[t.metric],
          formatMs(t.maxMs),
          t.worstDeltaMs === undefined ? '–' : formatDeltaMs(t.worstDeltaMs),
          esc(t.reason),
        ]),
      ),
    );
  }
  return parts.join('\n');
}

function measuredText(r: CellResult): string {
  if (isLoad(r)) {
    if (r.status !== 'errored' && !hasLatency(r)) return `no samples: ${whyNoSamples(r)}`;
    return `${formatCount(r.requests)} requests in ${(r.measuredMs / 1000).toFixed(1)} s · ${formatRps(r.achievedRps)} rps · send lag p99 ${formatMs(r.sendLag.p99)}`;
  }
  if ('iterations' in r) {
    const cold = answeredColdStarts(r).length;
    const warm = r.iterations.filter(isWarmBaseline);
    const attempts = r.iterations.length - warm.length;
    return `${cold} cold of ${attempts} iterations · ${r.discardedWarm} discarded warm${warm.length ? ` · ${warm.filter((it) => it.ok).length} of ${warm.length} warm-baseline requests answered` : ''}`;
  }
  return '';
}

function problems(r: CellResult): string[] {
  const lines: string[] = [];
  if (r.error) lines.push(`${r.status === 'errored' ? 'Error' : 'Stopped'}: ${r.error}`);
  if ('errors' in r && r.errors.total > 0) {
    const breakdown = errorBreakdown(r.errors);
    lines.push(`${formatCount(r.errors.total)} errors${breakdown ? `: ${breakdown}` : ''}`);
  }
  if ('saturated' in r && r.saturated) lines.push(`Saturated: ${r.saturationReason ?? 'the load generator could not keep the schedule'}`);
  if ('iterations' in r) {
    for (const it of r.iterations) if (!it.ok) lines.push(`Iteration ${it.iteration} (${it.service}) failed${it.error ? `: ${it.error}` : ''}`);
  }
  return lines;
}

/** One row per cell: what it measured, what went wrong, and the data-path notes. */
export function cellDetails(results: readonly CellResult[]): string {
  if (results.length === 0) return '<p class="omitted">No cell finished.</p>';
  return table(
    ['Cell', 'Status', prose('Measured'), prose('Problems and notes')],
    results.map((r) => [
      `<code>${esc(r.cell.id)}</code>`,
      r.status === 'completed' ? badge('good', 'completed') : r.status === 'partial' ? badge('warn', 'partial') : badge('bad', 'errored'),
      esc(measuredText(r)),
      [...problems(r).map((line) => `<strong>${esc(line)}</strong>`), ...r.notes.map(esc)].join('<br>') || '–',
    ]),
  );
}
