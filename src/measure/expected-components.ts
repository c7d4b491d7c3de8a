// Which containers a profile's data plane is made of, so the kubelet sampler can report each one —
// and report it as an error, never as a zero, when it is not there.
import type { Profile } from '../suite/schema.ts';
import type { KubeletSample } from './kubelet-metrics.ts';

export interface ExpectedComponent {
  /** Name in the results: workload | istio-proxy | queue-proxy | activator | autoscaler | discovery | ztunnel | istio-telemetry | istio-policy. */
  component: string;
  /** Any namespace when omitted. */
  namespace?: string;
  container: string;
  /** Narrows a container name shared by several workloads (ztunnel's and the gateways' are all `istio-proxy`). */
  podPrefix?: string;
  /**
   * Must be present for the whole cell: disappearing is an error. Not required = may come and go
   * (Knative pods scale to zero), but never being seen at all is an error either way.
   */
  required: boolean;
}

const ISTIO_NAMESPACE = 'istio-system';
const KNATIVE_NAMESPACE = 'knative-serving';

/**
 * The rules, by profile field (`namespace` is the run's workload namespace):
 * - serving `deployment`: `workload` = container `echo`, required.
 * - serving `knative`: `workload` = `user-container` and `queue-proxy` in the namespace, not
 *   required (the revision scales to zero); `activator` and `autoscaler` in knative-serving, required.
 * - mesh `istio-sidecar`: `istio-proxy` in the namespace (required unless Knative scales its pods
 *   away); mesh `istio-sidecar` or `istio-ambient`: istiod's `discovery` in istio-system, required
 *   (in Istio ≤ 1.4 the same container sits in istio-pilot).
 * - mesh `istio-ambient`: `ztunnel` = container `istio-proxy` in istio-system pods `ztunnel-*`, required.
 * - telemetry `mixer` (Istio ≤ 1.4, sidecar mode): the Mixer containers `mixer` in pods
 *   `istio-telemetry-*` and `istio-policy-*` in istio-system, required (the installer enables both).
 */
export function expectedComponents(profile: Profile, namespace: string): ExpectedComponent[] {
  const knative = profile.serving.type === 'knative';
  const expected: ExpectedComponent[] = [];
  if (knative) {
    expected.push(
      { component: 'workload', namespace, container: 'user-container', required: false },
      { component: 'queue-proxy', namespace, container: 'queue-proxy', required: false },
      { component: 'activator', namespace: KNATIVE_NAMESPACE, container: 'activator', required: true },
      { component: 'autoscaler', namespace: KNATIVE_NAMESPACE, container: 'autoscaler', required: true },
    );
  } else {
    expected.push({ component: 'workload', namespace, container: 'echo', required: true });
  }
  const mesh = profile.mesh.type;
  if (mesh === 'istio-sidecar') expected.push({ component: 'istio-proxy', namespace, container: 'istio-proxy', required: !knative });
  if (mesh === 'istio-ambient') expected.push({ component: 'ztunnel', namespace: ISTIO_NAMESPACE, container: 'istio-proxy', podPrefix: 'ztunnel-', required: true });
  if (mesh !== 'none') expected.push({ component: 'discovery', namespace: ISTIO_NAMESPACE, container: 'discovery', required: true });
  if (mesh === 'istio-sidecar' && profile.mesh.telemetry === 'mixer') {
    for (const deployment of ['istio-telemetry', 'istio-policy']) {
      expected.push({ component: deployment, namespace: ISTIO_NAMESPACE, container: 'mixer', podPrefix: `${deployment}-`, required: true });
    }
  }
  return expected;
}

export function matchesExpected(expected: ExpectedComponent, sample: Pick<KubeletSample, 'namespace' | 'pod' | 'container'>): boolean {
  return (
    sample.container === expected.container &&
    (expected.namespace === undefined || sample.namespace === expected.namespace) &&
    (expected.podPrefix === undefined || sample.pod.startsWith(expected.podPrefix))
  );
}

/** "container istio-proxy in namespace istio-system (pods ztunnel-*)", for error texts. */
export function describeExpected(expected: ExpectedComponent): string {
  const namespace = expected.namespace === undefined ? '' : ` in namespace ${expected.namespace}`;
  const pods = expected.podPrefix === undefined ? '' : ` (pods ${expected.podPrefix}*)`;
  return `container ${expected.container}${namespace}${pods}`;
}
