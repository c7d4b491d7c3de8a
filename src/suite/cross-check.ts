// Checks that need the whole suite (names that refer to each other, grace periods from profiles),
// which the schema cannot express. Pure: returns every problem with the path it is about.
import { canReachVerdict, minimumRepetitions } from '../analysis/shift.ts';
import { formatDuration } from './duration.ts';
import type { ColdStartExperiment, LoadExperiment, Profile, Suite, TargetName } from './schema.ts';
import { driverFor, experimentProfiles, gracePeriodMs, isKnative } from './scope.ts';

export interface CrossProblem {
  path: (string | number)[];
  message: string;
}

/** `target`: where the suite will run (the --target flag, else the suite's own): it decides the driver. */
export function crossCheck(suite: Suite, target: TargetName = suite.target): CrossProblem[] {
  const problems: CrossProblem[] = [];
  const profileNames = suite.profiles.map((profile) => profile.name);
  const loadExperiments = suite.experiments.filter((experiment) => experiment.type === 'load');

  duplicates(profileNames, (index, name) =>
    problems.push({ path: ['profiles', index], message: `duplicate profile "${name}"; expected each profile once` }),
  );
  duplicates(suite.experiments.map((experiment) => experiment.name), (index, name) =>
    problems.push({ path: ['experiments', index, 'name'], message: `duplicate experiment name "${name}"; expected unique names` }),
  );
  duplicates(suite.comparisons.map((comparison) => comparison.name), (index, name) =>
    problems.push({ path: ['comparisons', index, 'name'], message: `duplicate comparison name "${name}"; expected unique names` }),
  );

  suite.experiments.forEach((experiment, index) => {
    experiment.profiles?.forEach((name, position) => {
      if (!profileNames.includes(name)) {
        problems.push({ path: ['experiments', index, 'profiles', position], message: notIn('a profile of this suite', name, profileNames) });
      }
    });
    if (experiment.type === 'cold-start') problems.push(...coldStartProblems(suite, experiment, index, target));
    else if (driverFor(suite, experiment, target) === 'k6') problems.push(...k6Problems(experiment, index));
    const timeout = timeoutProblem(suite, experiment);
    if (timeout) problems.push({ path: ['experiments', index, 'timeout'], message: timeout });
  });

  suite.comparisons.forEach((comparison, index) => {
    const at = (key: string) => ['comparisons', index, key];
    for (const side of ['baseline', 'candidate'] as const) {
      if (!profileNames.includes(comparison[side])) {
        problems.push({ path: at(side), message: notIn('a profile of this suite', comparison[side], profileNames) });
      }
    }
    if (comparison.baseline === comparison.candidate) {
      problems.push({ path: at('candidate'), message: `expected a profile other than the baseline; got "${comparison.candidate}" for both` });
    }
    const experiment = suite.experiments.find((candidate) => candidate.name === comparison.experiment);
    if (comparison.experiment !== undefined && experiment?.type !== 'load') {
      const message = experiment
        ? `expected a load experiment; got "${experiment.name}", a ${experiment.type} experiment`
        : notIn('a load experiment of this suite', comparison.experiment, loadExperiments.map((load) => load.name));
      problems.push({ path: at('experiment'), message });
      return;
    }
    const shared = (experiment ? [experiment] : loadExperiments).filter((load) => {
      const names = experimentProfiles(suite, load).map((profile) => profile.name);
      return names.includes(comparison.baseline) && names.includes(comparison.candidate);
    });
    if (shared.length === 0 && comparison.baseline !== comparison.candidate) {
      const which = experiment ? `experiment "${experiment.name}"` : 'a load experiment';
      problems.push({
        path: ['comparisons', index],
        message: `expected ${which} that runs on both "${comparison.baseline}" and "${comparison.candidate}"; got none`,
      });
    }
  });

  const comparisonNames = suite.comparisons.map((comparison) => comparison.name);
  suite.thresholds.forEach((threshold, index) => {
    if (!comparisonNames.includes(threshold.comparison)) {
      problems.push({ path: ['thresholds', index, 'comparison'], message: notIn('a comparison of this suite', threshold.comparison, comparisonNames) });
    }
  });
  problems.push(...thresholdRepetitionProblems(suite));
  return problems;
}

