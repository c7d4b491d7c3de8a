// Cold-start overhead: what starting from zero adds to a request, the Hodges–Lehmann shift of cold
// over warm totals, per profile × experiment × services, with its exact 95% interval over
// iterations (each iteration is one independent start, unlike load cells whose unit is the
// repetition). Pure.
import { median } from 'simple-statistics';
import { isWarmBaseline } from '../results/iterations.ts';
import type { CellResult, ColdStartCellResult } from '../results/types.ts';
import { shiftInterval } from './shift.ts';
import type { ColdStartOverheadRow } from './types.ts';

export function coldStartOverheads(results: readonly CellResult[]): ColdStartOverheadRow[] {
  const groups = new Map<string, ColdStartCellResult[]>();
  for (const result of results) {
    if (result.cell.type !== 'cold-start' || result.status === 'errored') continue;
    const key = [result.cell.profile, result.cell.experiment, result.cell.services].join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), result as ColdStartCellResult]);
  }
  return [...groups.values()].flatMap((group) => {
    const { cell } = group[0]!;
    const iterations = group.flatMap((result) => result.iterations).filter((it) => it.ok);
    // Only cells that asked for a warm baseline have an overhead to report.
    if (!group.some((result) => result.cell.warmBaseline)) return [];
    const warm = iterations.filter(isWarmBaseline).map((it) => it.totalMs);
    const cold = iterations.filter((it) => it.cold).map((it) => it.totalMs);
    return [{ profile: cell.profile, experiment: cell.experiment, services: cell.services, ...overhead(cold, warm) }];
  });
}

function overhead(cold: number[], warm: number[]): Omit<ColdStartOverheadRow, 'profile' | 'experiment' | 'services'> {
  const samples = { cold: cold.length, warm: warm.length };
  if (cold.length === 0 || warm.length === 0) {
    return { coldMs: undefined, warmMs: undefined, overheadMs: undefined, ci: undefined, verdict: 'insufficient data', samples };
  }
  const { shift, ci } = shiftInterval(warm, cold);
  const base = { coldMs: median(cold), warmMs: median(warm), overheadMs: shift, samples };
  if (!ci) return { ...base, ci: undefined, verdict: 'insufficient iterations' };
  // Like every other delta here: an interval containing 0 is reported as such, never a number alone.
  const verdict = ci.low > 0 ? 'slower' : ci.high < 0 ? 'faster' : 'no measurable difference';
  return { ...base, ci, verdict };
}
