// The order cells run in (pure). Locally every profile's session can live at once (ports are
// dynamic), so load cells are interleaved across profiles: slow drift of the machine then hits
// every profile alike instead of whichever ran last. Clusters run one profile at a time (a cluster
// left running would skew the next), in plan order.
import type { TargetName } from '../suite/schema.ts';
import type { PlanCell, PlanGroup } from './types.ts';

export type Schedule = 'interleaved' | 'sequential';

export function scheduleFor(target: TargetName): Schedule {
  return target === 'local' ? 'interleaved' : 'sequential';
}

/**
 * Interleaved: per (experiment, repetition, point) one cell of each profile, profiles in suite
 * order on odd repetitions and reversed on even ones (A B C, C B A, …). Reversal balances position
 * every two repetitions whatever the number of profiles, so a linear drift cancels within each
 * pair; rotation (A B C, B C A, C A B) needs as many repetitions as profiles to balance. Each
 * profile's cold-start cells follow all load cells (they start from zero and need no partner).
 */
export function runOrder(groups: readonly PlanGroup[], experiments: readonly string[], schedule: Schedule): PlanCell[] {
  if (schedule === 'sequential') return groups.flatMap((group) => group.cells);
  const keyed = groups.flatMap((group, profileIndex) => {
    const seen = new Map<string, number>();
    return group.cells.flatMap((cell) => {
      if (cell.type !== 'load') return [];
      const slot = `${cell.experiment}/${cell.repetition}`;
      const point = seen.get(slot) ?? 0;
      seen.set(slot, point + 1);
      const position = cell.repetition % 2 === 1 ? profileIndex : -profileIndex;
      return [{ cell, key: [experiments.indexOf(cell.experiment), cell.repetition, point, position] }];
    });
  });
  keyed.sort((a, b) => compareKeys(a.key, b.key));
  const coldStarts = groups.flatMap((group) => group.cells.filter((cell) => cell.type === 'cold-start'));
  return [...keyed.map(({ cell }) => cell), ...coldStarts];
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
