// Cold-start overhead (the shift of cold over warm totals) as every report format shows it, next to
// the cold-start table of its experiment. The cells are plain text; each format escapes them.
import type { Analysis, ColdStartOverheadRow } from '../analysis/types.ts';
import { formatCi, formatDeltaMs, formatMs } from './format.ts';

export const COLD_START_OVERHEAD_NOTE =
  'Overhead = the Hodges–Lehmann shift of cold totals over warm-baseline totals (request sent → first byte): the median of all cold − warm differences between iterations, with its exact Mann–Whitney 95% confidence interval over iterations.';

export const COLD_START_OVERHEAD_HEADER = ['Profile', 'Services', 'Cold median', 'Warm median', 'Overhead', '95% CI', 'Verdict', 'Samples (cold / warm)'];

export function coldStartOverheadRows(analysis: Analysis | undefined, experiment: string): ColdStartOverheadRow[] {
  return (analysis?.coldStartOverheads ?? []).filter((row) => row.experiment === experiment);
}

export function coldStartOverheadCells(row: ColdStartOverheadRow): { profile: string; cells: string[] } {
  return {
    profile: row.profile,
    cells: [
      String(row.services),
      formatMs(row.coldMs),
      formatMs(row.warmMs),
      row.overheadMs === undefined ? '–' : formatDeltaMs(row.overheadMs),
      formatCi(row.ci),
      verdictText(row),
      `${row.samples.cold} / ${row.samples.warm}`,
    ],
  };
}

function verdictText(row: ColdStartOverheadRow): string {
  switch (row.verdict) {
    case 'slower':
      return 'cold is slower';
    case 'faster':
      return 'cold is faster (check the warm baseline)';
    case 'no measurable difference':
      return 'no measurable difference';
    case 'insufficient iterations':
      return 'insufficient iterations for a 95% interval';
    case 'insufficient data':
      return row.samples.warm === 0 ? 'insufficient data: no warm answer' : 'insufficient data: no cold answer';
  }
}
