// What the profile's components really run, for run.json: every container's imageID (the digest
// the node pulled, status.containerStatuses[].imageID) in the components' namespaces. A tag alone
// does not say which build was measured when it floats — Kourier's gateway is
// docker.io/envoyproxy/envoy:v1.34-latest (knative-extensions/net-kourier knative-v1.19.5
// config/300-gateway.yaml, container kourier-gateway).
import type { Kube } from '../../kube/kube.ts';
import { ISTIO_ROOT_NAMESPACE } from '../../components/istio/telemetry.ts';
import { KNATIVE_NAMESPACE } from '../../components/knative/config.ts';
import type { Profile } from '../../suite/schema.ts';

const KOURIER_NAMESPACE = 'kourier-system';

export function componentNamespaces(profile: Profile): string[] {
  const namespaces: string[] = [];
  if (profile.mesh.type !== 'none') namespaces.push(ISTIO_ROOT_NAMESPACE);
  if (profile.serving.type === 'knative') {
    namespaces.push(KNATIVE_NAMESPACE);
    if ((profile.serving.ingress ?? 'kourier') === 'kourier') namespaces.push(KOURIER_NAMESPACE);
  }
  return namespaces;
}

interface ContainerStatus {
  name: string;
  imageID?: string;
}

/** `imageIds`: "<namespace>/<container>: <imageID>", one per distinct pair, sorted; none for a profile without components. */
export async function componentImageIds(kube: Pick<Kube, 'list'>, profile: Profile): Promise<Record<string, string>> {
  const lines = new Set<string>();
  for (const namespace of componentNamespaces(profile)) {
    for (const pod of await kube.list('v1', 'Pod', { namespace })) {
      const statuses = ((pod.status ?? {}) as { containerStatuses?: ContainerStatus[] }).containerStatuses ?? [];
      for (const { name, imageID } of statuses) if (imageID) lines.add(`${namespace}/${name}: ${imageID}`);
    }
  }
  return lines.size === 0 ? {} : { imageIds: [...lines].sort().join(', ') };
}
