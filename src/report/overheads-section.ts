// The "Overheads" section shared by summary.md and index.html: what the data path costs in CPU and
// memory, in words first. A figure inside the noise or with data missing is said so beside its
// number (DESIGN.md, "Measurement rules"); published figures are shown as anchors, never limits.
import type { OverheadMeasure, OverheadRow } from '../analysis/types.ts';
import type { RunRecord } from '../results/run-record.ts';
import { badge, esc, table, type ProfileLabel } from './html-tables.ts';
import { loadPointLabel } from './summary.ts';

export const OVERHEADS_NOTE =
  'Per component and load point, the median over repetitions of each repetition’s figure; Δ = candidate − baseline, the Hodges–Lehmann shift with its exact Mann–Whitney 95% confidence interval over repetitions (a figure about one profile: its median with the sign-test interval). A component that does not run on a side costs 0 in each of its repetitions. CPU adds up over a component’s instances; memory is per instance (pod or process). Published figures are anchors for orientation, not limits: their test shapes differ from this suite’s.';

export const OVERHEADS_EMULATION_NOTE =
  'These are emulation figures: the costs of local processes that imitate the sidecar, queue-proxy and activator, not of Istio or Knative on Kubernetes. Compare them with each other, not with the published anchors.';

export const NO_OVERHEADS = 'No resource samples were recorded for the load cells, so no overheads could be computed.';

const MEASURE_LABEL: Record<OverheadMeasure, string> = {
  'cpu-millicores': 'CPU (millicores)',
  'cpu-seconds-per-1000-requests': 'CPU-s / 1000 req',
  'memory-mib': 'memory per instance',
  'total-cpu-seconds-per-1000-requests': 'total CPU-s / 1000 req',
};

/** The rows to show: run.json written before overheads existed has none. */
export function overheadRows(record: RunRecord): OverheadRow[] {
  return record.analysis?.overheads ?? [];
}

export function formatOverheadValue(measure: OverheadMeasure, value: number): string {
  if (measure === 'cpu-millicores') return `${value.toFixed(0)} m`;
  if (measure === 'memory-mib') return `${value.toFixed(1)} MiB`;
  return `${value.toFixed(3)} CPU-s`;
}

