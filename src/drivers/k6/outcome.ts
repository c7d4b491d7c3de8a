// The summaries of a cell's k6 runners → the LoadOutcome every report and comparison reads, so a
// k6 cell and a builtin cell look alike. Pure.
import { sampledLatency } from '../../results/histogram.ts';
import type { ErrorCounts } from '../../results/types.ts';
import { MIN_SENT_SHARE } from '../builtin/saturation.ts';
import type { LoadOutcome } from '../driver.ts';
import type { RunnerMeasure } from './summary-measure.ts';
import { histogramOfRunners } from './summary-quantiles.ts';

export interface K6OutcomeOptions {
  /** The cell's scheduled measured window and warm-up, milliseconds. */
  durationMs: number;
  warmupMs: number;
  /** Arrival rate the cell asked k6 for (open model); undefined for the closed model. */
  targetRps?: number;
  /** The run was cut short by the abort signal. */
  aborted?: boolean;
}

export interface K6Result {
  outcome: LoadOutcome;
  /** Things a reader should know: requests cut off unclassified, failed k6 thresholds. */
  warnings: string[];
}

function sumErrors(measures: readonly RunnerMeasure[]): ErrorCounts {
  const total: ErrorCounts = { total: 0, timeout: 0, connect: 0, http: {}, other: 0 };
  for (const { failures } of measures) {
    total.total += failures.total;
    total.timeout += failures.timeout;
    total.connect += failures.connect;
    total.other += failures.other;
    for (const [status, n] of Object.entries(failures.http)) total.http[status] = (total.http[status] ?? 0) + n;
  }
  return total;
}

/**
 * k6's arrival-rate and constant-VU executors start iterations only inside the scenario's
 * duration, so the measured window is the scheduled one. A run cut short covers what k6 ran of it
 * (its test run duration less the warm-up), or nothing when no summary says.
 */
function windowMs(measures: readonly RunnerMeasure[], options: K6OutcomeOptions): number {
  if (options.aborted !== true) return options.durationMs;
  const ran = Math.max(0, ...measures.map((m) => m.testRunDurationMs ?? 0)) - options.warmupMs;
  return Math.min(options.durationMs, Math.max(0, ran));
}

function saturationReason(attempts: number, dropped: number, measuredMs: number, targetRps: number | undefined): string | undefined {
  if (attempts === 0) return 'k6 sent no request in the measured window';
  const reasons: string[] = [];
  if (dropped > 0) reasons.push(`k6 dropped ${dropped} iterations (no free VU: raise maxVUs or use more runners)`);
  // Requests sent, answered or not: a server refusing connections is not a saturated driver.
  const sentRps = measuredMs > 0 ? attempts / (measuredMs / 1000) : 0;
  if (targetRps !== undefined && targetRps > 0 && sentRps < MIN_SENT_SHARE * targetRps) {
    reasons.push(`k6 sent ${sentRps.toFixed(1)} requests/s, below ${MIN_SENT_SHARE * 100} % of the target ${targetRps}/s`);
  }
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/** The cell's outcome from every runner's measure (one for a Job or a local k6, N for a TestRun). */
export function k6Outcome(measures: readonly RunnerMeasure[], options: K6OutcomeOptions): K6Result {
  const errors = sumErrors(measures);
  const histogram = histogramOfRunners(measures.map((m) => m.latency));
  const attempts = measures.reduce((n, m) => n + m.attempts, 0);
  const dropped = measures.reduce((n, m) => n + m.droppedIterations, 0);
  const measuredMs = windowMs(measures, options);
  // Like the builtin driver: requests that got a response; connection failures and timeouts are
  // counted in `errors` only.
  const requests = histogram.totalCount + Object.values(errors.http).reduce((n, v) => n + v, 0);
  const reason = saturationReason(attempts, dropped, measuredMs, options.targetRps);
  const warnings: string[] = [];
  const unclassified = measures.reduce((n, m) => n + m.unclassified, 0);
  if (unclassified > 0) warnings.push(`${unclassified} requests were cut off at the end of the measured window (counted as errors of class other)`);
  return {
    outcome: {
      requests,
      errors,
      measuredMs,
      achievedRps: measuredMs > 0 ? requests / (measuredMs / 1000) : 0,
      // k6 does not expose how late each iteration started against its schedule; lateness shows
      // up as dropped_iterations instead (see saturation above).
      sendLag: { p50: 0, p99: 0, max: 0 },
      saturated: reason !== undefined,
      ...(reason === undefined ? {} : { saturationReason: reason }),
      ...sampledLatency(histogram),
      aborted: options.aborted ?? false,
    },
    warnings,
  };
}
