// Bootstrap confidence interval of a difference of medians over repetitions. Seeded, so the same
// results always give the same interval (reports and CI verdicts must be reproducible).
import { median, quantileSorted } from 'simple-statistics';
import { seededRandom } from '../seeded-random.ts';

export const BOOTSTRAP_RESAMPLES = 2000;
const SEED = 0x6d657368; // "mesh"

/** 95% interval of median(candidate) − median(baseline), resampling each side with replacement. */
export function bootstrapMedianDifference(
  baseline: readonly number[],
  candidate: readonly number[],
  resamples = BOOTSTRAP_RESAMPLES,
): { low: number; high: number } {
  // A fresh generator per interval: a row's interval does not depend on which rows came before.
  const random = seededRandom(SEED);
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