/** A difference in the row's unit with an explicit sign: "+0.180 CPU-s", "−2.0 MiB". */
export function formatSignedOverheadValue(measure: OverheadMeasure, value: number): string {
  const text = formatOverheadValue(measure, Math.abs(value));
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

/** Each distinct caveat of the rows, once, for under the table: "† mixer: per 1000 mesh-wide requests = …". */
export function overheadNotes(rows: readonly OverheadRow[]): string[] {
  return [...new Set(rows.flatMap((row) => (row.note ? [`† ${row.component}: ${row.note}`] : [])))];
}

/** Plain-text cells of one row; the renderers escape them. */
export interface OverheadCells {
  subject: string;
  point: string;
  component: string;
  measure: string;
  baseline: string;
  candidate: string;
  verdict: string;
  delta: string;
  published: string;
}

export function overheadCells(row: OverheadRow): OverheadCells {
  const value = (v: number | undefined) => (v === undefined ? '–' : formatOverheadValue(row.measure, v));
  const onOneProfile = row.baseline === undefined;
  return {
    subject: onOneProfile ? `${row.topic}: ${row.candidate}` : `${row.topic}: ${row.comparison} (${row.candidate} vs ${row.baseline})`,
    point: `${row.experiment} · ${loadPointLabel(row.rate, row.connections)}`,
    component: row.component,
    // † points to the row's caveat, listed once under the table.
    measure: `${MEASURE_LABEL[row.measure]}${row.note ? ' †' : ''}`,
    // No baseline figure but a delta: the component does not run on the baseline.
    baseline: onOneProfile ? '–' : row.baselineValue === undefined && row.delta !== undefined ? 'not running' : value(row.baselineValue),
    candidate: value(row.candidateValue),
    verdict: verdictText(row),
    delta: deltaText(row),
    published: row.published ? `${formatOverheadValue(row.measure, row.published.value)} — ${row.published.source}` : '–',
  };
}

function verdictText(row: OverheadRow): string {
  const onOneProfile = row.baseline === undefined;
  switch (row.verdict) {
    case 'more':
      return onOneProfile ? 'measured' : 'more';
    case 'less':
      return 'less';
    case 'no measurable difference':
      return onOneProfile ? 'no measurable cost' : 'no measurable difference';
    case 'insufficient repetitions':
      return 'insufficient repetitions';
    case 'missing data':
      return 'missing data';
  }
}

/** The delta with its interval, or why there is none; the sampler's error is kept word for word. */
function deltaText(row: OverheadRow): string {
  if (row.verdict === 'missing data') return row.error ?? 'not sampled';
  if (row.delta === undefined) return '–';
  // A figure about one profile is a cost, not a difference: no sign.
  const show = (value: number) => (row.baseline === undefined ? formatOverheadValue(row.measure, value) : formatSignedOverheadValue(row.measure, value));
  const delta = show(row.delta);
  const ci = row.ci ? ` (95% CI ${show(row.ci.low)} … ${show(row.ci.high)})` : '';
  // Inside the noise or from too few repetitions the number is context, not a result.
  const qualifier = row.verdict === 'no measurable difference' ? ' within noise' : row.verdict === 'insufficient repetitions' ? ' (too few repetitions for a 95% interval)' : '';
  return `${delta}${qualifier}${ci}`;
}

/** The HTML section body: notes, the table, and the chart figure the caller renders. */
export function overheadsHtml(record: RunRecord, profile: ProfileLabel, chart: string): string {
  const rows = overheadRows(record);
  const emulation = record.emulation ? `<p class="note"><strong>Emulation:</strong> ${esc(OVERHEADS_EMULATION_NOTE)}</p>` : '';
  if (rows.length === 0) return `${emulation}<p class="omitted">${esc(NO_OVERHEADS)}</p>\n${chart}`;
  // As with latency: costing more is bad, less good; a figure about one profile is just measured.
  const kind = (row: OverheadRow) =>
    row.verdict === 'missing data' || (row.verdict === 'more' && row.baseline !== undefined)
      ? 'bad'
      : row.verdict === 'less'
        ? 'good'
        : row.verdict === 'insufficient repetitions'
          ? 'warn'
          : 'neutral';
  const cells = rows.map((row) => ({ row, text: overheadCells(row) }));
  return `${emulation}<p class="note">${esc(OVERHEADS_NOTE)}</p>
${table(
  ['Comparison', { label: 'Point', kind: 'wrap' }, 'Component', { label: 'Measure', kind: 'wrap' }, { label: 'Baseline', kind: 'num' }, { label: 'Candidate', kind: 'num' }, { label: 'Δ (95% CI) and verdict', kind: 'wrap' }, { label: 'Published anchor', kind: 'wrap' }],
  cells.map(({ row, text }) => [
    row.baseline === undefined
      ? `<strong>${esc(row.topic)}</strong>: ${profile(row.candidate)}`
      : `<strong>${esc(row.topic)}</strong>: ${esc(row.comparison ?? '')}<br><span class="note">${profile(row.candidate)} vs ${profile(row.baseline)}</span>`,
    esc(text.point),
    esc(text.component),
    esc(text.measure),
    esc(text.baseline),
    esc(text.candidate),
    `${badge(kind(row), text.verdict)}<br><span class="note">${esc(text.delta)}</span>`,
    row.published ? `<span class="note">${esc(text.published)}</span>` : '–',
  ]),
)}
${overheadNotes(rows).map((note) => `<p class="note">${esc(note)}</p>`).join('\n')}
${chart}`;
}