/** The load experiments a comparison covers: its own, or every one that runs on both profiles. */
function comparedExperiments(suite: Suite, comparison: Suite['comparisons'][number]): LoadExperiment[] {
  return suite.experiments.filter(
    (experiment): experiment is LoadExperiment =>
      experiment.type === 'load' &&
      (comparison.experiment === undefined || experiment.name === comparison.experiment) &&
      [comparison.baseline, comparison.candidate].every((name) => experimentProfiles(suite, experiment).some((profile) => profile.name === name)),
  );
}

// A threshold is judged on the exact 95% interval (analysis/shift.ts), which m against n
// repetitions can reach only when C(m+n, m) ≥ 40; below that every run would fail it as
// "cannot be judged", so it is refused before anything runs. Both sides run the experiment's
// repetitions. One problem per experiment, naming every threshold it would leave unjudged.
function thresholdRepetitionProblems(suite: Suite): CrossProblem[] {
  const unjudged = new Map<number, string[]>();
  for (const threshold of suite.thresholds) {
    const comparison = suite.comparisons.find((candidate) => candidate.name === threshold.comparison);
    if (!comparison) continue;
    for (const experiment of comparedExperiments(suite, comparison)) {
      if (canReachVerdict(experiment.repetitions, experiment.repetitions)) continue;
      const index = suite.experiments.indexOf(experiment);
      unjudged.set(index, [...(unjudged.get(index) ?? []), `"${threshold.comparison}" ${threshold.metric}`]);
    }
  }
  return [...unjudged].map(([index, thresholds]) => {
    const experiment = suite.experiments[index] as LoadExperiment;
    return {
      path: ['experiments', index, 'repetitions'],
      message: `expected repetitions: ${minimumRepetitions()} or more (the exact 95% interval needs C(m+n, m) ≥ 40 for m and n repetitions a side), or no threshold can be judged here (${[...new Set(thresholds)].join(', ')}); got ${experiment.repetitions}`,
    };
  });
}

// Cold starts run on Knative profiles by default, and on plain Deployment profiles when named (the
// harness scales those 0 → 1 itself). Locally a Knative service must really be at zero after
// `idle`: the emulation stops its instance after the grace period, which it applies per cell. On a
// cluster the grace period is config-autoscaler's scale-to-zero-grace-period, one setting for the
// whole cluster with no per-service annotation (knative/serving@knative-v1.19.5
// pkg/autoscaler/config/config.go, pkg/apis/autoscaling/register.go; read by
// pkg/reconciler/autoscaling/kpa/scaler.go), which the profile sets: an experiment's own is
// refused rather than reported as if in force. There `idle` needs no floor: each iteration waits
// until Knative has scaled the service to zero (components/knative/time-to-zero.ts).
function coldStartProblems(suite: Suite, experiment: ColdStartExperiment, index: number, target: TargetName): CrossProblem[] {
  const problems: CrossProblem[] = [];
  const knative = experimentProfiles(suite, experiment).filter(isKnative);
  if (!experiment.profiles && knative.length === 0) {
    problems.push({
      path: ['experiments', index],
      message:
        'a cold-start experiment without `profiles` runs on the Knative profiles (serving.type: knative); expected at least one in the suite, got none (name Deployment profiles in `profiles` to time a plain Deployment 0 → 1)',
    });
  }
  if (target !== 'local') {
    if (experiment.gracePeriod !== undefined) {
      problems.push({
        path: ['experiments', index, 'gracePeriod'],
        message: `expected no gracePeriod on the ${target} target: there Knative's grace period is config-autoscaler's scale-to-zero-grace-period, one setting for the whole cluster (no per-service annotation), so it cannot differ per experiment; got ${formatDuration(experiment.gracePeriod)} — set serving.autoscaler.scaleToZeroGracePeriod in the profile instead`,
      });
    }
    return problems;
  }
  const idleProblems = new Set<string>();
  for (const profile of knative) {
    const grace = gracePeriodMs(experiment, profile);
    if (experiment.idle < grace) {
      const from =
        experiment.gracePeriod !== undefined
          ? 'the experiment gracePeriod'
          : profile.serving.autoscaler?.scaleToZeroGracePeriod !== undefined
            ? `profile "${profile.name}"`
            : `Knative's default, profile "${profile.name}" sets none`;
      idleProblems.add(
        `expected at least the scale-to-zero grace period, ${formatDuration(grace)} (${from}), or the service is not at zero yet; got ${formatDuration(experiment.idle)}`,
      );
    }
  }
  // A gracePeriod override gives every profile the same message: report it once.
  for (const message of idleProblems) problems.push({ path: ['experiments', index, 'idle'], message });
  return problems;
}

