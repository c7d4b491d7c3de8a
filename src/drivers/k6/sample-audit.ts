// The local runner keeps k6's raw samples next to its summary: an audit trail that must tell the
// same story. Pure: a warning for every way the two disagree.
import type { LatencySummary } from '../../results/types.ts';
import { summarise } from '../../results/histogram.ts';
import type { K6Samples } from './samples.ts';

/** HDR with 3 significant digits is within 0.1 %; the summary's rebuilt quantiles within 1 %. */
export const AUDIT_TOLERANCE = 0.001 + 0.01;

/** `latency`: k6's summary of the successful requests, absent when it has none. */
export function auditAgainstSamples(samples: K6Samples, latency: LatencySummary | undefined, source: string): string[] {
  const warnings: string[] = [];
  if (samples.malformedLines > 0) warnings.push(`${source}: ${samples.malformedLines} malformed lines skipped`);
  const fromSamples = summarise(samples.histogram);
  if (fromSamples.count !== (latency?.count ?? 0)) {
    warnings.push(`${source} holds ${fromSamples.count} successful requests in the measured window, k6's summary ${latency?.count ?? 0}`);
    return warnings;
  }
  if (!latency) return warnings;
  for (const key of ['p50', 'p90', 'p99'] as const) {
    const diff = Math.abs(fromSamples[key] - latency[key]) / Math.max(latency[key], Number.MIN_VALUE);
    if (diff > AUDIT_TOLERANCE) {
      warnings.push(`${key} from ${source} (${fromSamples[key].toFixed(3)} ms) differs from k6's summary (${latency[key].toFixed(3)} ms) by ${(diff * 100).toFixed(1)} %`);
    }
  }
  return warnings;
}
