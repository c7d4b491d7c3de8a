// Knative Serving ConfigMap overrides. Values under `_example` are documentation only; these
// go under `data:`, keyed by Knative's kebab-case names, with durations as Go duration strings.
import type { Profile, Workload } from '../../suite/schema.ts';
import { knativeDuration } from './duration.ts';

export const KNATIVE_NAMESPACE = 'knative-serving';

export const INGRESS_CLASSES = {
  kourier: 'kourier.ingress.networking.knative.dev',
  istio: 'istio.ingress.networking.knative.dev',
} as const;

type Autoscaler = NonNullable<Profile['serving']['autoscaler']>;

/** Our camelCase settings → config-autoscaler keys; only the settings a profile gives. */
export function autoscalerConfigData(autoscaler: Autoscaler = {}): Record<string, string> {
  const data: Record<string, string> = {};
  if (autoscaler.scaleToZeroGracePeriod !== undefined) {
    data['scale-to-zero-grace-period'] = knativeDuration(autoscaler.scaleToZeroGracePeriod);
  }
  // Knative's bounds (whole seconds from 6s to 1h; a positive grace period) are checked by the profile schema.
  if (autoscaler.stableWindow !== undefined) data['stable-window'] = knativeDuration(autoscaler.stableWindow);
  if (autoscaler.scaleToZeroPodRetentionPeriod !== undefined) {
    data['scale-to-zero-pod-retention-period'] = knativeDuration(autoscaler.scaleToZeroPodRetentionPeriod);
  }
  if (autoscaler.targetBurstCapacity !== undefined) {
    data['target-burst-capacity'] = String(autoscaler.targetBurstCapacity);
  }
  if (autoscaler.containerConcurrencyTargetDefault !== undefined) {
    data['container-concurrency-target-default'] = String(autoscaler.containerConcurrencyTargetDefault);
  }
  return data;
}

/** config-network: route through the profile's ingress. */
export function networkConfigData(profile: Profile): Record<string, string> {
  const ingress = profile.serving.ingress ?? 'kourier';
  return { 'ingress-class': INGRESS_CLASSES[ingress] };
}

/** config-features: init containers are off by default and the startup-delay emulation uses one. */
export function featuresConfigData(workload: Workload): Record<string, string> {
  return workload.startupDelay > 0 ? { 'kubernetes.podspec-init-containers': 'enabled' } : {};
}

/** config-autoscaler defaults (knative/serving@knative-v1.19.5 pkg/autoscaler/config/config.go defaultConfig). */
const DEFAULT_TARGET_BURST_CAPACITY = 211;
const DEFAULT_CONTAINER_CONCURRENCY_TARGET = 100;

/**
 * Whether the activator stays in front of a warm one-pod revision. The KPA takes it out of the path
 * only while the excess burst capacity, pods × per-pod capacity − target-burst-capacity − observed
 * concurrency, is ≥ 0 (pkg/reconciler/autoscaling/kpa/kpa.go; pkg/autoscaler/scaling/autoscaler.go);
 * -1 keeps it in always, 0 never. With the defaults one pod has 100 − 211 < 0: always in.
 * Undefined: only while more requests than the difference are in flight.
 */
export function activatorInWarmPath(autoscaler: Autoscaler = {}): boolean | undefined {
  const burst = autoscaler.targetBurstCapacity ?? DEFAULT_TARGET_BURST_CAPACITY;
  const perPod = autoscaler.containerConcurrencyTargetDefault ?? DEFAULT_CONTAINER_CONCURRENCY_TARGET;
  if (burst === -1 || burst >= perPod) return true;
  if (burst === 0) return false;
  return undefined;
}