// The echo workload waits `delay` before every answer, and a cold service `startupDelay` before it
// listens: a timeout no longer than that times out every request, and the run would measure nothing.
// A profile's emulated proxy hop adds its proxyDelay to every load request. (Not to cold ones: a
// profile with a proxy hop is a Deployment, which the local target does not cold-start, and the
// cluster targets refuse emulation.)
function timeoutProblem(suite: Suite, experiment: LoadExperiment | ColdStartExperiment): string | undefined {
  const { delay, startupDelay } = suite.workload;
  if (experiment.type === 'load') {
    const slowest = experimentProfiles(suite, experiment).reduce<Profile | undefined>(
      (slow, profile) => ((profile.emulation?.proxyDelay ?? 0) > (slow?.emulation?.proxyDelay ?? 0) ? profile : slow),
      undefined,
    );
    const proxyDelay = slowest?.emulation?.proxyDelay ?? 0;
    if (experiment.timeout > delay + proxyDelay) return undefined;
    const what = slowest
      ? `the workload delay + the emulated proxyDelay of profile "${slowest.name}", ${formatDuration(delay)} + ${formatDuration(proxyDelay)}`
      : `the workload delay, ${formatDuration(delay)}`;
    return `expected a timeout above ${what}, or every request times out; got ${formatDuration(experiment.timeout)}`;
  }
  if (experiment.timeout > delay + startupDelay) return undefined;
  return `expected a timeout above the workload delay + startupDelay, ${formatDuration(delay)} + ${formatDuration(startupDelay)}, or every cold request times out; got ${formatDuration(experiment.timeout)}`;
}

// k6 refuses executor durations under one second (grafana/k6 lib/executor/constant_arrival_rate.go
// and constant_vus.go: minDuration = 1s, "the duration must be at least 1s"); the warm-up and the
// measured window are each a scenario of that executor (k6/load.ts), and no warm-up means none.
const K6_MIN_DURATION_MS = 1000;

function k6Problems(experiment: LoadExperiment, index: number): CrossProblem[] {
  const problems: CrossProblem[] = [];
  const short = (key: 'duration' | 'warmup', ms: number, none: string): void => {
    problems.push({
      path: ['experiments', index, key],
      message: `expected at least 1s${none} for the k6 driver (k6 refuses executor durations under 1s); got ${formatDuration(ms)} — or use driver: builtin`,
    });
  };
  if (experiment.duration < K6_MIN_DURATION_MS) short('duration', experiment.duration, '');
  if (experiment.warmup > 0 && experiment.warmup < K6_MIN_DURATION_MS) short('warmup', experiment.warmup, ' (or 0ms for none)');
  return problems;
}

function duplicates(names: string[], report: (index: number, name: string) => void): void {
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index) report(index, name);
  });
}

function notIn(what: string, got: string, known: string[]): string {
  const options = known.length ? ` (${known.map((name) => `"${name}"`).join(', ')})` : ' (there are none)';
  return `expected ${what}${options}; got "${got}"`;
}
