// The cost model: measured overheads turned into money per month at the user's traffic and pod
// count (suite `cost:` block, overridable by flags), with each figure's 95% interval carried
// through, and the published anchors priced the same way. Pure: inputs and the analysis in,
// lines out; recomputed at every rendering, so the money follows the stored results alone.
import { UsageError } from '../errors.ts';
import type { CostBlock } from '../suite/schema.ts';
import { SIDECAR_COMPONENTS } from './published.ts';
import type { Analysis, ComparisonRow, Interval, OverheadMeasure, OverheadRow, OverheadVerdict } from './types.ts';

/** 365 days × 24 h / 12 months, the month cloud price lists use. */
export const HOURS_PER_MONTH = 730;
const MIB_PER_GIB = 1024;

export type CostInputs = CostBlock;
export type CostInputKey = keyof CostInputs;

/** Each input's flag, so a printed input can say where it came from and an error which flag to give. */
export const COST_FLAGS: Record<CostInputKey, string> = {
  currency: '--currency',
  vcpuHour: '--vcpu-hour-price',
  gibHour: '--gib-hour-price',
  trafficRps: '--traffic-rps',
  meshedPods: '--meshed-pods',
  nodes: '--nodes',
};

/** Flag values given to `run` or `report`, already checked; each replaces the suite's key. */
export type CostOverrides = Partial<CostInputs>;

export type CostInputSource = 'suite' | 'flag' | 'default';

export interface ResolvedCostInputs {
  inputs: CostInputs;
  /** Where each given value came from: the suite's cost block, a flag, or the currency's default. */
  from: Partial<Record<CostInputKey, CostInputSource>>;
}

const REQUIRED: readonly CostInputKey[] = ['vcpuHour', 'gibHour', 'trafficRps', 'meshedPods'];

/**
 * The suite's cost block with the flags laid over it: undefined when neither gives anything (no
 * cost section). Flags without a suite block must give every input: a UsageError names the rest.
 */
export function resolveCostInputs(suite: CostBlock | undefined, overrides: CostOverrides): ResolvedCostInputs | undefined {
  const given = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)) as CostOverrides;
  if (!suite && Object.keys(given).length === 0) return undefined;
  const merged: Partial<CostInputs> = { currency: 'USD', ...suite, ...given };
  const missing = REQUIRED.filter((key) => merged[key] === undefined);
  if (missing.length > 0) {
    throw new UsageError(
      `the cost model needs ${missing.map((key) => COST_FLAGS[key]).join(', ')} too: the suite has no cost: block to take ${missing.length > 1 ? 'them' : 'it'} from`,
    );
  }
  const from: ResolvedCostInputs['from'] = {};
  for (const key of Object.keys(COST_FLAGS) as CostInputKey[]) {
    if (given[key] !== undefined) from[key] = 'flag';
    else if (suite?.[key] !== undefined) from[key] = 'suite';
    else if (key === 'currency') from[key] = 'default';
  }
  return { inputs: merged as CostInputs, from };
}

/**
 * What multiplies a component's figure into a month:
 * - per pod: a sidecar or queue-proxy in every meshed pod (memory × meshedPods);
 * - per node: ztunnel, one per node (memory × nodes);
 * - shared: one instance whatever the size (waypoint, Mixer, anything unrecognised): memory × 1;
 * - control plane: istiod, Knative's activator and autoscaler, priced fixed at their measured level.
 * CPU of every kind but the control plane scales with traffic (CPU-seconds per 1000 requests).
 */
export type CostScaling = 'per pod' | 'per node' | 'shared' | 'control plane';

const PER_POD = new Set([...SIDECAR_COMPONENTS, 'queue-proxy']);
const PER_NODE = new Set(['ztunnel']);
/** As the samplers name them (measure/expected-components.ts): istiod's container is `discovery`. */
const CONTROL_PLANE = new Set(['discovery', 'istiod', 'activator', 'autoscaler']);

export function costScaling(component: string): CostScaling {
  if (PER_POD.has(component)) return 'per pod';
  if (PER_NODE.has(component)) return 'per node';
  if (CONTROL_PLANE.has(component)) return 'control plane';
  return 'shared';
}

/** Money per month: the point estimate and its 95% interval, in the inputs' currency. */
export interface Money {
  value: number;
  low: number;
  high: number;
}

/** The comparison and load point a cost line or total is about. */
export type CostPoint = Pick<ComparisonRow, 'comparison' | 'experiment' | 'baseline' | 'candidate' | 'rate' | 'connections'>;

