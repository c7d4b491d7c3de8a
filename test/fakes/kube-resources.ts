// The API resources the fake Kubernetes API server knows, and the discovery documents built from
// them. KubernetesObjectApi resolves every kind to a URL through `/api/v1` or `/apis/<group>/<version>`,
// so these lists are what makes apply/delete/list of a kind work at all.

export interface ResourceType {
  groupVersion: string; // "v1" for the core group, else "<group>/<version>"
  kind: string;
  plural: string;
  namespaced: boolean;
}

const VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

export const RESOURCE_TYPES: ResourceType[] = [
  { groupVersion: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false },
  { groupVersion: 'v1', kind: 'Node', plural: 'nodes', namespaced: false },
  { groupVersion: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true },
  { groupVersion: 'v1', kind: 'Service', plural: 'services', namespaced: true },
  { groupVersion: 'v1', kind: 'Pod', plural: 'pods', namespaced: true },
  { groupVersion: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true },
  { groupVersion: 'apps/v1', kind: 'Deployment', plural: 'deployments', namespaced: true },
  { groupVersion: 'apps/v1', kind: 'DaemonSet', plural: 'daemonsets', namespaced: true },
  { groupVersion: 'batch/v1', kind: 'Job', plural: 'jobs', namespaced: true },
  { groupVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', namespaced: false },
  { groupVersion: 'serving.knative.dev/v1', kind: 'Service', plural: 'services', namespaced: true },
  { groupVersion: 'serving.knative.dev/v1', kind: 'Revision', plural: 'revisions', namespaced: true },
  { groupVersion: 'autoscaling.internal.knative.dev/v1alpha1', kind: 'PodAutoscaler', plural: 'podautoscalers', namespaced: true },
  { groupVersion: 'caching.internal.knative.dev/v1alpha1', kind: 'Image', plural: 'images', namespaced: true },
  { groupVersion: 'telemetry.istio.io/v1', kind: 'Telemetry', plural: 'telemetries', namespaced: true },
  { groupVersion: 'k6.io/v1alpha1', kind: 'TestRun', plural: 'testruns', namespaced: true },
];

/** Whether a type is in discovery and served now (see crd-discovery-lag.ts). */
export type Served = (type: ResourceType) => boolean;

/** `/api/v1` or `/apis/<group>/<version>`, or undefined when the group/version is not served. */
export function resourceList(groupVersion: string, served: Served): object | undefined {
  const types = RESOURCE_TYPES.filter((type) => type.groupVersion === groupVersion && served(type));
  if (types.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: types.map((type) => ({
      name: type.plural,
      singularName: type.kind.toLowerCase(),
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: VERBS,
    })),
  };
}

export function apiVersions(): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
}

export function apiGroupList(served: Served): object {
  const groups = new Map<string, string[]>();
  for (const { groupVersion } of RESOURCE_TYPES.filter(served)) {
    const [group, version] = groupVersion.split('/');
    if (!version) continue; // the core group is served under /api
    const versions = groups.get(group!) ?? [];
    if (!versions.includes(version)) versions.push(version);
    groups.set(group!, versions);
  }
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups].map(([name, versions]) => ({
      name,
      versions: versions.map((version) => ({ groupVersion: `${name}/${version}`, version })),
      preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
    })),
  };
}

export interface ResourcePath {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource: string[]; // e.g. ['proxy', 'metrics', 'resource'] for the node proxy
}

/**
 * Parses `/api/v1[/namespaces/<ns>]/<plural>[/<name>[/<sub>...]]` (and the `/apis/<g>/<v>` form).
 * The path is decoded first, as the real API server (Go's URL.Path) does, so `proxy/metrics%2Fresource`
 * and `proxy/metrics/resource` mean the same.
 */
export function parseResourcePath(rawPath: string): ResourcePath | undefined {
  const segments = decodeURIComponent(rawPath).split('/').filter(Boolean);
  let groupVersion: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 3) {
    groupVersion = segments[1]!;
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 4) {
    groupVersion = `${segments[1]}/${segments[2]}`;
    rest = segments.slice(3);
  } else {
    return undefined;
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const type = RESOURCE_TYPES.find((candidate) => candidate.groupVersion === groupVersion && candidate.plural === rest[0]);
  if (!type) return undefined;
  return { type, namespace, name: rest[1], subresource: rest.slice(2) };
}
