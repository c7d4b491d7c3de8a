// "Published figures beside ours", shared by index.html and summary.md: every figure of
// PUBLISHED_FIGURES with this run's matching figure in the same unit, and the shape of the test
// behind the published one. Anchors from other test shapes, never limits: a figure of ours far
// from one is a question to ask, not a failure (DESIGN.md, "Measurement rules").
import { htmlSection } from './html-section.ts';
import { PUBLISHED_FIGURES, type PublishedFigure, type PublishedMeasure } from '../analysis/published-figures.ts';
import { figureComponent, MB_IN_MIB, perRpsLabel } from '../analysis/published.ts';
import type { ComparisonRow, OverheadMeasure, OverheadRow } from '../analysis/types.ts';
import type { RunRecord } from '../results/run-record.ts';
import type { CellResult } from '../results/types.ts';
import type { Profile } from '../suite/schema.ts';
import { comparisonPoint, formatCi, formatDeltaMs, formatMs, METRIC_LABEL } from './format.ts';
import { esc, table } from './html-tables.ts';
import { formatOverheadValue, overheadCells } from './overheads-section.ts';
import { summariseColdStarts } from './summary.ts';

export const ANCHORS_TITLE = 'Published figures beside ours';

export const ANCHORS_NOTE =
  'Anchors from other test shapes, not limits: each published figure was measured at its publisher’s load, connections, payload and hardware (the shape column), which are not this suite’s. Ours is the same quantity from this run, in the same unit; a figure far from its anchor is a question to ask, never a pass or a failure. Figures that match this run come first.';

export const NOT_MEASURED = 'not measured in this run';

/** Plain-text cells of one published figure; the renderers escape them. */
export interface AnchorCells {
  figure: string;
  measure: string;
  published: string;
  /** One line per figure of ours; empty when the run measured nothing comparable. */
  ours: string[];
  shape: string;
  source: string;
}

const MEASURE_LABEL: Record<PublishedMeasure['kind'], string> = {
  'cpu-per-1000-rps': 'CPU-s per 1000 requests',
  'memory-mb': 'memory per instance',
  'added-latency-ms': 'added latency',
  'cold-start-ms': 'cold start, request to first byte',
  'pod-startup-ms': 'pod startup',
};

// Our overhead measure in the published figure's unit, for the kinds overhead rows measure.
const OVERHEAD_MEASURE: Partial<Record<PublishedMeasure['kind'], OverheadMeasure>> = {
  'cpu-per-1000-rps': 'cpu-seconds-per-1000-requests',
  'memory-mb': 'memory-mib',
};

export function anchorCells(record: RunRecord, results: readonly CellResult[]): AnchorCells[] {
  const coldStarts = summariseColdStarts(results);
  const rows = PUBLISHED_FIGURES.map((figure) => cellsOf(figure, oursFor(figure, record, coldStarts)));
  // A stable sort: the run's own matches first, each group in the data file's order.
  return [...rows.filter((row) => row.ours.length > 0), ...rows.filter((row) => row.ours.length === 0)];
}

function cellsOf(figure: PublishedFigure, ours: string[]): AnchorCells {
  const { shape } = figure;
  return {
    figure: `${figure.release}: ${figure.what}`,
    measure: measureLabel(figure),
    published: publishedText(figure.measure),
    ours,
    shape: [shape.load, shape.connections, shape.payload, shape.hardware].filter((part) => part !== undefined).join('; '),
    source: `${figure.source} — ${figure.address}`,
  };
}

function measureLabel(figure: PublishedFigure): string {
  const { measure } = figure;
  if (measure.kind === 'cpu-per-1000-rps' && figure.component === 'mixer') return `${MEASURE_LABEL[measure.kind]} (${perRpsLabel(figure)})`;
  if (measure.kind === 'added-latency-ms' || measure.kind === 'cold-start-ms' || measure.kind === 'pod-startup-ms') {
    return `${MEASURE_LABEL[measure.kind]} at ${percentileLabel(measure.percentile)}`;
  }
  return MEASURE_LABEL[measure.kind];
}

function percentileLabel(percentile: string): string {
  return METRIC_LABEL[percentile as ComparisonRow['metric']] ?? percentile;
}

