// What a profile's cells will ask of its session, derived from the plan (pure).
import { k6RunnerOf } from '../drivers/k6/runner-choice.ts';
import type { PlanCell } from '../plan/types.ts';
import type { TargetName } from '../suite/schema.ts';
import type { ProfileNeeds } from '../targets/target.ts';

/** The needs of a profile's cells. */
export function profileNeeds(cells: readonly PlanCell[], target: TargetName): ProfileNeeds {
  return {
    coldStartServices: Math.max(0, ...cells.map((cell) => (cell.type === 'cold-start' ? cell.services : 0))),
    warmBaseline: cells.some((cell) => cell.type === 'cold-start' && cell.warmBaseline === true),
    inClusterK6: cells.some((cell) => cell.type === 'load' && cell.driver === 'k6' && k6RunnerOf(cell, target) !== 'local'),
    hostLoad: cells.some((cell) => cell.type === 'load' && (cell.driver === 'builtin' || k6RunnerOf(cell, target) === 'local')),
  };
}
