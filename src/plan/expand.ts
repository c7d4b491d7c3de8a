// Expands a suite into the ordered plan of cells. Pure: the same suite and target always give the
// same plan, which `meshbench plan` prints and `run` executes.
import { LOAD_SETUP_MS } from './allowances.ts';
import { knativeTimeToZero } from '../components/knative/time-to-zero.ts';
import type { ColdStartExperiment, DriverName, LoadExperiment, Profile, Suite, TargetName } from '../suite/schema.ts';
import { driverFor, experimentProfiles, gracePeriodMs, isKnative, profileGracePeriodMs } from '../suite/scope.ts';
import { runOrder, scheduleFor } from './order.ts';
import { referencePlan } from './reference.ts';
import type { ColdStartCell, LoadCell, Plan, PlanCell, PlanGroup } from './types.ts';
import { stackWarmup } from './warmup.ts';

/** Allowance per cold-start iteration for checking zero replicas and the request itself. */
const COLD_START_OVERHEAD_MS = 1_000;

/**
 * Grouped by profile in suite order so each profile's stack is prepared once; within a profile,
 * experiments in suite order. The order they run in is the schedule's (order.ts).
 */
export function expandPlan(suite: Suite, options: { target: TargetName }): Plan {
  const groups = suite.profiles
    .map((profile): PlanGroup => {
      const cells = suite.experiments.flatMap((experiment): PlanCell[] => {
        if (!experimentProfiles(suite, experiment).includes(profile)) return [];
        return experiment.type === 'load'
          ? loadCells(profile, experiment, driverFor(suite, experiment, options.target))
          : coldStartCells(suite, profile, experiment, options.target);
      });
      const warmup = stackWarmup(cells, options.target, suite.stackWarmup);
      const warmupMs = 'cell' in warmup ? warmup.estimatedMs : 0;
      return { profile, cells, warmup, estimatedMs: warmupMs + sum(cells.map((cell) => cell.estimatedMs)) };
    })
    .filter((group) => group.cells.length > 0);
  const schedule = scheduleFor(options.target);
  const reference = schedule === 'sequential' ? referencePlan() : undefined;
  return {
    suite: suite.name,
    target: options.target,
    groups,
    schedule,
    order: runOrder(groups, suite.experiments.map((experiment) => experiment.name), schedule).map((cell) => cell.id),
    ...(reference ? { reference } : {}),
    cellCount: sum(groups.map((group) => group.cells.length)),
    estimatedMs: sum(groups.map((group) => group.estimatedMs)) + (reference?.estimatedMs ?? 0),
  };
}

// Repetition is the outer loop: r1 covers every rate × connections point, then r2 …, so slow drift
// of the machine spreads over all points instead of biasing the last ones.
function loadCells(profile: Profile, experiment: LoadExperiment, driver: DriverName): LoadCell[] {
  const rates = experiment.model === 'open' ? (experiment.rates ?? []) : [undefined];
  const cells: LoadCell[] = [];
  for (let repetition = 1; repetition <= experiment.repetitions; repetition++) {
    for (const rate of rates) {
      for (const connections of experiment.connections) {
        const params = rate === undefined ? `c=${connections}` : `rate=${rate},c=${connections}`;
        cells.push({
          id: `${profile.name}/${experiment.name}/${params}/r${repetition}`,
          type: 'load',
          profile: profile.name,
          experiment: experiment.name,
          repetition,
          estimatedMs: loadCellEstimateMs(experiment),
          driver,
          model: experiment.model,
          arrival: experiment.arrival,
          rate,
          connections,
          durationMs: experiment.duration,
          warmupMs: experiment.warmup,
          timeoutMs: experiment.timeout,
          ...(experiment.k6 ? { k6: experiment.k6 } : {}),
        });
      }
    }
  }
  return cells;
}

/** A load cell's time: its warm-up, its window and the driver's start-up. */
export function loadCellEstimateMs(experiment: LoadExperiment): number {
  return experiment.warmup + experiment.duration + LOAD_SETUP_MS;
}

/** A cold-start cell's time: per iteration the quiet time, the workload's start-up and an allowance. */
export function coldStartCellEstimateMs(suite: Suite, profile: Profile, experiment: ColdStartExperiment, target: TargetName): number {
  // On a cluster an iteration also waits until Knative has really scaled the service to zero
  // (components/knative/time-to-zero.ts): the longer of that and `idle`. Locally the emulation
  // scales down after the grace period, which `idle` covers (suite/cross-check.ts).
  const quietMs = target !== 'local' && isKnative(profile) ? Math.max(experiment.idle, knativeTimeToZero(profile.serving.autoscaler).boundMs) : experiment.idle;
  return experiment.iterations * (quietMs + suite.workload.startupDelay + COLD_START_OVERHEAD_MS);
}

// One cell per services value: its iterations already repeat the measurement.
function coldStartCells(suite: Suite, profile: Profile, experiment: ColdStartExperiment, target: TargetName): ColdStartCell[] {
  const burst = experiment.burst > 1 ? `,burst=${experiment.burst}` : '';
  // The grace period in force: an experiment's own applies only locally (cross-check.ts refuses it
  // on clusters, where it is config-autoscaler's, one per cluster); a Deployment has none.
  const grace = isKnative(profile) ? { gracePeriodMs: target === 'local' ? gracePeriodMs(experiment, profile) : profileGracePeriodMs(profile) } : {};
  return experiment.services.map((services) => ({
    id: `${profile.name}/${experiment.name}/services=${services}${burst}/r1`,
    type: 'cold-start',
    profile: profile.name,
    experiment: experiment.name,
    repetition: 1,
    estimatedMs: coldStartCellEstimateMs(suite, profile, experiment, target),
    services,
    iterations: experiment.iterations,
    idleMs: experiment.idle,
    ...grace,
    timeoutMs: experiment.timeout,
    ...(experiment.burst > 1 ? { burst: experiment.burst } : {}),
    ...(experiment.warmBaseline ? { warmBaseline: true as const } : {}),
  }));
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
