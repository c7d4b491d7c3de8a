// Stand-ins for the controllers of a real cluster, acting on the fake API server's store: a
// Deployment becomes available and a Knative Service becomes Ready shortly after it is written,
// as the deployment controller and Knative's controllers would make them.
import { parse as parseYaml } from 'yaml';
import type { FakeKubeStore, StoredObject } from './kube-store.ts';
import { knativeRevision } from './knative-lifecycle.ts';
import { RESOURCE_TYPES } from './kube-resources.ts';

const type = (groupVersion: string, kind: string) => RESOURCE_TYPES.find((t) => t.groupVersion === groupVersion && t.kind === kind)!;

export function startFakeControllers(store: FakeKubeStore, options: { delayMs?: number } = {}): () => void {
  const delayMs = options.delayMs ?? 50;
  const timers = new Set<NodeJS.Timeout>();
  const later = (work: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      work();
    }, delayMs);
    timers.add(timer);
  };
  const stops = [
    store.watch({ type: type('apps/v1', 'Deployment') }, undefined, ({ type: event, object }) => {
      if (event !== 'DELETED' && !available(object)) later(() => store.put(withDeploymentStatus(object)));
    }),
    store.watch({ type: type('serving.knative.dev/v1', 'Service') }, undefined, ({ type: event, object }) => {
      if (event !== 'DELETED' && !ready(object)) {
        later(() => {
          store.put(withKnativeReady(object, routeDomain(store, object.metadata.labels ?? {})));
          // A service created at zero (initial-scale 0): its revision's autoscaler and deployment at 0.
          if (initialScale(object) === '0') {
            const revision = knativeRevision(object.metadata.name, object.metadata.namespace);
            store.put(revision.autoscaler(0, 0));
            store.put(revision.deployment(0));
          }
        });
      }
    }),
  ];
  return () => {
    for (const stop of stops) if (typeof stop === 'function') stop();
    for (const timer of timers) clearTimeout(timer);
  };
}

function initialScale(object: StoredObject): string | undefined {
  const template = (object.spec as { template?: { metadata?: { annotations?: Record<string, string> } } } | undefined)?.template;
  return template?.metadata?.annotations?.['autoscaling.knative.dev/initial-scale'];
}

function available(object: StoredObject): boolean {
  return (object.status as { readyReplicas?: number } | undefined)?.readyReplicas !== undefined;
}

function withDeploymentStatus(object: StoredObject): StoredObject {
  const replicas = (object.spec as { replicas?: number } | undefined)?.replicas ?? 1;
  const generation = (object.metadata.generation as number | undefined) ?? 1;
  return { ...object, status: { observedGeneration: generation, replicas, readyReplicas: replicas, updatedReplicas: replicas, availableReplicas: replicas } };
}

function ready(object: StoredObject): boolean {
  return ((object.status as { conditions?: { type: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready');
}

// The route's URL as knative/serving@knative-v1.19.5 pkg/reconciler/route/route.go
// updateRouteStatusURL sets it: http, and knative/networking's DefaultDomainTemplate
// "{{.Name}}.{{.Namespace}}.{{.Domain}}".
function withKnativeReady(object: StoredObject, domain: string): StoredObject {
  const { name, namespace } = object.metadata;
  return {
    ...object,
    status: {
      url: `http://${name}.${namespace}.${domain}`,
      latestReadyRevisionName: `${name}-00001`,
      conditions: ['ConfigurationsReady', 'Ready', 'RoutesReady'].map((type) => ({ type, status: 'True' })),
    },
  };
}

const CONFIG_MAP = type('v1', 'ConfigMap');
const CLUSTER_LOCAL_DOMAIN = 'svc.cluster.local';

/**
 * The domain Knative gives a route with these labels, from knative-serving/config-domain
 * (knative/serving@knative-v1.19.5 pkg/reconciler/route/config/domain.go): the cluster-local
 * visibility label wins; else the matching selector with the most labels, ties to the smaller
 * domain name; a config without a default (a key whose value has no selector) gets
 * svc.<cluster domain>, which makes every route cluster-local.
 */
function routeDomain(store: FakeKubeStore, labels: Record<string, string>): string {
  if (labels['networking.knative.dev/visibility'] === 'cluster-local') return CLUSTER_LOCAL_DOMAIN;
  const data = (store.get(CONFIG_MAP, 'knative-serving', 'config-domain')?.data ?? {}) as Record<string, string>;
  const domains = Object.entries(data)
    .filter(([key]) => key !== '_example')
    .map(([domain, value]) => ({ domain, selector: (parseYaml(value) as { selector?: Record<string, string> } | null)?.selector ?? {} }));
  if (!domains.some(({ selector }) => Object.keys(selector).length === 0)) domains.push({ domain: CLUSTER_LOCAL_DOMAIN, selector: {} });
  let chosen = '';
  let specificity = -1;
  for (const { domain, selector } of domains) {
    const size = Object.keys(selector).length;
    if (!Object.entries(selector).every(([key, value]) => labels[key] === value) || size < specificity) continue;
    if (size > specificity || domain < chosen) {
      chosen = domain;
      specificity = size;
    }
  }
  return chosen;
}
