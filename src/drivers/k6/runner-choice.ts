import type { LoadCell } from '../../plan/types.ts';
import type { K6Runner, TargetName } from '../../suite/schema.ts';

/** k6's runner for a cell: as the suite says, else the local binary on the local target, else in-cluster. */
export function k6RunnerOf(cell: LoadCell, target: TargetName): K6Runner {
  return cell.k6?.runner ?? (target === 'local' ? 'local' : (cell.k6?.parallelism ?? 1) > 1 ? 'testrun' : 'job');
}
