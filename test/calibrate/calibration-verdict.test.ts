import { describe, expect, it } from 'vitest';
import { judgeCalibration, type CalibrationSamples } from '../../src/calibrate/verdict.ts';

const base: CalibrationSamples = {
  injectedProxyDelayMs: 3,
  injectedStartupDelayMs: 300,
  p50: { plain: [0.9, 0.95, 1.0, 0.92, 0.97], plainAgain: [0.93, 0.96, 0.91, 0.99, 0.94], delayed: [3.95, 4.0, 3.9, 3.97, 4.02] },
  workloadStarts: { instant: [110, 120, 115, 118, 112], delayed: [415, 420, 418, 411, 425] },
};

describe('calibration verdict', () => {
  it('passes when both injected costs are recovered within tolerance, and reports the errors', () => {
    const calibration = judgeCalibration(base);
    expect(calibration.passed).toBe(true);
    const [proxy, startup, aa] = calibration.checks;
    expect(proxy!.measuredMs).toBeCloseTo(3.97 - 0.95, 6);
    expect(proxy!.errorMs).toBeCloseTo(0.02, 6);
    expect(startup!.measuredMs).toBe(418 - 115);
    expect(startup!.toleranceMs).toBe(30);
    expect(aa).toMatchObject({ name: 'A/A: two identical proxy hops (p50 shift)', passed: true });
    expect(calibration.noiseFloorMs).toBeGreaterThan(0);
    expect(calibration.noiseFloorMs).toBeLessThan(0.1);
  });

  it('fails when the measured proxy delta is off by more than 0.25 ms', () => {
    const off = { ...base, p50: { ...base.p50, delayed: base.p50.delayed.map((value) => value + 0.3) } };
    const calibration = judgeCalibration(off);
    expect(calibration.passed).toBe(false);
    expect(calibration.checks[0]!.passed).toBe(false);
    expect(calibration.checks[1]!.passed).toBe(true);
  });

  it('fails, never passes silently, when nothing was measured', () => {
    const empty = { ...base, workloadStarts: { instant: [], delayed: [] } };
    expect(judgeCalibration(empty).passed).toBe(false);
  });

  it('fails when the A/A pair comes out measurably different, though both known answers are recovered', () => {
    const drifted = { ...base, p50: { ...base.p50, plainAgain: base.p50.plain.map((value) => value + 0.2) } };
    const calibration = judgeCalibration(drifted);
    expect(calibration.checks.slice(0, 2).every((check) => check.passed)).toBe(true);
    expect(calibration.checks[2]!.passed).toBe(false);
    expect(calibration.passed).toBe(false);
  });

  it('cannot pass the A/A check below 4 repetitions a side: no interval, no verdict', () => {
    const three = { ...base, p50: { ...base.p50, plain: base.p50.plain.slice(0, 3), plainAgain: base.p50.plainAgain.slice(0, 3) } };
    const aa = judgeCalibration(three).checks[2]!;
    expect(aa.passed).toBe(false);
    expect(aa.criterion).toMatch(/needs 4 or more repetitions a side/);
  });
});
