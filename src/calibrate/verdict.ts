// Pure judgement of a calibration: how far the measured overhead and startup are from the
// injected truth, and an A/A comparison of two identical configurations, which must come out
// "no measurable difference" and gives the noise floor.
import { canReachVerdict, shiftInterval } from '../analysis/shift.ts';

/** Tolerances the calibration is judged by (README "meshbench calibrate"). */
export const TOLERANCE = {
  /** p50 delta of the proxy hop with and without the injected delay: 0.25 ms, where this 2-core
   * machine's errors over 5 runs were −0.03 … +0.01 ms and the A/A noise floor 0.35–0.5 ms. */
  proxyDelayMs: 0.25,
  /** The workload's start (spawned → port open) with and without the injected startup delay, relative to the injection. */
  startupShare: 0.1,
} as const;

export interface CalibrationSamples {
  injectedProxyDelayMs: number;
  injectedStartupDelayMs: number;
  /** Per-repetition p50 latency, ms: proxy hop with delay 0 (twice: A and A') and with the injected delay. */
  p50: { plain: number[]; plainAgain: number[]; delayed: number[] };
  /**
   * The workload's start in each cold start (its phases spawned → port_open), ms, without and with
   * the startup delay. Not the cold-start total: queue-proxy starts alongside the workload, so
   * part of the delay hides behind it and the total grows by less (245–313 ms for 300 ms here).
   */
  workloadStarts: { instant: number[]; delayed: number[] };
}

export interface Check {
  name: string;
  injectedMs: number;
  measuredMs: number;
  ci: { low: number; high: number } | undefined;
  errorMs: number;
  /** Known-answer checks: the largest |error| that passes. */
  toleranceMs: number | undefined;
  /** What passing means, when it is not |error| ≤ tolerance. */
  criterion?: string;
  passed: boolean;
}

export interface Calibration {
  checks: Check[];
  /** Smallest p50 difference distinguishable from noise here: the A/A interval's half-width. */
  noiseFloorMs: number | undefined;
  passed: boolean;
}

export function judgeCalibration(samples: CalibrationSamples): Calibration {
  const proxy = check(
    'proxy hop delay (p50 delta)',
    samples.injectedProxyDelayMs,
    samples.p50.plain,
    samples.p50.delayed,
    TOLERANCE.proxyDelayMs,
  );
  const startup = check(
    'workload startup delay (spawned → port open)',
    samples.injectedStartupDelayMs,
    samples.workloadStarts.instant,
    samples.workloadStarts.delayed,
    samples.injectedStartupDelayMs * TOLERANCE.startupShare,
  );
  const aa = aaCheck(samples.p50.plain, samples.p50.plainAgain);
  const checks = [proxy, startup, aa];
  return {
    checks,
    noiseFloorMs: aa.ci ? Math.max(Math.abs(aa.ci.low), Math.abs(aa.ci.high)) : undefined,
    passed: checks.every((c) => c.passed),
  };
}

/** Two identical proxy hops: their 95 % interval must contain 0 (false alarms ≤ 5 % by construction). */
function aaCheck(first: number[], second: number[]): Check {
  const name = 'A/A: two identical proxy hops (p50 shift)';
  const criterion = 'no measurable difference (95% CI contains 0)';
  if (!canReachVerdict(first.length, second.length)) {
    return { name, injectedMs: 0, measuredMs: NaN, ci: undefined, errorMs: NaN, toleranceMs: undefined, criterion: `${criterion}; needs 4 or more repetitions a side`, passed: false };
  }
  const { shift, ci } = shiftInterval(first, second);
  return { name, injectedMs: 0, measuredMs: shift, ci, errorMs: shift, toleranceMs: undefined, criterion, passed: ci!.low <= 0 && ci!.high >= 0 };
}

function check(name: string, injectedMs: number, without: number[], withInjection: number[], toleranceMs: number): Check {
  if (without.length === 0 || withInjection.length === 0) {
    return { name, injectedMs, measuredMs: NaN, ci: undefined, errorMs: NaN, toleranceMs, passed: false };
  }
  // The Hodges–Lehmann shift, like every other delta (analysis/shift.ts): always inside its interval.
  const { shift: measuredMs, ci } = shiftInterval(without, withInjection);
  const errorMs = measuredMs - injectedMs;
  return {
    name,
    injectedMs,
    measuredMs,
    ci,
    errorMs,
    toleranceMs,
    passed: Math.abs(errorMs) <= toleranceMs,
  };
}
