// How many cells a suite's plan has and how long it takes, by arithmetic on the suite: expandPlan
// builds every cell, which for `repetitions: 1000000000` would fill the heap before anyone learnt
// the plan was absurd. Pure; the same totals as expandPlan (test/plan/plan-size-matches-the-plan).
import type { LoadExperiment, Suite, TargetName } from '../suite/schema.ts';
import { experimentProfiles } from '../suite/scope.ts';
import { coldStartCellEstimateMs, loadCellEstimateMs } from './expand.ts';
import { scheduleFor } from './order.ts';
import { referencePlan } from './reference.ts';
import { stackWarmupEstimateMs } from './warmup.ts';

export interface ExperimentSize {
  /** Index of the experiment in the suite. */
  index: number;
  cells: number;
  estimatedMs: number;
}

export interface PlanSize {
  experiments: ExperimentSize[];
  cells: number;
  /** Cells, stack warm-ups and the reference cell, as expandPlan estimates them. */
  estimatedMs: number;
}

export function planSize(suite: Suite, target: TargetName): PlanSize {
  const experiments = suite.experiments.map((experiment, index): ExperimentSize => {
    const profiles = experimentProfiles(suite, experiment);
    if (experiment.type === 'load') {
      const cells = profiles.length * loadCellsPerProfile(experiment);
      return { index, cells, estimatedMs: cells * loadCellEstimateMs(experiment) };
    }
    const perProfileMs = profiles.map((profile) => coldStartCellEstimateMs(suite, profile, experiment, target));
    return { index, cells: profiles.length * experiment.services.length, estimatedMs: experiment.services.length * sum(perProfileMs) };
  });
  // A stack is warmed once per profile that has load cells (plan/warmup.ts); sequential targets add the reference cell.
  const warmed = suite.profiles.filter((profile) =>
    suite.experiments.some((experiment) => experiment.type === 'load' && experimentProfiles(suite, experiment).includes(profile) && loadCellsPerProfile(experiment) > 0),
  );
  const warmupMs = warmed.length * stackWarmupEstimateMs(target, suite.stackWarmup);
  const referenceMs = scheduleFor(target) === 'sequential' ? referencePlan().estimatedMs : 0;
  return {
    experiments,
    cells: sum(experiments.map((experiment) => experiment.cells)),
    estimatedMs: sum(experiments.map((experiment) => experiment.estimatedMs)) + warmupMs + referenceMs,
  };
}

/** Repetitions × rates × connections, as expandPlan's loops. */
function loadCellsPerProfile(experiment: LoadExperiment): number {
  return experiment.repetitions * (experiment.model === 'open' ? (experiment.rates?.length ?? 0) : 1) * experiment.connections.length;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
