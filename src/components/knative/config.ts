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
  if (autoscaler.stableWindow !== undefined) {
    // Knative rejects a stable window that is not whole seconds; fail here, not in the webhook.
    if (autoscaler.stableWindow % 1000 !== 0) throw new Error('autoscaler.stableWindow must be whole seconds');
    data['stable-window'] = knativeDuration(autoscaler.stableWindow);
  }
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
