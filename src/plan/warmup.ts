// What warms a profile's stack before its first measured cell (pure): a load cell like the
// profile's first, run through the same driver, whose figures are not recorded. The first cell
// after a profile started was systematically slower locally (a 300 rps cell's p99 23.7–37.9 ms vs
// 2.5–5.7 ms in its next repetition, 5 of 5 starts) and 4 s of warm-up in all removed it.
import { LOAD_SETUP_MS } from './allowances.ts';
import type { TargetName } from '../suite/schema.ts';
import type { LoadCell, PlanCell } from './types.ts';

/**
 * Locally 3 s: with a cell's own warm-up (1 s by default) that is the 4 s observed to remove the
 * effect. On clusters 30 s: a new Envoy, new pods and connection pools (and a k6 Job starting)
 * take longer to reach steady state than local processes.
 */
export const WARMUP_BUDGET_MS: Record<TargetName, number> = { local: 3_000, kind: 30_000, existing: 30_000 };


export type StackWarmupPlan = { cell: LoadCell; estimatedMs: number } | { skipped: string };

/** The warm-up of a profile whose cells are `cells` (in run order), or why there is none; `budgetMs` is the suite's `stackWarmup`. */
export function stackWarmup(cells: readonly PlanCell[], target: TargetName, budgetMs?: number): StackWarmupPlan {
  const first = cells.find((cell): cell is LoadCell => cell.type === 'load');
  if (!first) return { skipped: 'no load cells: cold-start cells start from zero by design' };
  if (budgetMs === 0) return { skipped: 'stackWarmup: 0s in the suite' };
  const durationMs = budgetMs ?? WARMUP_BUDGET_MS[target];
  const cell: LoadCell = {
    ...first,
    id: `${first.profile}/stack-warm-up`,
    repetition: 0,
    durationMs,
    warmupMs: 0,
    estimatedMs: stackWarmupEstimateMs(target, budgetMs),
  };
  return { cell, estimatedMs: cell.estimatedMs };
}

/** The time a profile with load cells spends warming its stack: none when `stackWarmup` is 0s. */
export function stackWarmupEstimateMs(target: TargetName, budgetMs?: number): number {
  return budgetMs === 0 ? 0 : (budgetMs ?? WARMUP_BUDGET_MS[target]) + LOAD_SETUP_MS;
}
