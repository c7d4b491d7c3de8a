// How long a Knative service takes to have no pod at all after its last request, from the settings
// in force — knative/serving@knative-v1.19.5:
// 1. the autoscaler wants 0 only once its stable window holds no traffic, and the PodAutoscaler is
//    marked inactive only after being active for that window (pkg/reconciler/autoscaling/kpa/
//    scaler.go handleScaleToZero; the window is the revision's autoscaling.knative.dev/window
//    annotation, else config-autoscaler stable-window, 60s by default: pkg/reconciler/autoscaling/
//    resources/metric.go StableWindow, pkg/autoscaler/config/config.go);
// 2. then the Deployment is scaled to 0 once the revision has been inactive for the grace period
//    or the pod retention period, whichever is longer — sooner when the activator has already been
//    in the path that long (same function: lastPodMaxTimeout, ProxyFor);
// 3. then the pod terminates: queue-proxy sleeps drainSleepDuration = 30s on SIGTERM
//    (pkg/queue/sharedmain/main.go) and user-container's preStop waits for it (pkg/reconciler/
//    revision/resources/deploy.go); terminationGracePeriodSeconds is the revision timeout, 300s by
//    default (deploy.go BuildPodSpec, pkg/apis/config/defaults.go), so the drain is never cut short.
// Defaults: 60s + 30s + 30s = 2m to "no pods". Pure.
import type { Profile } from '../../suite/schema.ts';
import { KNATIVE_DEFAULT_GRACE_PERIOD_MS } from '../../suite/scope.ts';
import { formatDuration } from '../../suite/duration.ts';

/** config-autoscaler stable-window default (pkg/autoscaler/config/config.go defaultConfig). */
export const KNATIVE_DEFAULT_STABLE_WINDOW_MS = 60_000;
/** queue-proxy's drainSleepDuration (pkg/queue/sharedmain/main.go). */
export const QUEUE_PROXY_DRAIN_MS = 30_000;
/**
 * Added to the bound before the harness gives up: the autoscaler decides every 2s
 * (pkg/autoscaler/scaling/multiscaler.go tickInterval), then the KPA, Deployment and ReplicaSet
 * reconcile and the kubelet reports the containers gone — seconds, more on a loaded node.
 */
export const TIME_TO_ZERO_MARGIN_MS = 30_000;

export interface TimeToZero {
  windowMs: number;
  gracePeriodMs: number;
  retentionMs: number;
  drainMs: number;
  /** The longest Knative takes by its settings: window + max(grace, retention) + drain. */
  boundMs: number;
  /** How long the harness waits for zero before it counts the iteration as warm: bound + margin. */
  waitMs: number;
}

/** The time to zero of a profile's cold-start services (their window annotation is the profile's stable window, see profile-steps.ts). */
export function knativeTimeToZero(autoscaler: NonNullable<Profile['serving']['autoscaler']> = {}): TimeToZero {
  const windowMs = coldServiceWindowMs(autoscaler);
  const gracePeriodMs = autoscaler.scaleToZeroGracePeriod ?? KNATIVE_DEFAULT_GRACE_PERIOD_MS;
  const retentionMs = autoscaler.scaleToZeroPodRetentionPeriod ?? 0;
  const boundMs = windowMs + Math.max(gracePeriodMs, retentionMs) + QUEUE_PROXY_DRAIN_MS;
  return { windowMs, gracePeriodMs, retentionMs, drainMs: QUEUE_PROXY_DRAIN_MS, boundMs, waitMs: boundMs + TIME_TO_ZERO_MARGIN_MS };
}

/** The window meshbench writes on every cold-start service, so it is in force on any cluster. */
export function coldServiceWindowMs(autoscaler: NonNullable<Profile['serving']['autoscaler']> = {}): number {
  return autoscaler.stableWindow ?? KNATIVE_DEFAULT_STABLE_WINDOW_MS;
}

/** "zero within 42s (window 6s + grace 6s + queue-proxy drain 30s), wait ≤ 1.2m". */
export function describeTimeToZero(time: TimeToZero): string {
  const after = time.retentionMs > time.gracePeriodMs ? `pod retention ${formatDuration(time.retentionMs)}` : `grace ${formatDuration(time.gracePeriodMs)}`;
  return `zero within ${formatDuration(time.boundMs)} (window ${formatDuration(time.windowMs)} + ${after} + queue-proxy drain ${formatDuration(time.drainMs)}), wait ≤ ${formatDuration(time.waitMs)}`;
}