export interface CostLine extends CostPoint {
  component: string;
  resource: 'cpu' | 'memory';
  scaling: CostScaling;
  /** The overhead row priced: CPU per 1000 requests (traffic-scaled), millicores (control plane) or MiB per instance. */
  measure: OverheadMeasure;
  /** What multiplies the figure, e.g. "× 2000 rps / 1000" or "× 150 pods". */
  scaledBy: string;
  /** The measured figure (candidate − baseline) in the measure's unit, and its 95% interval. */
  figure: number | undefined;
  ci: Interval | undefined;
  verdict: OverheadVerdict;
  /** Money per month; undefined with `reason` when the figure cannot be priced. */
  monthly: Money | undefined;
  reason?: string;
  /** The published anchor of the row priced the same way (only for a component the candidate adds). */
  anchor?: { monthly: number; value: number; source: string };
}

/** All priced lines of one comparison at one load point, added up. */
export interface CostTotal extends CostPoint {
  /** Sum of the priced lines, interval bounds summed too (conservative); undefined when none was priced. */
  monthly: Money | undefined;
  /** "component cpu|memory: reason" of each line left out of the sum. */
  unpriced: string[];
  /** Sum of the anchors of the lines that have one (components the candidate adds); undefined when none has. */
  anchorMonthly: number | undefined;
}

export interface CostEstimate {
  inputs: CostInputs;
  from: ResolvedCostInputs['from'];
  hoursPerMonth: number;
  /** The model as plain formulas, for printing beside the money. */
  formulas: string[];
  assumptions: string[];
  lines: CostLine[];
  totals: CostTotal[];
}

export function costFormulas(inputs: CostInputs): string[] {
  const h = HOURS_PER_MONTH;
  return [
    `proxy CPU per month = Δ CPU-seconds per 1000 requests × ${inputs.trafficRps} rps / 1000 × ${h} h × ${inputs.vcpuHour} ${inputs.currency} per vCPU-hour`,
    `proxy memory per month = Δ MiB per instance / 1024 × instances (${inputs.meshedPods} pods for a sidecar or queue-proxy, ${inputs.nodes === undefined ? 'nodes (not given)' : `${inputs.nodes} nodes`} for ztunnel, 1 for a shared proxy) × ${h} h × ${inputs.gibHour} ${inputs.currency} per GiB-hour`,
    `control plane per month = Δ millicores / 1000 × ${h} h × ${inputs.vcpuHour} + Δ MiB / 1024 × ${h} h × ${inputs.gibHour}`,
  ];
}

export const COST_ASSUMPTIONS: readonly string[] = [
  `A month is ${HOURS_PER_MONTH} hours (365 × 24 / 12) of steady traffic at the given rate; prices are on-demand per vCPU-hour and per GiB-hour, with no requests, limits or bin-packing waste.`,
  'CPU per request is what the candidate adds over the baseline at the measured load point, assumed to hold at your traffic (per-request CPU falls somewhat with rate: compare the load points).',
  'Each request crosses one proxy, as in the benchmark (the load generator is outside the mesh): count a service-to-service call once per sidecar it crosses in the traffic.',
  'Memory is the average working set per instance: a sidecar or queue-proxy in every meshed pod, a ztunnel on every node, one instance of a shared proxy (waypoint, Mixer).',
  'Control-plane components (istiod, activator, autoscaler) are priced as one instance at their measured average CPU and memory at the benchmark load, not scaled with traffic or pods.',
  'Each money interval maps the figure’s 95% interval through the model (linear in each figure); a total sums the bounds, which is conservative (wider than a joint 95% interval).',
  'A figure with no measurable difference is priced from its interval all the same (its point may be about 0); insufficient repetitions or missing data give no money.',
  'Anchors are the vendors’ published per-proxy figures at their test shape, priced at your traffic and pods: a question to ask when far from ours, never a limit.',
];

/** Price every comparison's component overheads at each load point. */
export function estimateCost(resolved: ResolvedCostInputs, analysis: Pick<Analysis, 'overheads'>): CostEstimate {
  const { inputs } = resolved;
  const rows = analysis.overheads.filter(
    (row): row is OverheadRow & { comparison: string; baseline: string } => row.comparison !== undefined && row.baseline !== undefined && row.component !== 'total',
  );
  const lines = rows.flatMap((row) => {
    const line = priceRow(row, inputs);
    return line ? [line] : [];
  });
  return { inputs, from: resolved.from, hoursPerMonth: HOURS_PER_MONTH, formulas: costFormulas(inputs), assumptions: [...COST_ASSUMPTIONS], lines, totals: totalsOf(lines) };
}

