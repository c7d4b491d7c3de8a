// Issue 12: `compare`'s "measurable" across runs, simulated. Runs made at different times drift
// apart: every repetition of a run shares its run's offset (lognormal, 1.5 × the within-run σ),
// and inside a run the figures drift linearly by about one σ end to end, on top of lognormal
// noise (σ = 5 %, a local p50's repetition spread) with 5 % of repetitions spiked ×1.3. Between
// two runs of one configuration a row must be called measurable at most 5 % of the time; the
// in-suite interval alone (noise floor 0) calls 30–53 % of such rows measurable, which is why
// `compare` has a floor. And a real change must still be found: the done-when's +2 ms on a 1 ms
// p50 (nearly) always, a 50 % change more often than not. Pure and seeded.
import { describe, expect, it } from 'vitest';
import { crossRunShift, verdictOf } from '../../src/compare/cross-run-shift.ts';
import type { PairedFigure } from '../../src/compare/pairing.ts';
import { seededRandom } from '../../src/seeded-random.ts';

const TRIALS = 4000;
const SIGMA = 0.05;
// A simulated rate scatters around its true value by √(0.05 · 0.95 / 4000) ≈ 0.34 %; three of those allowed.
const ALLOWED = 0.05 + 3 * Math.sqrt((0.05 * 0.95) / TRIALS);
const DRIFT = 1.5;

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** One run's repetitions of a figure whose true value is `value`; `drift`: the run-level offset in units of σ. */
function run(random: () => number, repetitions: number, value: number, drift: number): number[] {
  const offset = Math.exp(drift * SIGMA * normal(random));
  const slope = SIGMA * normal(random);
  return Array.from({ length: repetitions }, (_, i) => {
    const trend = 1 + slope * (repetitions === 1 ? 0 : i / (repetitions - 1) - 0.5);
    const spike = random() < 0.05 ? 1.3 : 1;
    return value * offset * trend * Math.exp(SIGMA * normal(random)) * spike;
  });
}

function figure(baseline: number[], candidate: number[]): PairedFigure {
  return {
    point: { profile: 'p', experiment: 'load', point: '100 rps · 4 conn' },
    candidateProfile: 'p',
    metric: 'cpu_per_1000',
    unit: 'cpu-s/1000 req',
    baseline,
    candidate,
    cells: { baseline: [], candidate: [] },
  };
}

interface Rates {
  /** compare's verdict: measurable increase or decrease. */
  measurable: number;
  /** The interval alone, as in-suite: it excludes 0. */
  naive: number;
}

function rates(seed: number, repetitions: number, drift: number, shift: (value: number) => number, trials = TRIALS): Rates {
  const random = seededRandom(seed);
  let measurable = 0;
  let naive = 0;
  for (let trial = 0; trial < trials; trial++) {
    const row = crossRunShift(figure(run(random, repetitions, 1, drift), run(random, repetitions, shift(1), drift)));
    if (row.verdict === 'measurable increase' || row.verdict === 'measurable decrease') measurable++;
    if (row.ci && verdictOf(row.ci, 0) !== 'no measurable difference') naive++;
  }
  return { measurable: measurable / trials, naive: naive / trials };
}

describe('cross-run verdicts', () => {
  it('call two runs of one configuration measurable at most 5% of the time, where the interval alone fails', () => {
    for (const repetitions of [4, 5, 8]) {
      const { measurable, naive } = rates(repetitions, repetitions, DRIFT, (value) => value);
      expect(measurable, `${repetitions} repetitions`).toBeLessThanOrEqual(ALLOWED);
      expect(naive, `${repetitions} repetitions, interval alone`).toBeGreaterThan(0.25);
    }
  });

  it('find the done-when regression, +2 ms on a 1 ms p50, at least 99% of the time', () => {
    const { measurable } = rates(11, 5, DRIFT, (value) => value + 2);
    expect(measurable).toBeGreaterThanOrEqual(0.99);
  });

  it('find a 50% change (10 σ) more often than not at 5 and 8 repetitions', () => {
    for (const repetitions of [5, 8]) {
      const { measurable } = rates(12 + repetitions, repetitions, DRIFT, (value) => value * 1.5);
      expect(measurable, `${repetitions} repetitions`).toBeGreaterThan(0.5);
    }
  });
});
