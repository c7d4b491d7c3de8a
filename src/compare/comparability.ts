// Whether two runs can be compared at all (pure). Reasons refuse the comparison: figures made
// under a different workload, window or load model differ for that reason alone. Warnings do not:
// another machine or cluster changes the numbers too, but comparing across them is sometimes the
// point (a new node pool), so it is said, not refused.
import { isDeepStrictEqual } from 'node:util';
import type { PlanCell } from '../plan/types.ts';
import { formatDuration } from '../suite/duration.ts';
import type { ProfileMap, RunInput } from './pairing.ts';

export interface Comparability {
  /** Why the runs cannot be compared; empty when they can. */
  reasons: string[];
  warnings: string[];
}

const ENVIRONMENT_FIELDS = ['hostname', 'platform', 'release', 'arch', 'cpus', 'cpuModel', 'memoryMiB', 'node'] as const;

export function comparability(baseline: RunInput, candidate: RunInput, map: ProfileMap): Comparability {
  const reasons: string[] = [];
  const warnings: string[] = [];
  const [a, b] = [baseline.record, candidate.record];
  if (a.target !== b.target) reasons.push(`target: ${a.target} in the baseline, ${b.target} in the candidate`);
  if (!isDeepStrictEqual(a.suite.workload, b.suite.workload)) {
    reasons.push(`workload: ${JSON.stringify(a.suite.workload)} in the baseline, ${JSON.stringify(b.suite.workload)} in the candidate`);
  }
  reasons.push(...experimentReasons(cellsOf(baseline), cellsOf(candidate)));

  for (const field of ENVIRONMENT_FIELDS) {
    if (a.environment[field] !== b.environment[field]) {
      warnings.push(`machine differs: ${field} ${a.environment[field]} in the baseline, ${b.environment[field]} in the candidate`);
    }
  }
  if (a.meshbenchVersion !== b.meshbenchVersion) warnings.push(`meshbench ${a.meshbenchVersion} recorded the baseline, ${b.meshbenchVersion} the candidate`);
  for (const stack of a.stacks ?? []) {
    const other = (b.stacks ?? []).find((s) => s.profile === (map.get(stack.profile) ?? stack.profile));
    if (!other) continue;
    const changed = [...new Set([...Object.keys(stack.facts), ...Object.keys(other.facts)])].filter((key) => stack.facts[key] !== other.facts[key]);
    if (changed.length > 0 || !isDeepStrictEqual(stack.dataPath, other.dataPath)) {
      const what = [...(isDeepStrictEqual(stack.dataPath, other.dataPath) ? [] : ['data path']), ...changed].join(', ');
      warnings.push(`stack of ${stack.profile}${other.profile === stack.profile ? '' : ` → ${other.profile}`} differs: ${what}`);
    }
  }
  for (const [name, record] of [['baseline', a], ['candidate', b]] as const) {
    if (record.status !== 'complete') warnings.push(`the ${name} run is ${record.status}: only the cells it measured are compared`);
    if (record.drift?.method === 'reference' && 'flagged' in record.drift && record.drift.flagged) {
      warnings.push(`the ${name} run flagged drift larger than the noise (reference cell)`);
    }
  }
  return { reasons, warnings };
}

/** One plan cell per experiment stands for its settings: expand.ts gives every cell of an experiment the same. */
function cellsOf(run: RunInput): Map<string, PlanCell> {
  const cells = new Map<string, PlanCell>();
  for (const group of run.record.plan.groups) for (const cell of group.cells) if (!cells.has(cell.experiment)) cells.set(cell.experiment, cell);
  return cells;
}

/** Per experiment present in both: what decides its figures besides the stack. */
function experimentReasons(baseline: Map<string, PlanCell>, candidate: Map<string, PlanCell>): string[] {
  const reasons: string[] = [];
  for (const [experiment, a] of baseline) {
    const b = candidate.get(experiment);
    if (!b) continue;
    const differ = (what: string, x: unknown, y: unknown) => {
      if (!isDeepStrictEqual(x, y)) reasons.push(`experiment ${experiment}: ${what} ${show(x)} in the baseline, ${show(y)} in the candidate`);
    };
    if (a.type !== b.type) {
      differ('type', a.type, b.type);
      continue;
    }
    if (a.type === 'load' && b.type === 'load') {
      differ('duration', ms(a.durationMs), ms(b.durationMs));
      differ('warmup', ms(a.warmupMs), ms(b.warmupMs));
      differ('model', a.model, b.model);
      differ('arrival', a.arrival, b.arrival);
      differ('driver', a.driver, b.driver);
      differ('timeout', ms(a.timeoutMs), ms(b.timeoutMs));
    } else if (a.type === 'cold-start' && b.type === 'cold-start') {
      differ('idle', ms(a.idleMs), ms(b.idleMs));
      differ('gracePeriod', ms(a.gracePeriodMs), ms(b.gracePeriodMs));
      differ('timeout', ms(a.timeoutMs), ms(b.timeoutMs));
      differ('warmBaseline', a.warmBaseline ?? false, b.warmBaseline ?? false);
    }
  }
  return reasons;
}

function ms(value: number | undefined): string {
  return value === undefined ? 'none' : formatDuration(value);
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
