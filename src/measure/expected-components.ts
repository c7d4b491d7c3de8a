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
  /** More containers of the same pods that are part of the component's cost (Mixer's own istio-proxy); each must be seen too. */
  alsoContainers?: readonly string[];
  /** Narrows a container name shared by several workloads (ztunnel's and the gateways' are all `istio-proxy`). */
  podPrefix?: string;
  /**
   * The workloads (Deployments or Knative Services) whose pods are the cell's: only their pods count.
   * Pods are named after them — a Deployment's `<name>-<pod-template-hash>-<suffix>`, a Knative
   * revision's `<name>-<generation %05d>-deployment-<hash>-<suffix>` (knative/serving
   * knative-v1.19.5 pkg/reconciler/configuration/resources/revision.go, pkg/reconciler/revision/
   * resources/names/names.go) — so `<name>-` tells echo's pods from warm-1's and cold-N's.
   */
  workloads?: readonly string[];
  /**
   * Must be present for the whole cell: disappearing is an error. Not required = may come and go
   * (Knative pods scale to zero), but never being seen at all is an error either way.
   */
  required: boolean;
}

const ISTIO_NAMESPACE = 'istio-system';
const KNATIVE_NAMESPACE = 'knative-serving';

/**
 * The rules, by profile field (`namespace` is the run's workload namespace, `workloads` the services
 * whose pods the cell measures there: echo for load cells, cold-N for cold starts; other pods of the
 * namespace — warm-1, cold pods still draining, k6 — are not the cell's):
 * - serving `deployment`: `workload` = container `echo`, required.
 * - serving `knative`: `workload` = `user-container` and `queue-proxy` in the namespace, not
 *   required (the revision scales to zero); `activator` and `autoscaler` in knative-serving, required.
 * - mesh `istio-sidecar`: `istio-proxy` in the namespace (required unless Knative scales its pods
 *   away); mesh `istio-sidecar` or `istio-ambient`: istiod's `discovery` in istio-system, required
 *   (in Istio ≤ 1.4 the same container sits in istio-pilot).
 * - mesh `istio-ambient`: `ztunnel` = container `istio-proxy` in istio-system pods `ztunnel-*`, required.
 * - telemetry `mixer` (Istio ≤ 1.4, sidecar mode): pods `istio-telemetry-*` and `istio-policy-*` in
 *   istio-system, required (the install enables both), each counted with both its containers: `mixer`
 *   and the `istio-proxy` that terminates the sidecars' mTLS on port 15004 (istio/installer charts
 *   istio-telemetry/mixer-telemetry and istio-policy templates/deployment.yaml, present with
 *   global.controlPlaneSecurityEnabled, true in istio/operator@1.4.10 data/profiles/default.yaml).
 */
export function expectedComponents(profile: Profile, namespace: string, workloads: readonly string[]): ExpectedComponent[] {
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
      expected.push({ component: deployment, namespace: ISTIO_NAMESPACE, container: 'mixer', alsoContainers: ['istio-proxy'], podPrefix: `${deployment}-`, required: true });
    }
  }
  return expected.map((component) => (component.namespace === namespace ? { ...component, workloads } : component));
}

/** The component's container names, its main one first. */
export function expectedContainers(expected: ExpectedComponent): string[] {
  return [expected.container, ...(expected.alsoContainers ?? [])];
}

export function matchesExpected(expected: ExpectedComponent, sample: Pick<KubeletSample, 'namespace' | 'pod' | 'container'>): boolean {
  return (
    expectedContainers(expected).includes(sample.container) &&
    (expected.namespace === undefined || sample.namespace === expected.namespace) &&
    (expected.podPrefix === undefined || sample.pod.startsWith(expected.podPrefix)) &&
    (expected.workloads === undefined || expected.workloads.some((workload) => sample.pod.startsWith(`${workload}-`)))
  );
}

/** "container istio-proxy in namespace istio-system (pods ztunnel-*)", for error texts. */
export function describeExpected(expected: ExpectedComponent): string {
  const names = expectedContainers(expected);
  const namespace = expected.namespace === undefined ? '' : ` in namespace ${expected.namespace}`;
  const prefixes = expected.workloads?.map((workload) => `${workload}-`) ?? (expected.podPrefix === undefined ? [] : [expected.podPrefix]);
  const pods = prefixes.length === 0 ? '' : ` (pods ${prefixes.map((prefix) => `${prefix}*`).join(', ')})`;
  return `${names.length > 1 ? `containers ${names.join(' and ')}` : `container ${names[0]}`}${namespace}${pods}`;
}
