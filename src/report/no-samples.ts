// Why a load cell has no latency, in the words every report uses next to "no samples". Pure.
import type { ErrorCounts, LoadCellResult } from '../results/types.ts';

/** "timeout 3, connect 2, HTTP 503 10": the non-zero error classes. */
export function errorBreakdown(errors: ErrorCounts): string {
  const classes: [string, number][] = [
    ['timeout', errors.timeout],
    ['connect', errors.connect],
    ...Object.entries(errors.http).map(([code, count]): [string, number] => [`HTTP ${code}`, count]),
    ['other', errors.other],
  ];
  return classes
    .filter(([, count]) => count > 0)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
}

/**
 * "all 50 requests timed out", "interrupted before the measured window", …: for a cell without a
 * successful request, where every measured outcome is an error (non-2xx answers included).
 */
export function whyNoSamples(result: LoadCellResult): string {
  const { errors, status, measuredMs } = result;
  const interrupted = status === 'partial';
  if (errors.total === 0) {
    if (interrupted) return measuredMs > 0 ? 'interrupted before any request completed' : 'interrupted before the measured window';
    return 'no request completed in the measured window';
  }
  const all = errors.timeout === errors.total ? `all ${errors.total} requests timed out` : `all ${errors.total} requests failed (${errorBreakdown(errors)})`;
  return interrupted ? `${all}, then interrupted` : all;
}
