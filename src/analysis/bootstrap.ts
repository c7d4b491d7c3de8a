// Bootstrap confidence interval of a difference of medians over repetitions. Seeded, so the same
// results always give the same interval (reports and CI verdicts must be reproducible).
import { median, quantileSorted } from 'simple-statistics';

export const BOOTSTRAP_RESAMPLES = 2000;
const SEED = 0x6d657368; // "mesh"

/** 95% interval of median(candidate) − median(baseline), resampling each side with replacement. */
export function bootstrapMedianDifference(
  baseline: readonly number[],
  candidate: readonly number[],
  resamples = BOOTSTRAP_RESAMPLES,
): { low: number; high: number } {
  // A fresh generator per interval: a row's interval does not depend on which rows came before.
  const random = mulberry32(SEED);
  const differences: number[] = [];
  for (let i = 0; i < resamples; i++) {
    differences.push(median(resample(candidate, random)) - median(resample(baseline, random)));
  }
  differences.sort((a, b) => a - b);
  return { low: quantileSorted(differences, 0.025), high: quantileSorted(differences, 0.975) };
}

function resample(values: readonly number[], random: () => number): number[] {
  return values.map(() => values[Math.floor(random() * values.length)]!);
}

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; plenty for resampling indices. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
