// summary.md: the run at a glance, for pull requests and CI logs. Tables only, no HTML beyond
// entities, so it reads the same rendered on GitHub and raw in a log. The terminal gets the same
// text with user text left plain (renderPlainSummary): entities such as &gt; are no use there.
import type { CostEstimate } from '../analysis/cost.ts';
import type { Analysis } from '../analysis/types.ts';
import type { RunRecord } from '../results/run-record.ts';
import { hasLatency } from '../results/cell-data.ts';
import type { CellResult } from '../results/types.ts';
import { terminalSafe } from '../text/terminal-safe.ts';
import {
  comparisonPoint,
  formatCi,
  formatCount,
  formatDeltaMs,
  formatEnvironment,
  formatMs,
  formatRps,
  formatUtc,
  formatVerdict,
  METRIC_LABEL,
} from './format.ts';
import { driftWarning, findings, headerWarnings, moreFindingsText, type Findings } from './findings.ts';
import { COLD_START_OVERHEAD_HEADER, COLD_START_OVERHEAD_NOTE, coldStartOverheadCells, coldStartOverheadRows } from './cold-start-overhead-section.ts';
import { ANCHORS_NOTE, ANCHORS_TITLE, anchorCells } from './anchors-section.ts';
import { NO_OVERHEADS, OVERHEADS_EMULATION_NOTE, OVERHEADS_NOTE, overheadCells, overheadNotes, overheadRows } from './overheads-section.ts';
import { whyNoSamples } from './no-samples.ts';
import { anchorText, COST_EMULATION_NOTE, costInputsText, costPoint, totalText } from './cost-section.ts';
import { runOrderSection } from './run-order-section.ts';
import {
  EMULATION_NOTICE,
  groupBy,
  isLoad,
  repetitionsText,
  runStatus,
  summariseColdStarts,
  summariseLoad,
  type ColdStartSummaryRow,
  type LoadSummaryRow,
} from './summary.ts';

/** Longest list of missing cells printed before "and N more". */
const MISSING_LISTED = 20;

