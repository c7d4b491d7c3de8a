// Which profiles an experiment runs on, which driver generates its load and which scale-to-zero
// grace period applies: shared by the loader's cross-checks and the plan, so both always agree.
import type { ColdStartExperiment, DriverName, Experiment, LoadExperiment, Profile, Suite, TargetName } from './schema.ts';

/** Knative's config-autoscaler default for scale-to-zero-grace-period. */
export const KNATIVE_DEFAULT_GRACE_PERIOD_MS = 30_000;

export function isKnative(profile: Profile): boolean {
  return profile.serving.type === 'knative';
}

/**
 * The suite profiles an experiment runs on, in suite order: the ones it names, else all of them —
 * except cold-start, which defaults to the Knative profiles (a plain Deployment 0 → 1 is measured
 * only on the Deployment profiles it names).
 */
export function experimentProfiles(suite: Suite, experiment: Experiment): Profile[] {
  const named = experiment.profiles;
  if (named) return suite.profiles.filter((profile) => named.includes(profile.name));
  return experiment.type === 'cold-start' ? suite.profiles.filter(isKnative) : suite.profiles;
}

/** The grace period on the local emulation, which applies an experiment's own per cell: that, the profile's autoscaler, Knative's default. */
export function gracePeriodMs(experiment: ColdStartExperiment, profile: Profile): number {
  return experiment.gracePeriod ?? profileGracePeriodMs(profile);
}

/** The grace period a profile puts in config-autoscaler (cluster-wide), else Knative's default. */
export function profileGracePeriodMs(profile: Profile): number {
  return profile.serving.autoscaler?.scaleToZeroGracePeriod ?? KNATIVE_DEFAULT_GRACE_PERIOD_MS;
}

/** Local runs need nothing installed, so they default to the built-in driver; clusters use k6. */
export function driverFor(suite: Pick<Suite, 'driver'>, experiment: LoadExperiment, target: TargetName): DriverName {
  return experiment.driver ?? suite.driver ?? (target === 'local' ? 'builtin' : 'k6');
}
