// What the data path costs in CPU and memory: per suite comparison and load point, every
// non-workload component's figures and the total CPU per 1000 requests, candidate vs baseline;
// per Mixer profile, Mixer's own CPU per 1000 requests; per Knative profile, queue-proxy and
// activator CPU per 1000 requests. Latency deltas are compare.ts's. Pure: results in, rows out.
import { median } from 'simple-statistics';
import type { LoadCellResult } from '../results/types.ts';
import type { Comparison, Profile, Suite } from '../suite/schema.ts';
import { publishedAnchor } from './published.ts';
import { medianInterval, shiftInterval } from './shift.ts';
import { componentSide, componentsOf, hasResources, totalSide, WORKLOAD_COMPONENTS, type Side } from './resource-values.ts';
import type { OverheadRow } from './types.ts';

const COMPONENT_MEASURES = ['cpu-millicores', 'cpu-seconds-per-1000-requests', 'memory-mib'] as const;
const PER_REQUEST = 'cpu-seconds-per-1000-requests';
const KNATIVE_COMPONENTS = ['queue-proxy', 'activator'];
/**
 * Mixer's deployments as the samplers name them (src/measure/expected-components.ts: each pod's
 * `mixer` and its own `istio-proxy` together), or as one `mixer`.
 */
const MIXER_COMPONENTS = ['istio-telemetry', 'istio-policy', 'mixer'];

export const MESH_WIDE_NOTE =
  'the istio-telemetry and istio-policy deployments together, each pod with its mixer and its istio-proxy, per 1000 mesh-wide requests = per 1000 requests of the cell: only the benchmark load passes through the mesh here';

/** What the off side of a telemetry or Mixer pair has turned off, under the table (its total row's caveat). */
export const TOPIC_NOTES: Partial<Record<OverheadRow['topic'], string>> = {
  telemetry:
    "telemetry off = every metric disabled mesh-wide (Telemetry API): the stats filter is gone from every proxy; access logs and span reporting are off in Istio's default install either way, and metadata exchange stays — so the difference is telemetry v2's per-request metrics",
  Mixer: 'Mixer off = no istio-telemetry or istio-policy deployment, and sidecars that neither report to Mixer nor check with it',
};

/** Overhead rows of load cells that served requests (the cells compare.ts judges). */
export function computeOverheads(suite: Suite, results: readonly LoadCellResult[]): OverheadRow[] {
  const profiles = new Map(suite.profiles.map((profile) => [profile.name, profile]));
  const comparisonRows = suite.comparisons.flatMap((comparison) => {
    const baseline = profiles.get(comparison.baseline);
    const candidate = profiles.get(comparison.candidate);
    if (!baseline || !candidate) return [];
    const topic = telemetryTopic(baseline, candidate) ?? 'data path';
    return loadPoints(suite, comparison, results).flatMap((point) => compareAt(point, topic, candidate));
  });
  return [...comparisonRows, ...suite.profiles.flatMap((profile) => profileRows(profile, results))];
}

/**
 * "telemetry" or "Mixer" when the two profiles differ only in mesh.telemetry: their difference is
 * then the cost of telemetry (the modern equivalent of disabling Mixer).
 */
export function telemetryTopic(a: Profile, b: Profile): 'telemetry' | 'Mixer' | undefined {
  if (a.mesh.telemetry === b.mesh.telemetry) return undefined;
  const rest = (profile: Profile) => canonical({ ...profile, name: '', description: '', mesh: { ...profile.mesh, telemetry: '' } });
  if (rest(a) !== rest(b)) return undefined;
  return a.mesh.telemetry === 'mixer' || b.mesh.telemetry === 'mixer' ? 'Mixer' : 'telemetry';
}

/** JSON with sorted keys, so key order in the suite file does not make equal profiles differ. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

interface Point {
  comparison: Comparison;
  experiment: string;
  rate: number | undefined;
  connections: number;
  baseline: LoadCellResult[];
  candidate: LoadCellResult[];
}

/** Load points measured on both sides with resource samples on at least one. */
function loadPoints(suite: Suite, comparison: Comparison, results: readonly LoadCellResult[]): Point[] {
  const experiments = suite.experiments.filter((experiment) =>
    comparison.experiment === undefined ? experiment.type === 'load' : experiment.name === comparison.experiment,
  );
  return experiments.flatMap((experiment) => {
    const inExperiment = results.filter((result) => result.cell.experiment === experiment.name);
    return byPoint(inExperiment.filter((result) => result.cell.profile === comparison.candidate)).flatMap((candidate) => {
      const { rate, connections } = (candidate[0] as LoadCellResult).cell;
      const baseline = inExperiment.filter(
        (result) => result.cell.profile === comparison.baseline && result.cell.rate === rate && result.cell.connections === connections,
      );
      if (baseline.length === 0 || !hasResources([...baseline, ...candidate])) return [];
      return [{ comparison, experiment: experiment.name, rate, connections, baseline, candidate }];
    });
  });
}