/** The published value in our unit, with the unit it was published in when that differs. */
function publishedText(measure: PublishedMeasure): string {
  switch (measure.kind) {
    case 'cpu-per-1000-rps':
      return `${formatOverheadValue('cpu-seconds-per-1000-requests', measure.value)} (published: ${measure.value} vCPU per 1000 rps)`;
    case 'memory-mb':
      return `${formatOverheadValue('memory-mib', measure.value * MB_IN_MIB)} (published: ${measure.value} MB)`;
    case 'added-latency-ms':
      return `+${formatMs(measure.value)}`;
    case 'cold-start-ms':
      return measure.high === undefined ? formatMs(measure.value) : `${formatMs(measure.value)} – ${formatMs(measure.high)}`;
    case 'pod-startup-ms':
      return `≤ ${formatMs(measure.value)}`;
  }
}

function oursFor(figure: PublishedFigure, record: RunRecord, coldStarts: ReturnType<typeof summariseColdStarts>): string[] {
  const { measure } = figure;
  const overheadMeasure = OVERHEAD_MEASURE[measure.kind];
  if (overheadMeasure !== undefined) {
    return (record.analysis?.overheads ?? [])
      .filter((row) => row.measure === overheadMeasure && figureComponent(row.component) === figure.component)
      .flatMap(overheadLine);
  }
  if (measure.kind === 'added-latency-ms') {
    return (record.analysis?.comparisons ?? [])
      .filter((row) => row.metric === measure.percentile && addedComponent(record, row) === figure.component)
      .map(comparisonLine);
  }
  if (measure.kind === 'cold-start-ms' && figure.component === 'knative') {
    return coldStarts.flatMap((row) =>
      row.medianTotalMs === undefined ? [] : [`${formatMs(row.medianTotalMs)} median of ${row.cold} cold start(s) — ${row.profile}, ${row.experiment} · ${row.services} service(s)`],
    );
  }
  // Pod startup: our timelines start at the request, so they include the scale decision the SLO leaves out.
  return [];
}

/** Our cost of the component in the row's unit: the delta (a one-profile row's median) with its interval. */
function overheadLine(row: OverheadRow): string[] {
  if (row.verdict !== 'missing data' && row.delta === undefined) return [];
  const cells = overheadCells(row);
  return [`${cells.delta} — ${row.candidate}, ${cells.point}`];
}

function comparisonLine(row: ComparisonRow): string {
  const qualifier =
    row.verdict === 'no measurable difference'
      ? ' within noise'
      : row.verdict === 'insufficient repetitions'
        ? ' (too few repetitions for a 95% interval)'
        : row.verdict === 'insufficient data'
          ? ' (too few tail samples)'
          : '';
  const ci = row.ci ? ` (95% CI ${formatCi(row.ci)})` : '';
  return `${formatDeltaMs(row.deltaMs)}${qualifier}${ci} — ${row.candidate} vs ${row.baseline}, ${comparisonPoint(row)}`;
}

/**
 * What a comparison's candidate adds to the data path over its baseline, by the published
 * component names: a sidecar or ztunnel over no mesh, queue-proxy (and activator) over a plain
 * Deployment on the same mesh; undefined when the two differ otherwise.
 */
function addedComponent(record: RunRecord, row: ComparisonRow): PublishedFigure['component'] | undefined {
  const profile = (name: string): Profile | undefined => record.suite.profiles.find((p) => p.name === name);
  const baseline = profile(row.baseline);
  const candidate = profile(row.candidate);
  if (!baseline || !candidate) return undefined;
  const sameServing = baseline.serving.type === candidate.serving.type;
  if (sameServing && baseline.mesh.type === 'none' && candidate.mesh.type === 'istio-sidecar') return 'sidecar';
  if (sameServing && baseline.mesh.type === 'none' && candidate.mesh.type === 'istio-ambient') return 'ztunnel';
  if (baseline.mesh.type === candidate.mesh.type && baseline.serving.type === 'deployment' && candidate.serving.type === 'knative') return 'queue-proxy';
  return undefined;
}

/** The HTML section, heading included. */
export function anchorsHtml(record: RunRecord, results: readonly CellResult[]): string {
  const rows = anchorCells(record, results);
  const wrap = (label: string) => ({ label, kind: 'wrap' as const });
  return htmlSection('anchors', ANCHORS_TITLE, `<p class="note">${esc(ANCHORS_NOTE)}</p>
${table(
  [wrap('Published figure'), wrap('Measure'), wrap('Published'), wrap('Ours in this run'), wrap('Published test shape'), wrap('Source')],
  rows.map((row) => [
    esc(row.figure),
    esc(row.measure),
    esc(row.published),
    row.ours.length ? row.ours.map(esc).join('<br>') : `<span class="omitted">${esc(NOT_MEASURED)}</span>`,
    `<span class="note">${esc(row.shape)}</span>`,
    `<span class="note">${esc(row.source)}</span>`,
  ]),
)}`);
}
