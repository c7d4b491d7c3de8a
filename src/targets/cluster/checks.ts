// What a cluster target checks on a cluster: the existing target before it creates anything
// (without --install), and both after an Istio 1.4 install (which Mixer deployments it left):
// described as data so `plan` prints the same checks `run` makes, and run against the Kube seam.
// A failed check is an EnvironmentError (exit 3) that says what to change.
import { EnvironmentError } from '../../errors.ts';
import type { Kube } from '../../kube/kube.ts';
import type { Labels } from '../../kube/ownership.ts';
import { routeDomain, zeroScaleChanges } from '../../components/knative/cluster-config.ts';
import { KNATIVE_NAMESPACE } from '../../components/knative/config.ts';

export type ClusterCheck =
  /** The profile's components are deployed (their Deployments exist). */
  | { kind: 'deployments-present'; deployments: { namespace: string; name: string }[] }
  /** Components the profile turns off are not deployed (Mixer on a Mixer-off profile): `why` they must not be, and what to do. */
  | { kind: 'deployments-absent'; deployments: { namespace: string; name: string }[]; why: string; hint: string }
  /** config-autoscaler lets services be created at zero and scale back to it. */
  | { kind: 'knative-zero-scale' }
  /** config-domain gives these Knative Services' routes a domain the external ingress serves. */
  | { kind: 'knative-external-routes'; services: { name: string; labels: Labels }[] };

export function describeCheck(check: ClusterCheck): string {
  switch (check.kind) {
    case 'deployments-present':
      return `check that these deployments exist: ${check.deployments.map(({ namespace, name }) => `${namespace}/${name}`).join(', ')}`;
    case 'deployments-absent':
      return `check that these deployments do not exist (${check.why}): ${check.deployments.map(({ namespace, name }) => `${namespace}/${name}`).join(', ')}`;
    case 'knative-zero-scale':
      return `check that ${KNATIVE_NAMESPACE}/config-autoscaler has allow-zero-initial-scale "true" and enable-scale-to-zero not "false"`;
    case 'knative-external-routes':
      return `check that ${KNATIVE_NAMESPACE}/config-domain gives the routes of ${check.services.map((s) => s.name).join(', ')} a domain outside the cluster (not svc.cluster.local)`;
  }
}

export async function runCheck(kube: Kube, check: ClusterCheck): Promise<void> {
  switch (check.kind) {
    case 'deployments-present': {
      const missing: string[] = [];
      for (const namespace of new Set(check.deployments.map((d) => d.namespace))) {
        const present = new Set((await kube.list('apps/v1', 'Deployment', { namespace })).map((d) => d.metadata.name));
        for (const { name } of check.deployments.filter((d) => d.namespace === namespace)) if (!present.has(name)) missing.push(`${namespace}/${name}`);
      }
      if (missing.length > 0) {
        throw new EnvironmentError(`the cluster does not have the profile's components: ${missing.join(', ')}`, {
          hint: "install them, or pass --install to let meshbench install the profile's components",
        });
      }
      return;
    }
    case 'deployments-absent': {
      const present: string[] = [];
      for (const namespace of new Set(check.deployments.map((d) => d.namespace))) {
        const names = new Set((await kube.list('apps/v1', 'Deployment', { namespace })).map((d) => d.metadata.name));
        for (const { name } of check.deployments.filter((d) => d.namespace === namespace)) if (names.has(name)) present.push(`${namespace}/${name}`);
      }
      if (present.length > 0) {
        throw new EnvironmentError(`the cluster runs components the profile turns off (${check.why}): ${present.join(', ')}`, { hint: check.hint });
      }
      return;
    }
    case 'knative-zero-scale': {
      const changes = zeroScaleChanges(await configMapData(kube, 'config-autoscaler'));
      if (changes.length > 0) {
        throw new EnvironmentError(`cold-start services start at zero (initial-scale 0), which this cluster's Knative refuses or undoes`, {
          hint: `in ConfigMap ${KNATIVE_NAMESPACE}/config-autoscaler, ${changes.join(' and ')}; or pass --install, or leave out the cold-start experiments`,
        });
      }
      return;
    }
    case 'knative-external-routes': {
      const data = await configMapData(kube, 'config-domain');
      const local = check.services.filter(({ labels }) => routeDomain(data, labels).clusterLocal).map((s) => s.name);
      if (local.length > 0) {
        throw new EnvironmentError(`the routes of ${local.join(', ')} would be cluster-local (svc.cluster.local), so load and cold starts sent through --ingress-url cannot reach them`, {
          hint: `give ConfigMap ${KNATIVE_NAMESPACE}/config-domain a default domain, e.g. data "example.com": "" (any name: meshbench sends the Host itself), or pass --install, or measure with in-cluster k6 only (driver: k6, runner job or testrun) and no --ingress-url`,
        });
      }
      return;
    }
  }
}

async function configMapData(kube: Kube, name: string): Promise<Record<string, string>> {
  const configMap = await kube.get({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: KNATIVE_NAMESPACE } });
  return (configMap?.data ?? {}) as Record<string, string>;
}
