// How `trend` judges, in sentences, for trend.html and trend.md: the reader sees the parameters
// the result was computed with, not the defaults.
import type { TrendOptions } from './analyse.ts';

export function trendMethodLines(options: TrendOptions): string[] {
  return [
    `Each series is analysed over its newest ${options.maxRuns} runs at most. Each run's value is the median of its repetitions; change points are looked for among the runs before the newest with E-divisive means (Matteson & James 2014, as Apache Otava runs it): energy-distance splits tested by ${options.permutations} permutations within segments, kept at p ≤ ${options.significance} and re-tested between their whole neighbouring segments (Hunter's merge step), with at least ${options.minSegment} runs on each side, so one spike is never a change. A segment's level is the median of its runs.`,
    `The newest run cannot be a change point yet: it is judged against the runs since the last change point (at least ${Math.max(2, options.minSegment)}), by the Hodges–Lehmann shift of its repetitions over theirs with an exact interval at ${+(options.confidence * 100).toFixed(2)}% for all judged series together (Bonferroni), and must also shift further than any run of that segment does over the others. The segment's latest runs (up to ${Math.max(0, options.minSegment - 1)}) that were off its level themselves when newest are left out of it, so a regression fails every run until it is a change point.`,
    'Every metric is a cost: a regression is a measurable rise. Noise alone fails the newest run of a series at most 2.5 % of the time when runs differ only as much as repetitions do, and at most 1 / (n + 1) for n segment runs when runs differ by more.',
  ];
}
