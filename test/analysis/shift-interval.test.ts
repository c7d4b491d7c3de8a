// Known answers for the exact Mann–Whitney interval: sizes, ranks and coverages from the exact
// null distribution (Hollander & Wolfe, table A.6: for m = n = 5 the two-sided 5 % critical U is 2).
import { describe, expect, it } from 'vitest';
import { canReachVerdict, minimumRepetitions, shiftInterval } from '../../src/analysis/shift.ts';

describe('shiftInterval', () => {
  it('is the median of pairwise differences', () => {
    expect(shiftInterval([1, 2, 3], [11, 12, 13, 100]).shift).toBe(10.5);
  });

  it('has no interval at 3 against 3 (the smallest p-value is 2/20) and one at 4 against 4 (2/70)', () => {
    expect(shiftInterval([1, 2, 3], [4, 5, 6]).ci).toBeUndefined();
    const four = shiftInterval([1, 2, 3, 4], [5, 6, 7, 8]);
    // k = 1: the extreme pairwise differences, 8 − 1 and 5 − 4; coverage 1 − 2/70.
    expect(four.ci).toEqual({ low: 1, high: 7 });
    expect(four.coverage).toBeCloseTo(1 - 2 / 70, 12);
  });

  it('uses rank 3 at 5 against 5: coverage 1 − 2·4/252', () => {
    const result = shiftInterval([0, 10, 20, 30, 40], [1, 11, 21, 31, 41]);
    expect(result.coverage).toBeCloseTo(1 - 8 / 252, 12);
    // 25 differences of 1 − 40 … 41 − 0; 1 + 10·(i − j), one −39 and two −29 at the bottom: the 3rd smallest is −29, the 3rd largest 31.
    expect(result.ci).toEqual({ low: -29, high: 31 });
  });

  it('agrees with the exact interval where the normal approximation takes over', () => {
    const a = Array.from({ length: 60 }, (_, i) => i);
    const b = a.map((x) => x + 5.5);
    const result = shiftInterval(a, b);
    expect(result.shift).toBe(5.5);
    expect(result.coverage).toBeGreaterThanOrEqual(0.95);
    expect(result.coverage).toBeLessThan(0.955);
  });

  it('can reach a verdict only when C(m+n, m) ≥ 40', () => {
    expect(minimumRepetitions()).toBe(4);
    expect(canReachVerdict(3, 4)).toBe(false); // C(7,3) = 35
    expect(canReachVerdict(3, 5)).toBe(true); // 56
    expect(canReachVerdict(2, 8)).toBe(true); // 45
    expect(canReachVerdict(1, 38)).toBe(false); // 39
  });
});
