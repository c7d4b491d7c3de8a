// The longest plan a suite may have, checked on its arithmetic size (size.ts) before any cell is
// built, so `validate`, `plan` and `run` refuse a typo like `repetitions: 100000` with file, line
// and key instead of expanding it. Pure.
import { formatDuration } from '../suite/duration.ts';
import type { CrossProblem } from '../suite/cross-check.ts';
import type { Suite, TargetName } from '../suite/schema.ts';
import { experimentProfiles } from '../suite/scope.ts';
import type { ExperimentSize } from './size.ts';
import { planSize } from './size.ts';

/**
 * 10,000 cells print a 10,000-line plan and, at the 75 s cells of the shipped kind suite, take over
 * a week: a suite past that is a typo or a generator gone wrong.
 */
export const MAX_CELLS = 10_000;
/** A week: longer than any benchmark a machine stays quiet for, far past a nightly run's budget. */
export const MAX_ESTIMATED_MS = 7 * 24 * 3_600_000;

export function planLimitProblems(suite: Suite, target: TargetName): CrossProblem[] {
  const size = planSize(suite, target);
  const problems: CrossProblem[] = [];
  if (size.cells > MAX_CELLS) {
    const largest = maxBy(size.experiments, (experiment) => experiment.cells);
    problems.push({
      path: culprit(suite, largest, 'cells'),
      message: `expected a plan of at most ${count(MAX_CELLS)} cells; this one has ${count(size.cells)}, ${count(largest.cells)} of them from experiment "${suite.experiments[largest.index]!.name}" (${factorsText(suite, largest, 'cells')})`,
    });
  } else if (size.estimatedMs > MAX_ESTIMATED_MS) {
    const largest = maxBy(size.experiments, (experiment) => experiment.estimatedMs);
    problems.push({
      path: culprit(suite, largest, 'time'),
      message: `expected a plan that takes at most ${formatDuration(MAX_ESTIMATED_MS)} (7 days); this one takes about ${formatDuration(size.estimatedMs)}, ${formatDuration(largest.estimatedMs)} of it experiment "${suite.experiments[largest.index]!.name}" (${factorsText(suite, largest, 'time')}, about ${formatDuration(largest.estimatedMs / largest.cells)} a cell)`,
    });
  }
  return problems;
}

interface Factor {
  /** Where it is written, under the experiment (or the suite's profiles). */
  path: (string | number)[];
  value: number;
  noun: string;
  /** Multiplies the cell count (else only the time, as cold-start iterations do). */
  cells: boolean;
}

function factors(suite: Suite, { index }: ExperimentSize): Factor[] {
  const experiment = suite.experiments[index]!;
  const at = (key: string) => ['experiments', index, key];
  const profiles: Factor = {
    path: experiment.profiles ? at('profiles') : ['profiles'],
    value: experimentProfiles(suite, experiment).length,
    noun: 'profile',
    cells: true,
  };
  if (experiment.type === 'load') {
    return [
      { path: at('repetitions'), value: experiment.repetitions, noun: 'repetition', cells: true },
      ...(experiment.model === 'open' ? [{ path: at('rates'), value: experiment.rates?.length ?? 0, noun: 'rate', cells: true }] : []),
      { path: at('connections'), value: experiment.connections.length, noun: 'connection count', cells: true },
      profiles,
    ];
  }
  return [
    { path: at('services'), value: experiment.services.length, noun: 'service count', cells: true },
    { path: at('iterations'), value: experiment.iterations, noun: 'iteration', cells: false },
    profiles,
  ];
}

/** The factors of what is too big: the cell count, or the time (cold-start iterations too). */
function relevant(suite: Suite, size: ExperimentSize, what: 'cells' | 'time'): Factor[] {
  return factors(suite, size).filter((factor) => what === 'time' || factor.cells);
}

/** The key to point at: the experiment's largest factor of what is too big (the first on a tie). */
function culprit(suite: Suite, size: ExperimentSize, what: 'cells' | 'time'): (string | number)[] {
  const largest = maxBy(relevant(suite, size, what), (factor) => factor.value);
  return largest.value > 1 ? largest.path : ['experiments', size.index];
}

/** "1,000 repetitions × 5 rates × 1 connection count × 3 profiles". */
function factorsText(suite: Suite, size: ExperimentSize, what: 'cells' | 'time'): string {
  return relevant(suite, size, what)
    .map((factor) => `${count(factor.value)} ${factor.noun}${factor.value === 1 ? '' : 's'}`)
    .join(' × ');
}

function maxBy<T>(items: readonly T[], value: (item: T) => number): T {
  return items.reduce((best, item) => (value(item) > value(best) ? item : best));
}

function count(n: number): string {
  return n.toLocaleString('en');
}
