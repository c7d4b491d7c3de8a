// A new CRD's kind is not served the moment the CRD is Established. The apiextensions-apiserver
// rebuilds `/apis/<group>/<version>` discovery in a work queue fed by its CRD informer
// (apiextensions-apiserver pkg/apiserver/customresource_discovery_controller.go: sync() lists the
// Established CRDs from crdLister), and serves a CRD's resource paths from that same informer's
// lister (customresource_handler.go: a lister miss goes to the delegate, the not-found handler:
// Go's "404 page not found", apiserver pkg/util/notfoundhandler/not_found_handler.go). So for a
// moment after a CRD is created its kind is missing from discovery and its paths 404.
// The fake API server marks CRDs Established as it stores them, so the lag runs from creation.
import type { FakeKubeStore, StoredObject } from './kube-store.ts';
import { RESOURCE_TYPES, type ResourceType, type Served } from './kube-resources.ts';

export interface CrdDiscoveryLag {
  served: Served;
  stop(): void;
}

const CRD_TYPE = RESOURCE_TYPES.find((type) => type.kind === 'CustomResourceDefinition')!;

export function crdDiscoveryLag(store: FakeKubeStore, lagMs: number): CrdDiscoveryLag {
  const servedFrom = new Map<string, number>(); // "<group>/<version> <kind>" → performance.now()
  const key = (groupVersion: string, kind: string) => `${groupVersion} ${kind}`;
  const stop = store.watch({ type: CRD_TYPE }, undefined, ({ type, object }) => {
    if (type !== 'ADDED' || lagMs <= 0) return; // re-applying an existing CRD changes nothing served
    for (const groupVersion of servedVersions(object)) servedFrom.set(key(groupVersion, kindOf(object)), performance.now() + lagMs);
  });
  return {
    served: (resource: ResourceType) => (servedFrom.get(key(resource.groupVersion, resource.kind)) ?? 0) <= performance.now(),
    stop: () => void (typeof stop === 'function' && stop()),
  };
}

interface CrdSpec {
  group?: string;
  names?: { kind?: string };
  versions?: { name: string; served?: boolean }[];
}

function servedVersions(crd: StoredObject): string[] {
  const spec = crd.spec as CrdSpec | undefined;
  return (spec?.versions ?? []).filter((version) => version.served !== false).map((version) => `${spec?.group}/${version.name}`);
}

function kindOf(crd: StoredObject): string {
  return (crd.spec as CrdSpec | undefined)?.names?.kind ?? '';
}
