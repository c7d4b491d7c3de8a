// Pure judgement of a calibration: how far the measured overhead and cold start are from the
// injected truth, and the noise floor (an A/A comparison of two identical configurations).
import { shiftInterval } from '../analysis/shift.ts';

/** Tolerances the calibration is judged by (README "meshbench calibrate"). */
export const TOLERANCE = {
  /** p50 delta of the proxy hop with and without the injected delay. */
  proxyDelayMs: 0.5,
  /** Cold-start total with and without the injected startup delay, relative to the injection. */
  startupShare: 0.1,
} as const;

export interface CalibrationSamples {
  injectedProxyDelayMs: number;
  injectedStartupDelayMs: number;
  /** Per-repetition p50 latency, ms: proxy hop with delay 0 (twice: A and A') and with the injected delay. */
  p50: { plain: number[]; plainAgain: number[]; delayed: number[] };
  /** Cold-start totals (request sent → first byte), ms, without and with the startup delay. */
  coldTotals: { instant: number[]; delayed: number[] };
}

export interface Check {
  name: string;
  injectedMs: number;
  measuredMs: number;
  ci: { low: number; high: number } | undefined;
  errorMs: number;
  toleranceMs: number;
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
    'workload startup delay (cold-start total delta)',
    samples.injectedStartupDelayMs,
    samples.coldTotals.instant,
    samples.coldTotals.delayed,
    samples.injectedStartupDelayMs * TOLERANCE.startupShare,
  );
  const aa = samples.p50.plain.length > 0 && samples.p50.plainAgain.length > 0 ? shiftInterval(samples.p50.plain, samples.p50.plainAgain).ci : undefined;
  const checks = [proxy, startup];
  return {
    checks,
    noiseFloorMs: aa ? Math.max(Math.abs(aa.low), Math.abs(aa.high)) : undefined,
    passed: checks.every((c) => c.passed),
  };
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
