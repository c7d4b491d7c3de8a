import { describe, expect, it } from 'vitest';
import { arrivalOffsets, seedFrom } from '../../src/drivers/builtin/arrivals.ts';

const take = (next: () => number, n: number): number[] => Array.from({ length: n }, next);

describe('arrival schedules', () => {
  it('constant arrivals are evenly spaced at 1/rate', () => {
    expect(take(arrivalOffsets('constant', 400, 1), 4)).toEqual([0, 2.5, 5, 7.5]);
  });

  it('poisson arrivals repeat for a seed, differ across seeds, and average 1/rate apart', () => {
    const a = take(arrivalOffsets('poisson', 100, seedFrom('cell/r1')), 20_000);
    expect(take(arrivalOffsets('poisson', 100, seedFrom('cell/r1')), 20_000)).toEqual(a);
    expect(take(arrivalOffsets('poisson', 100, seedFrom('cell/r2')), 5)).not.toEqual(a.slice(0, 5));

    const gaps = a.slice(1).map((t, i) => t - a[i]!);
    const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
    expect(mean).toBeGreaterThan(9.7);
    expect(mean).toBeLessThan(10.3);
    // Exponential gaps: the standard deviation equals the mean (constant gaps would give 0).
    const sd = Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / gaps.length);
    expect(sd / mean).toBeGreaterThan(0.9);
    expect(sd / mean).toBeLessThan(1.1);
    expect(gaps.every((g) => g >= 0 && Number.isFinite(g))).toBe(true);
  });
});
