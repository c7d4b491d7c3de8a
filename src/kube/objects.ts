// The shape meshbench handles Kubernetes objects in: plain JSON as the API server sends it (watch
// events, manifests), never client-node's model classes, whose serializer drops fields it does not
// model (see object-api.ts).

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** "deployment knative-serving/activator", "namespace meshbench-bench": how errors name an object. */
export function describeObject(object: Pick<KubeObject, 'kind' | 'metadata'>): string {
  const { namespace, name } = object.metadata;
  return `${object.kind.toLowerCase()} ${namespace ? `${namespace}/` : ''}${name}`;
}

/**
 * The order apply must follow: CRDs before anything (their kinds do not exist until then), then
 * namespaces (namespaced objects are rejected until theirs exists), then the rest as given.
 */
export function applyOrder<T extends Pick<KubeObject, 'kind'>>(objects: readonly T[]): T[] {
  const rank = (object: T) => (object.kind === 'CustomResourceDefinition' ? 0 : object.kind === 'Namespace' ? 1 : 2);
  return objects.map((object, index) => ({ object, index })).sort((a, b) => rank(a.object) - rank(b.object) || a.index - b.index).map(({ object }) => object);
}