/** Cells grouped by (experiment, rate, connections), ordered by rate then connections. */
function byPoint(cells: readonly LoadCellResult[]): LoadCellResult[][] {
  const groups = new Map<string, LoadCellResult[]>();
  for (const cell of cells) {
    const key = `${cell.cell.experiment}\u0000${cell.cell.rate ?? ''}\u0000${cell.cell.connections}`;
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  const first = (group: LoadCellResult[]) => (group[0] as LoadCellResult).cell;
  return [...groups.values()].sort((a, b) => (first(a).rate ?? 0) - (first(b).rate ?? 0) || first(a).connections - first(b).connections);
}

function compareAt(point: Point, topic: OverheadRow['topic'], candidateProfile: Profile): OverheadRow[] {
  const where = {
    topic,
    comparison: point.comparison.name,
    experiment: point.experiment,
    baseline: point.comparison.baseline,
    candidate: point.comparison.candidate,
    rate: point.rate,
    connections: point.connections,
  };
  const components = componentsOf([...point.candidate, ...point.baseline]).filter((name) => !WORKLOAD_COMPONENTS.has(name));
  // A side with no resource samples at all was not measured: its components are unknown, not absent.
  const sideOf = (cells: LoadCellResult[], component: string, measure: (typeof COMPONENT_MEASURES)[number]): Side =>
    hasResources(cells) ? componentSide(cells, [component], measure) : { present: true, values: [], errors: [] };
  const sampled = { baseline: sampledRepetitions(point.baseline), candidate: sampledRepetitions(point.candidate) };
  const rows = components.flatMap((component) =>
    COMPONENT_MEASURES.map((measure): OverheadRow => {
      const baseline = sideOf(point.baseline, component, measure);
      const candidate = sideOf(point.candidate, component, measure);
      // Only a component the candidate adds is its own cost, which is what vendors publish.
      const published = baseline.present ? undefined : publishedAnchor(component, measure, candidateProfile);
      return { ...where, component, measure, ...judge(baseline, candidate, sampled), ...(published ? { published } : {}) };
    }),
  );
  const note = TOPIC_NOTES[topic];
  const total: OverheadRow = {
    ...where,
    component: 'total',
    measure: 'total-cpu-seconds-per-1000-requests',
    ...judge(totalSide(point.baseline), totalSide(point.candidate), sampled),
    ...(note ? { note } : {}),
  };
  return [...rows, total];
}

/** Figures about one profile: Mixer's own CPU, Knative's queue-proxy and activator. */
function profileRows(profile: Profile, results: readonly LoadCellResult[]): OverheadRow[] {
  const expectedComponents: { component: string; names: string[]; topic: OverheadRow['topic']; note?: string }[] = [
    ...(profile.mesh.telemetry === 'mixer' ? [{ component: 'mixer', names: MIXER_COMPONENTS, topic: 'Mixer' as const, note: MESH_WIDE_NOTE }] : []),
    ...(profile.serving.type === 'knative'
      ? KNATIVE_COMPONENTS.map((component) => ({ component, names: [component], topic: 'Knative' as const }))
      : []),
  ];
  if (expectedComponents.length === 0) return [];
  const cells = results.filter((result) => result.cell.profile === profile.name);
  return byPoint(cells)
    .filter(hasResources)
    .flatMap((point) => {
      const { experiment, rate, connections } = (point[0] as LoadCellResult).cell;
      return expectedComponents.map(({ component, names, topic, note }): OverheadRow => {
        const published = publishedAnchor(component, PER_REQUEST, profile);
        return {
          topic,
          comparison: undefined,
          experiment,
          baseline: undefined,
          candidate: profile.name,
          rate,
          connections,
          component,
          measure: PER_REQUEST,
          ...judgeLevel(componentSide(point, names, PER_REQUEST, true)),
          ...(published ? { published } : {}),
          ...(note ? { note } : {}),
        };
      });
    });
}

type Judged = Pick<OverheadRow, 'baselineValue' | 'candidateValue' | 'delta' | 'ci' | 'verdict' | 'repetitions' | 'error'>;

/** Repetitions with resource samples: where a component does not run, each of them measured 0. */
function sampledRepetitions(cells: readonly LoadCellResult[]): number {
  return cells.filter((cell) => cell.resources.length > 0).length;
}

const valueOf = (side: Side) => (side.present && side.values.length > 0 ? median(side.values) : undefined);

function missing(errors: string[]): Pick<Judged, 'delta' | 'ci' | 'verdict' | 'error'> {
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return { delta: undefined, ci: undefined, verdict: 'missing data', error: `${errors[0]}${more}` };
}

/** Medians, shift, interval and verdict of two sides; `sampled`: each side's repetitions with samples. */
function judge(baseline: Side, candidate: Side, sampled: { baseline: number; candidate: number }): Judged {
  // Where the component does not run it costs exactly nothing, in each repetition that was sampled.
  const values = (side: Side, repetitions: number) => (side.present ? side.values : new Array<number>(repetitions).fill(0));
  const [before, after] = [values(baseline, sampled.baseline), values(candidate, sampled.candidate)];
  const figures = {
    baselineValue: valueOf(baseline),
    candidateValue: valueOf(candidate),
    repetitions: { baseline: before.length, candidate: after.length },
  };
  const errors = [...baseline.errors, ...candidate.errors];
  if (errors.length > 0) return { ...figures, ...missing(errors) };
  if (before.length === 0 || after.length === 0) return { ...figures, delta: undefined, ci: undefined, verdict: 'insufficient repetitions' };
  const { shift, ci } = shiftInterval(before, after);
  return { ...figures, delta: shift, ci, verdict: verdictOf(ci) };
}

/** A figure about one profile: its median with the sign-test interval, judged against zero cost. */
function judgeLevel(side: Side): Judged {
  const figures = { baselineValue: undefined, candidateValue: valueOf(side), repetitions: { baseline: 0, candidate: side.values.length } };
  if (side.errors.length > 0) return { ...figures, ...missing(side.errors) };
  if (side.values.length === 0) return { ...figures, delta: undefined, ci: undefined, verdict: 'insufficient repetitions' };
  const { shift, ci } = medianInterval(side.values);
  return { ...figures, delta: shift, ci, verdict: verdictOf(ci) };
}

function verdictOf(ci: OverheadRow['ci']): OverheadRow['verdict'] {
  if (!ci) return 'insufficient repetitions';
  return ci.low > 0 ? 'more' : ci.high < 0 ? 'less' : 'no measurable difference';
}
