// Pairs the figures of two runs (pure): a baseline-run cell and a candidate-run cell pair when their
// profile (after --map), experiment and parameter point agree; each side keeps one value per
// repetition and metric (cell-metrics.ts), the unit of every interval — for cold starts, which
// have one cell per point, one value per cold iteration.
import type { Metric } from '../suite/schema.ts';
import { UsageError } from '../errors.ts';
import { hasLatency, type SampledLoadCell } from '../results/cell-data.ts';
import { cellMetrics, cellPoint, coldStartIterationMetrics, type CellPoint, type MetricUnit } from '../results/cell-metrics.ts';
import type { RunRecord } from '../results/run-record.ts';
import type { CellResult } from '../results/types.ts';

export interface RunInput {
  dir: string;
  record: RunRecord;
  results: CellResult[];
}

/** Baseline-run profile → candidate-run profile, from `--map old=new`. */
export type ProfileMap = ReadonlyMap<string, string>;

/** One metric at one point, both runs' per-repetition values. */
export interface PairedFigure {
  point: CellPoint;
  /** The candidate run's profile (the baseline's unless mapped). */
  candidateProfile: string;
  metric: string;
  unit: MetricUnit;
  baseline: number[];
  candidate: number[];
  /** The load cells behind a latency percentile, for the tail-sample rule of in-suite comparisons. */
  cells: { baseline: SampledLoadCell[]; candidate: SampledLoadCell[] };
}

export interface Pairing {
  figures: PairedFigure[];
  /** "baseline/load/100 rps · 4 conn" points measured in one run only. */
  unpaired: { baseline: string[]; candidate: string[] };
}

/** `--map old=new` values; every problem named at once, exit 2. */
export function parseProfileMap(values: readonly string[], baseline: RunRecord, candidate: RunRecord): Map<string, string> {
  const map = new Map<string, string>();
  const problems: string[] = [];
  const profiles = (record: RunRecord) => new Set(record.suite.profiles.map((profile) => profile.name));
  const inBaseline = profiles(baseline);
  const inCandidate = profiles(candidate);
  const targets = new Set<string>();
  for (const value of values) {
    const match = /^([^=]+)=([^=]+)$/.exec(value);
    if (!match) {
      problems.push(`--map ${value}: expected old=new (a baseline-run profile = a candidate-run profile)`);
      continue;
    }
    const [, from, to] = match as unknown as [string, string, string];
    if (!inBaseline.has(from)) problems.push(`--map ${value}: the baseline run has no profile ${from} (it has ${[...inBaseline].join(', ')})`);
    if (!inCandidate.has(to)) problems.push(`--map ${value}: the candidate run has no profile ${to} (it has ${[...inCandidate].join(', ')})`);
    if (map.has(from)) problems.push(`--map ${value}: ${from} is mapped twice`);
    if (targets.has(to)) problems.push(`--map ${value}: ${to} is the target of two mappings`);
    map.set(from, to);
    targets.add(to);
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return map;
}

export function pairFigures(baseline: RunInput, candidate: RunInput, map: ProfileMap): Pairing {
  const mapped = (profile: string) => map.get(profile) ?? profile;
  const baselineSide = collect(baseline.results, mapped);
  const candidateSide = collect(candidate.results, (profile) => profile);
  const figures: PairedFigure[] = [];
  for (const [key, base] of baselineSide) {
    const other = candidateSide.get(key);
    if (!other) continue;
    for (const [metric, values] of base.metrics) {
      const otherValues = other.metrics.get(metric);
      if (!otherValues) continue;
      figures.push({
        point: base.point,
        candidateProfile: other.point.profile,
        metric,
        unit: values.unit,
        baseline: values.values,
        candidate: otherValues.values,
        cells: { baseline: base.cells, candidate: other.cells },
      });
    }
  }
  const label = (point: CellPoint) => `${point.profile}/${point.experiment}/${point.point}`;
  return {
    figures,
    unpaired: {
      baseline: [...baselineSide].filter(([key]) => !candidateSide.has(key)).map(([, side]) => label(side.point)),
      candidate: [...candidateSide].filter(([key]) => !baselineSide.has(key)).map(([, side]) => label(side.point)),
    },
  };
}

/** A latency percentile: the in-suite rule on tail samples applies to it. */
export function isLatency(metric: string): metric is Metric {
  return metric === 'p50' || metric === 'p90' || metric === 'p99' || metric === 'p999';
}

interface Side {
  point: CellPoint;
  cells: SampledLoadCell[];
  metrics: Map<string, { unit: MetricUnit; values: number[] }>;
}

/** Per pairing key (profile as the candidate run names it, experiment, point): values in repetition order. */
function collect(results: readonly CellResult[], profileKey: (profile: string) => string): Map<string, Side> {
  const sides = new Map<string, Side>();
  const ordered = [...results].sort((a, b) => a.cell.repetition - b.cell.repetition);
  for (const result of ordered) {
    const point = cellPoint(result.cell);
    const key = JSON.stringify([profileKey(point.profile), point.experiment, point.point]);
    let side = sides.get(key);
    if (!side) sides.set(key, (side = { point, cells: [], metrics: new Map() }));
    if (hasLatency(result) && !result.saturated) side.cells.push(result);
    const figures = result.cell.type === 'cold-start' ? coldStartIterationMetrics(result) : cellMetrics(result);
    for (const { metric, unit, value } of figures) {
      const entry = side.metrics.get(metric) ?? { unit, values: [] };
      entry.values.push(value);
      side.metrics.set(metric, entry);
    }
  }
  return sides;
}
