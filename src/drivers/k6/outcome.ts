// k6's raw samples (and, optionally, its summary) → the LoadOutcome every report
// and comparison reads, so a k6 cell and a builtin cell look alike.
import type { LatencySummary } from '../../results/types.ts';
import { encodeHistogram, summarise } from '../../results/histogram.ts';
import { MIN_SENT_SHARE } from '../builtin/saturation.ts';
import type { LoadOutcome } from '../driver.ts';
import type { K6Summary } from './parse-summary.ts';
import type { K6Samples } from './samples.ts';

/** HDR with 3 significant digits is within 0.1 %; k6 interpolates between samples: allow 1 % more. */
export const CROSS_CHECK_TOLERANCE = 0.001 + 0.01;

export interface K6OutcomeOptions {
  /** Arrival rate the cell asked k6 for (open model); undefined for the closed model. */
  targetRps?: number;
  /** The run was cut short by the abort signal. */
  aborted?: boolean;
}

export interface K6Result {
  outcome: LoadOutcome;
  /** Things a reader should know: skipped lines, a summary that disagrees, failed checks. */
  warnings: string[];
}

/**
 * The measured window spans the first to the last sample. With whole-second
 * timestamps (CSV `unix`) the last second's samples sit anywhere in that second,
 * so the window extends by one resolution step.
 */
const windowMs = (s: K6Samples): number =>
  s.firstMs === undefined || s.lastMs === undefined ? 0 : s.lastMs - s.firstMs + s.timeResolutionMs;

function saturationReason(s: K6Samples, measuredMs: number, targetRps: number | undefined): string | undefined {
  if (s.attempts === 0) return 'k6 recorded no http_req_duration samples in the measured window';
  const reasons: string[] = [];
  if (s.droppedIterations > 0) {
    reasons.push(`k6 dropped ${s.droppedIterations} iterations (no free VU: raise maxVUs or use more runners)`);
  }
  // Requests sent, answered or not: a server refusing connections is not a saturated driver.
  const sentRps = measuredMs > 0 ? s.attempts / (measuredMs / 1000) : 0;
  if (targetRps !== undefined && targetRps > 0 && sentRps < MIN_SENT_SHARE * targetRps) {
    reasons.push(
      `k6 sent ${sentRps.toFixed(1)} requests/s, below ${MIN_SENT_SHARE * 100} % of the target ${targetRps}/s`,
    );
  }
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/** The cell's outcome from parsed samples (already cut to the measured scenario). */
export function k6Outcome(samples: K6Samples, options: K6OutcomeOptions = {}): LoadOutcome {
  const measuredMs = windowMs(samples);
  const reason = saturationReason(samples, measuredMs, options.targetRps);
  return {
    // Like the builtin driver: requests that got a response; connection failures
    // and timeouts are counted in `errors` only.
    requests: samples.responses,
    errors: samples.errors,
    measuredMs,
    achievedRps: measuredMs > 0 ? samples.responses / (measuredMs / 1000) : 0,
    // k6 does not expose how late each iteration started against its schedule;
    // lateness shows up as dropped_iterations instead (see saturation above).
    sendLag: { p50: 0, p99: 0, max: 0 },
    saturated: reason !== undefined,
    ...(reason === undefined ? {} : { saturationReason: reason }),
    latency: summarise(samples.histogram),
    histogram: encodeHistogram(samples.histogram),
    aborted: options.aborted ?? false,
  };
}

/**
 * Compare our histogram's p90 with k6's own p(90) (of successful responses when the
 * summary has that submetric). A warning when they differ by more than HDR
 * precision + 1 %; undefined when they agree or the summary has no p(90). The
 * summary covers the warm-up too, so a mismatch is a prompt to look, not an error.
 */
export function crossCheckP90(latency: LatencySummary, summary: K6Summary): string | undefined {
  const trend = summary.httpReqDurationExpected ?? summary.httpReqDuration;
  const theirs = trend?.p90;
  if (theirs === undefined) return undefined;
  if (latency.count === 0) {
    return theirs > 0 ? `k6 summary reports p(90) ${theirs} ms but the samples hold no successful request` : undefined;
  }
  const ours = latency.p90;
  const diff = Math.abs(ours - theirs) / Math.max(Math.abs(theirs), Number.MIN_VALUE);
  if (diff <= CROSS_CHECK_TOLERANCE) return undefined;
  return `p90 from k6 samples (${ours.toFixed(3)} ms) differs from k6's summary p(90) (${theirs.toFixed(3)} ms) by ${(diff * 100).toFixed(1)} %`;
}

/** Outcome plus warnings: malformed lines skipped, summary disagreement, failed checks or thresholds. */
export function combineK6Results(
  samples: K6Samples,
  summary: K6Summary | undefined,
  options: K6OutcomeOptions = {},
): K6Result {
  const outcome = k6Outcome(samples, options);
  const warnings: string[] = [];
  if (samples.malformedLines > 0) warnings.push(`${samples.malformedLines} malformed k6 output lines skipped`);
  if (summary !== undefined) {
    const mismatch = crossCheckP90(outcome.latency, summary);
    if (mismatch !== undefined) warnings.push(mismatch);
    if (summary.checks !== undefined && summary.checks.fails > 0) {
      warnings.push(`${summary.checks.fails} k6 checks failed (of ${summary.checks.passes + summary.checks.fails})`);
    }
    for (const t of summary.thresholds.filter((x) => !x.passed)) {
      warnings.push(`k6 threshold failed: ${t.metric} ${t.expression}`);
    }
  }
  return { outcome, warnings };
}
