// Whether a cell measured anything: what separates a run that reports numbers from one that
// failed. A cell counts when it did not error and holds at least one sample — a successful
// request (load), or a cold start that answered (cold-start; warm baselines and discarded warm
// iterations are not cold starts).
import type { CellResult } from '../results/types.ts';

export function measuredSomething(result: CellResult): boolean {
  if (result.status === 'errored') return false;
  if ('iterations' in result) return result.iterations.some((iteration) => iteration.ok && iteration.cold);
  return (result.latency?.count ?? 0) > 0;
}
