// Knative's way back to zero after a revision's last request, as the fakes play it — written from
// knative/serving@knative-v1.19.5, not from meshbench's own model (src/components/knative/
// time-to-zero.ts), so a test can hold one against the other:
// - the autoscaler wants 0 once its stable window has seen no request, and the PodAutoscaler turns
//   inactive (pkg/reconciler/autoscaling/kpa/scaler.go handleScaleToZero, Active branch); the
//   window is the revision's autoscaling.knative.dev/window, else config-autoscaler stable-window
//   (pkg/reconciler/autoscaling/resources/metric.go StableWindow);
// - inactive, the Deployment goes to 0 after max(pod retention, grace − how long the activator has
//   already been in the path, 0) (same function, Inactive branch: lastPodMaxTimeout, ProxyFor);
//   the activator has been in the path all along when the revision's excess burst capacity stays
//   negative — one pod, 100 per pod against target-burst-capacity 211 (pkg/reconciler/
//   autoscaling/kpa/kpa.go, pkg/autoscaler/scaling/autoscaler.go) — and only from then on when
//   the KPA had taken it out (target-burst-capacity 0);
// - the pod then terminates for queue-proxy's 30 s drain (pkg/queue/sharedmain/main.go
//   drainSleepDuration; user-container's preStop waits for it), within terminationGracePeriodSeconds
//   = the revision timeout, 300 s by default (pkg/reconciler/revision/resources/deploy.go).
// Defaults are config-autoscaler's (pkg/autoscaler/config/config.go defaultConfig).

export interface ScaleToZeroSettings {
  windowMs: number;
  gracePeriodMs: number;
  retentionMs: number;
  targetBurstCapacity: number;
  /** container-concurrency-target-default: one pod's capacity when containerConcurrency is 0. */
  perPodCapacity: number;
}

const DRAIN_MS = 30_000;
const TERMINATION_GRACE_MS = 300_000;
const WINDOW = 'autoscaling.knative.dev/window';
const RETENTION = 'autoscaling.knative.dev/scale-to-zero-pod-retention-period';
const BURST = 'autoscaling.knative.dev/target-burst-capacity';

/** What the KPA acts on: a revision's annotations over config-autoscaler's data over the defaults. */
export function scaleToZeroSettings(configAutoscaler: Record<string, string> = {}, annotations: Record<string, string> = {}): ScaleToZeroSettings {
  const duration = (value: string | undefined, fallback: number) => (value === undefined ? fallback : parseGoDuration(value));
  return {
    windowMs: duration(annotations[WINDOW] ?? configAutoscaler['stable-window'], 60_000),
    gracePeriodMs: duration(configAutoscaler['scale-to-zero-grace-period'], 30_000),
    retentionMs: duration(annotations[RETENTION] ?? configAutoscaler['scale-to-zero-pod-retention-period'], 0),
    targetBurstCapacity: Number(annotations[BURST] ?? configAutoscaler['target-burst-capacity'] ?? 211),
    perPodCapacity: Number(configAutoscaler['container-concurrency-target-default'] ?? 100),
  };
}

/** Whether the activator fronts one idle ready pod: excess burst capacity = capacity − burst < 0, or burst -1. */
export function activatorFrontsOnePod(settings: ScaleToZeroSettings): boolean {
  const { targetBurstCapacity: burst, perPodCapacity } = settings;
  return burst === -1 || (burst > 0 && Math.floor(perPodCapacity - burst) < 0);
}

export interface ScaleDown {
  /** After the last request: the PodAutoscaler inactive (desired 0). */
  inactiveAfterMs: number;
  /** The Deployment scaled to 0, the pod terminating. */
  scaledToZeroAfterMs: number;
  /** The pod gone. */
  podGoneAfterMs: number;
}

/** `proxyingForMs`: how long the activator has been in the path when the revision turns inactive, when it fronts the pod. */
export function scaleDownAfterLastRequest(settings: ScaleToZeroSettings, proxyingForMs: number): ScaleDown {
  const inactiveAfterMs = settings.windowMs;
  const proxyFor = activatorFrontsOnePod(settings) ? proxyingForMs : 0;
  const scaledToZeroAfterMs = inactiveAfterMs + Math.max(settings.retentionMs, settings.gracePeriodMs - proxyFor, 0);
  return { inactiveAfterMs, scaledToZeroAfterMs, podGoneAfterMs: scaledToZeroAfterMs + Math.min(DRAIN_MS, TERMINATION_GRACE_MS) };
}

const GO_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration ("6s", "1m30s", "1.5s", "0"), in milliseconds; throws like Go on anything else. */
export function parseGoDuration(text: string): number {
  if (text === '0') return 0;
  const parts = [...text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== text) throw new Error(`time: invalid duration "${text}"`);
  return parts.reduce((total, [, value, unit]) => total + Number(value) * GO_UNITS[unit!]!, 0);
}