interface Pricing {
  /** Money per month of one unit of the measure. */
  perUnit: number;
  scaledBy: string;
  /** Why it cannot be priced at all, whatever was measured. */
  unpriceable?: string;
}

/** The row's price per unit, or undefined when the model does not price this measure for the component. */
function pricing(row: OverheadRow, inputs: CostInputs, scaling: CostScaling): Pricing | undefined {
  const cpuHour = HOURS_PER_MONTH * inputs.vcpuHour;
  const gibMonth = (HOURS_PER_MONTH * inputs.gibHour) / MIB_PER_GIB;
  if (row.measure === 'cpu-seconds-per-1000-requests' && scaling !== 'control plane') {
    // CPU-seconds per 1000 requests × (rps / 1000) = CPU-seconds per second = vCPUs busy.
    return { perUnit: (inputs.trafficRps / 1000) * cpuHour, scaledBy: `× ${inputs.trafficRps} rps / 1000` };
  }
  if (row.measure === 'cpu-millicores' && scaling === 'control plane') return { perUnit: cpuHour / 1000, scaledBy: '/ 1000 (one instance, fixed)' };
  if (row.measure !== 'memory-mib') return undefined;
  if (scaling === 'per pod') return { perUnit: gibMonth * inputs.meshedPods, scaledBy: `× ${inputs.meshedPods} pods` };
  if (scaling === 'per node') {
    return inputs.nodes === undefined
      ? { perUnit: 0, scaledBy: '× nodes', unpriceable: `one per node: give cost.nodes (${COST_FLAGS.nodes}) to price it` }
      : { perUnit: gibMonth * inputs.nodes, scaledBy: `× ${inputs.nodes} nodes` };
  }
  return { perUnit: gibMonth, scaledBy: '× 1 instance' };
}

function priceRow(row: OverheadRow & { comparison: string; baseline: string }, inputs: CostInputs): CostLine | undefined {
  const scaling = costScaling(row.component);
  const price = pricing(row, inputs, scaling);
  if (!price) return undefined;
  const line: CostLine = {
    comparison: row.comparison,
    experiment: row.experiment,
    baseline: row.baseline,
    candidate: row.candidate,
    rate: row.rate,
    connections: row.connections,
    component: row.component,
    resource: row.measure === 'memory-mib' ? 'memory' : 'cpu',
    scaling,
    measure: row.measure,
    scaledBy: price.scaledBy,
    figure: row.delta,
    ci: row.ci,
    verdict: row.verdict,
    monthly: undefined,
  };
  if (price.unpriceable) return { ...line, reason: price.unpriceable };
  // The anchor is priced even where our figure is not: it needs no repetitions.
  const withAnchor = row.published ? { ...line, anchor: { monthly: row.published.value * price.perUnit, value: row.published.value, source: row.published.source } } : line;
  const reason = unpricedReason(row);
  if (reason) return { ...withAnchor, reason };
  const ci = row.ci as Interval;
  return { ...withAnchor, monthly: { value: (row.delta as number) * price.perUnit, low: ci.low * price.perUnit, high: ci.high * price.perUnit } };
}

function unpricedReason(row: OverheadRow): string | undefined {
  if (row.verdict === 'missing data') return `missing data: ${row.error ?? 'not sampled'}`;
  if (row.verdict === 'insufficient repetitions' || row.delta === undefined || row.ci === undefined) {
    return `insufficient repetitions (${row.repetitions.baseline} baseline, ${row.repetitions.candidate} candidate): no 95% interval to price`;
  }
  return undefined;
}

function totalsOf(lines: readonly CostLine[]): CostTotal[] {
  const groups = new Map<string, CostLine[]>();
  for (const line of lines) {
    const key = JSON.stringify([line.comparison, line.experiment, line.rate ?? null, line.connections]);
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as CostLine;
    const priced = group.filter((line) => line.monthly);
    const sum = (pick: (money: Money) => number) => priced.reduce((total, line) => total + pick(line.monthly as Money), 0);
    const anchored = group.filter((line) => line.anchor);
    return {
      comparison: first.comparison,
      experiment: first.experiment,
      baseline: first.baseline,
      candidate: first.candidate,
      rate: first.rate,
      connections: first.connections,
      monthly: priced.length > 0 ? { value: sum((m) => m.value), low: sum((m) => m.low), high: sum((m) => m.high) } : undefined,
      unpriced: group.filter((line) => !line.monthly).map((line) => `${line.component} ${line.resource}: ${line.reason ?? ''}`),
      anchorMonthly: anchored.length > 0 ? anchored.reduce((total, line) => total + (line.anchor?.monthly ?? 0), 0) : undefined,
    };
  });
}