/** Suite text is user input: keep it from forming tables, links, emphasis or HTML. */
export function mdEscape(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_[\]#|]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A terminal shows user text as it is: only what would break a line or a table is kept out. */
function plainEscape(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** How user text is escaped: mdEscape in summary.md, plainEscape on a terminal. */
type Escape = (text: string) => string;

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function renderMarkdown(record: RunRecord, results: readonly CellResult[], cost?: CostEstimate): string {
  return renderSummary(record, results, mdEscape, cost);
}

/** summary.md's content for a terminal: no entities, no control characters. */
export function renderPlainSummary(record: RunRecord, results: readonly CellResult[], cost?: CostEstimate): string {
  return terminalSafe(renderSummary(record, results, plainEscape, cost));
}

function renderSummary(record: RunRecord, results: readonly CellResult[], e: Escape, cost: CostEstimate | undefined): string {
  const status = runStatus(record, results);
  const out: string[] = [`# meshbench: ${e(record.suite.name)}`];
  if (record.suite.description) out.push(e(record.suite.description));
  if (record.emulation) out.push(`> **Emulation:** ${EMULATION_NOTICE}`);
  out.push(
    table(
      ['', ''],
      [
        ['Status', `**${status.label}** — ${e(status.detail)}`],
        ['Target', `${record.target}${record.emulation ? ' (emulation)' : ''}`],
        ['Started', formatUtc(record.startedAt)],
        ['Finished', record.finishedAt ? formatUtc(record.finishedAt) : '–'],
        ['Machine', e(formatEnvironment(record.environment))],
        ['meshbench', e(record.meshbenchVersion)],
        ['Command', e(record.command.join(' '))],
      ],
    ),
  );
  if (status.missing.length) {
    const listed = status.missing.slice(0, MISSING_LISTED).map((cell) => e(cell.id));
    const more = status.missing.length - listed.length;
    out.push(`**Not measured:** ${listed.join(', ')}${more > 0 ? `, and ${more} more` : ''}.`);
  }

  const runOrder = runOrderSection(record);
  if (runOrder?.warning) out.push(`> **Drift:** ${e(runOrder.warning)}`);
  out.push(findingsSection(findings(record, results, cost), [...headerWarnings(record, results), driftWarning(record) ?? ''], e));

  for (const rows of groupBy(summariseLoad(results), (row) => row.experiment)) out.push(loadSection(rows, e));
  for (const rows of groupBy(summariseColdStarts(results), (row) => row.experiment)) {
    out.push(coldStartSection(rows, e), ...coldStartOverheadSection(record.analysis, rows[0]!.experiment, e));
  }
  if (record.analysis) out.push(...analysisSections(record.analysis, e), overheadsSection(record, e));
  out.push(anchorsSection(record, results, e));
  if (cost && cost.totals.length > 0) out.push(costSection(cost, record.emulation, e));

  if (runOrder) {
    out.push('## Run order and drift', runOrder.lines.map((line) => `- ${e(line)}`).join('\n'));
  }
  const stacks = (record.stacks ?? []).filter((stack) => Object.keys(stack.facts).length > 0);
  if (stacks.length) {
    out.push('## Stacks', stacks.map((stack) => `- **${e(stack.profile)}**: ${e(Object.entries(stack.facts).map(([key, value]) => `${key} ${value}`).join(' · '))}`).join('\n'));
  }
  const notes = cellNotes(results);
  if (record.notes.length || notes.length) {
    out.push('## Notes', [...record.notes, ...notes].map((note) => `- ${e(note)}`).join('\n'));
  }
  return `${out.join('\n\n')}\n`;
}

/** The ranked findings, then the cautions not already stated above them (`except`). */
function findingsSection(f: Findings, except: readonly string[], e: Escape): string {
  const parts = ['## Findings'];
  if (f.items.length === 0) parts.push('Nothing was measured that a finding could state.');
  else parts.push(f.items.map((item) => `${item.rank}. ${item.severity === 'fail' ? '**FAIL** ' : ''}${e(item.sentence)}`).join('\n'));
  const more = moreFindingsText(f);
  if (more) parts.push(more);
  const cautions = f.warnings.filter((warning) => !except.includes(warning));
  if (cautions.length) parts.push(cautions.map((warning) => `- ⚠ ${e(warning)}`).join('\n'));
  return parts.join('\n\n');
}

function loadSection(rows: LoadSummaryRow[], e: Escape): string {
  const first = rows[0] as LoadSummaryRow;
  const model = first.model === 'closed' ? 'closed model, fixed concurrency' : 'open model';
  return [
    `## Load: ${e(first.experiment)} (${model})`,
    'Median over repetitions of each repetition’s percentile.',
    table(
      ['Profile', 'Rate (rps)', 'Connections', 'Reps', 'p50', 'p90', 'p99', 'p99.9', 'Achieved rps', 'Errors', 'Saturated'],
      rows.map((r) => [
        e(r.profile),
        r.rate === undefined ? 'closed' : String(r.rate),
        String(r.connections),
        repetitionsText(r),
        ...(r.repetitions === 0 ? [`**no samples** (${e(r.noSamples ?? '')})`, '–', '–', '–', '–'] : [formatMs(r.p50), formatMs(r.p90), formatMs(r.p99), formatMs(r.p999), formatRps(r.achievedRps!)]),
        r.errors ? `**${formatCount(r.errors)}**` : '0',
        r.saturated ? `**yes** (${r.saturated}/${r.repetitions})` : 'no',
      ]),
    ),
  ].join('\n\n');
}

function coldStartSection(rows: ColdStartSummaryRow[], e: Escape): string {
  const first = rows[0] as ColdStartSummaryRow;
  return [
    `## Cold start: ${e(first.experiment)}`,
    'Phases are median offsets from the request being sent.',
    table(
      ['Profile', 'Services', 'Cold', 'Discarded (warm)', 'Failed', 'Median total', 'Max total', 'Median phases'],
      rows.map((r) => [
        e(r.profile),
        String(r.services),
        String(r.cold),
        String(r.discarded),
        r.failed ? `**${r.failed}**` : '0',
        r.cold === 0 ? '**no samples**' : formatMs(r.medianTotalMs),
        formatMs(r.maxTotalMs),
        r.phases.map((p) => `${e(p.name)} ${formatMs(p.medianMs)}`).join(' → ') || '–',
      ]),
    ),
  ].join('\n\n');
}

function coldStartOverheadSection(analysis: Analysis | undefined, experiment: string, e: Escape): string[] {
  const rows = coldStartOverheadRows(analysis, experiment);
  if (rows.length === 0) return [];
  return [
    `### Cold-start overhead: ${e(experiment)}`,
    COLD_START_OVERHEAD_NOTE,
    table(
      COLD_START_OVERHEAD_HEADER,
      rows.map(coldStartOverheadCells).map(({ profile, cells }) => [e(profile), ...cells.slice(0, 5), `**${cells[5]}**`, cells[6]!]),
    ),
  ];
}

function analysisSections(analysis: Analysis, e: Escape): string[] {
  const sections: string[] = [];
  if (analysis.comparisons.length) {
    sections.push(
      '## Comparisons',
      'Baseline and candidate: medians over repetitions. Δ = candidate − baseline as the Hodges–Lehmann shift (median of all candidate − baseline differences between repetitions) with its exact Mann–Whitney 95% confidence interval over repetitions; “insufficient repetitions”: too few repetitions a side (fewer than 4) for any 95% interval.',
      table(
        ['Comparison', 'Point', 'Metric', 'Baseline', 'Candidate', 'Verdict', 'Δ', '95% CI'],
        analysis.comparisons.map((c) => [
          `${e(c.comparison)} (${e(c.candidate)} vs ${e(c.baseline)})`,
          e(comparisonPoint(c)),
          METRIC_LABEL[c.metric],
          formatMs(c.baselineMs),
          formatMs(c.candidateMs),
          `**${formatVerdict(c)}**`,
          // Inside the noise the number is context, not a result: say so next to it.
          c.verdict === 'no measurable difference' ? `${formatDeltaMs(c.deltaMs)} (within noise)` : formatDeltaMs(c.deltaMs),
          formatCi(c.ci),
        ]),
      ),
    );
  }
  if (analysis.thresholds.length) {
    sections.push(
      '## Thresholds',
      table(
        ['Result', 'Comparison', 'Metric', 'Max Δ', 'Worst Δ', 'Reason'],
        analysis.thresholds.map((t) => [
          t.passed ? 'PASS' : '**FAIL**',
          e(t.comparison),
          METRIC_LABEL[t.metric],
          formatMs(t.maxMs),
          t.worstDeltaMs === undefined ? '–' : formatDeltaMs(t.worstDeltaMs),
          e(t.reason),
        ]),
      ),
    );
  }
  return sections;
}

function anchorsSection(record: RunRecord, results: readonly CellResult[], e: Escape): string {
  // Only the figures this run measured: the rest (index.html lists them all) would make every
  // terminal summary end in a page of "not measured".
  const cells = anchorCells(record, results);
  const measured = cells.filter((row) => row.ours.length > 0);
  const unmeasured = cells.length - measured.length;
  return [
    `## ${ANCHORS_TITLE}`,
    e(ANCHORS_NOTE),
    measured.length
      ? table(
          ['Published figure', 'Measure', 'Published', 'Ours in this run', 'Published test shape', 'Source'],
          measured.map((row) => [e(row.figure), e(row.measure), e(row.published), row.ours.map(e).join('; '), e(row.shape), e(row.source)]),
        )
      : `_No published figure matches what this run measured._`,
    ...(unmeasured > 0 ? [`${unmeasured} more published figure(s) about what this run did not measure are listed in index.html.`] : []),
  ].join('\n\n');
}

function overheadsSection(record: RunRecord, e: Escape): string {
  const parts = ['## Overheads'];
  if (record.emulation) parts.push(`> **Emulation:** ${OVERHEADS_EMULATION_NOTE}`);
  const rows = overheadRows(record);
  if (rows.length === 0) return [...parts, NO_OVERHEADS].join('\n\n');
  return [
    ...parts,
    e(OVERHEADS_NOTE),
    table(
      ['Comparison', 'Point', 'Component', 'Measure', 'Baseline', 'Candidate', 'Δ (95% CI) and verdict', 'Published anchor'],
      rows.map(overheadCells).map((cells) => [
        e(cells.subject),
        e(cells.point),
        e(cells.component),
        cells.measure,
        cells.baseline,
        cells.candidate,
        `**${e(cells.verdict)}** ${e(cells.delta)}`,
        e(cells.published),
      ]),
    ),
    ...overheadNotes(rows).map(e),
  ].join('\n\n');
}

function costSection(cost: CostEstimate, emulation: boolean, e: Escape): string {
  const { currency } = cost.inputs;
  return [
    '## Cost per month',
    ...(emulation ? [`> **Emulation:** ${COST_EMULATION_NOTE}`] : []),
    `${e(costInputsText(cost))}; the model and its assumptions are in index.html and cost.json, per component in cost.csv.`,
    table(
      ['Comparison', 'Point', 'Money per month (95% CI)', 'Published anchors, same traffic'],
      cost.totals.map((total) => [
        `${e(total.comparison)} (${e(total.candidate)} vs ${e(total.baseline)})`,
        e(costPoint(total)),
        e(totalText(total, currency)),
        e(anchorText(total.anchorMonthly, currency)),
      ]),
    ),
  ].join('\n\n');
}

/**
 * Data-path facts once per profile (every cell of a profile usually repeats them), then errors,
 * saturation and missing samples per cell id.
 */
export function cellNotes(results: readonly CellResult[]): string[] {
  const facts = groupBy(
    results.flatMap((r) => r.notes.map((note) => `${r.cell.profile}: ${note}`)),
    (line) => line,
  ).map((same) => same[0] as string);
  const problems = results.flatMap((r) => {
    const lines: string[] = [];
    if (r.error) lines.push(`${r.cell.id}: ${r.status === 'errored' ? 'error' : 'stopped'}: ${r.error}`);
    if (isLoad(r) && r.status !== 'errored' && !hasLatency(r)) lines.push(`${r.cell.id}: no samples: ${whyNoSamples(r)}`);
    if ('saturated' in r && r.saturated) {
      lines.push(`${r.cell.id}: saturated: ${r.saturationReason ?? 'the load generator could not keep the schedule'}`);
    }
    return lines;
  });
  return [...facts, ...problems];
}
