// Whether a cell measured anything. Only successful requests have a latency, so a load cell has
// data when at least one request succeeded in its measured window, and a cold-start cell when at
// least one cold iteration answered. The one definition that the summary, the analyses, the CSVs
// and a run's "nothing measured" status share, so they count the same repetitions. Pure.
import type { CellResult, ColdStartCellResult, ColdStartIteration, LatencySummary, LoadCellResult } from './types.ts';

/** A load cell with latency: one repetition of every latency figure. */
export type SampledLoadCell = LoadCellResult & { latency: LatencySummary };

/** The cell's latency, or undefined without a successful request (results before then held count 0). */
export function latencyOf(result: LoadCellResult): LatencySummary | undefined {
  return result.latency !== undefined && result.latency.count > 0 ? result.latency : undefined;
}

/** A load cell, not errored, with at least one successful request in its measured window. */
export function hasLatency(result: CellResult): result is SampledLoadCell {
  return result.cell.type === 'load' && result.status !== 'errored' && latencyOf(result as LoadCellResult) !== undefined;
}

/** The iterations a cold-start figure is made of: really cold, and answered. */
export function answeredColdStarts(result: ColdStartCellResult): ColdStartIteration[] {
  return result.iterations.filter((iteration) => iteration.cold && iteration.ok);
}

/** Whether the cell produced data any report or analysis uses. */
export function hasData(result: CellResult): boolean {
  if (result.status === 'errored') return false;
  return result.cell.type === 'load' ? hasLatency(result) : answeredColdStarts(result as ColdStartCellResult).length > 0;
}
