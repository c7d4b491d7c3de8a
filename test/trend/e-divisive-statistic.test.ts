// The divergence E-divisive maximises, checked against a direct evaluation of Matteson & James'
// formula: with every split accepted (significance 1), the cuts found must be those of the
// hierarchical search that evaluates Q̂ over every admissible (τ, κ) by brute force. The
// incremental sums (prefix sums of the distance matrix) are what this guards.
import { describe, expect, it } from 'vitest';
import { eDivisive } from '../../src/trend/e-divisive.ts';
import { seededRandom } from '../../src/seeded-random.ts';

/** Q̂(X, Y) with α = 1, straight from the definition. */
function q(x: number[], y: number[]): number {
  const mean = (pairs: [number, number][]) => (pairs.length === 0 ? 0 : pairs.reduce((sum, [a, b]) => sum + Math.abs(a - b), 0) / pairs.length);
  const within = (v: number[]) => v.flatMap((a, i) => v.slice(i + 1).map((b): [number, number] => [a, b]));
  const between = x.flatMap((a) => y.map((b): [number, number] => [a, b]));
  return ((x.length * y.length) / (x.length + y.length)) * (2 * mean(between) - mean(within(x)) - mean(within(y)));
}

function bruteForce(values: number[], minSegment: number): number[] {
  const cuts: number[] = [];
  for (;;) {
    const bounds = [0, ...cuts, values.length];
    let best: { index: number; q: number } | undefined;
    for (let s = 0; s + 1 < bounds.length; s++) {
      const [start, end] = [bounds[s]!, bounds[s + 1]!];
      for (let tau = start + minSegment; tau <= end - minSegment; tau++) {
        for (let kappa = tau + minSegment; kappa <= end; kappa++) {
          const value = q(values.slice(start, tau), values.slice(tau, kappa));
          if (best === undefined || value > best.q) best = { index: tau, q: value };
        }
      }
    }
    if (best === undefined) return cuts;
    cuts.push(best.index);
    cuts.sort((a, b) => a - b);
  }
}

describe('E-divisive statistic', () => {
  it('finds the cuts a brute-force evaluation of Q̂ finds', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const random = seededRandom(seed);
      const values = Array.from({ length: 26 }, (_, i) => random() * 10 + (i > 9 ? 3 : 0) + (i > 18 ? -5 : 0));
      for (const minSegment of [2, 3, 5]) {
        const found = eDivisive(values, { minSegment, significance: 1, permutations: 1, random: seededRandom(seed) }).map((change) => change.index);
        expect(found, `seed ${seed}, minSegment ${minSegment}`).toEqual(bruteForce(values, minSegment));
      }
    }
  });

  it('refuses a minimum segment length that is not a positive integer', () => {
    expect(() => eDivisive([1, 2, 3], { minSegment: 0, significance: 0.01, permutations: 9, random: Math.random })).toThrow(RangeError);
  });
});
