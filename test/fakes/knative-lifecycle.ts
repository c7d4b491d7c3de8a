// A Knative revision's objects through a scale from zero, in the shapes a real cluster sends: the
// PodAutoscaler (autoscaling.internal.knative.dev/v1alpha1, status desiredScale/actualScale as in
// knative/serving's CRD), the revision's "<revision>-deployment", and its pod with `user-container`
// and `queue-proxy` going Pending → scheduled → ContainerCreating → started → Ready, modelled on
// the recorded pod lifecycle in pod-lifecycle.ts. Tests script watch sequences from these, and
// FakeKnativeRevision plays a revision's way from zero and back.
import type { FakeKubeStore, StoredObject } from './kube-store.ts';
import { scaleDownAfterLastRequest, scaleToZeroSettings, type ScaleToZeroSettings } from './knative-scale-to-zero.ts';
import { RESOURCE_TYPES } from './kube-resources.ts';

const T0 = '2024-03-05T10:20:30Z';
const T2 = '2024-03-05T10:20:32Z';
const T3 = '2024-03-05T10:20:33Z';

export interface KnativeRevision {
  pod: string;
  autoscaler(desiredScale: number, actualScale: number): StoredObject;
  deployment(replicas: number): StoredObject;
  /** The pod at a stage of its start; `waiting` overrides user-container's waiting reason (e.g. ImagePullBackOff). */
  podAt(stage: PodStage, options?: { waiting?: string; terminating?: boolean }): StoredObject;
}

export type PodStage = 'pending' | 'scheduled' | 'creating' | 'user-started' | 'both-started' | 'ready';

export function knativeRevision(service: string, namespace = 'default', podSuffix = '7d9f8c6b5-x2x7k'): KnativeRevision {
  const revision = `${service}-00001`;
  const labels = {
    app: revision,
    'serving.knative.dev/configuration': service,
    'serving.knative.dev/configurationGeneration': '1',
    'serving.knative.dev/revision': revision,
    'serving.knative.dev/service': service,
  };
  const { app: _app, ...revisionLabels } = labels; // the PodAutoscaler carries the revision's labels, not the pod's `app`
  const pod = `${revision}-deployment-${podSuffix}`;
  const condition = (type: string, status: string, at = T0, extra: object = {}) => ({ lastProbeTime: null, lastTransitionTime: at, status, type, ...extra });
  const notReady = (type: string, containers: string) =>
    condition(type, 'False', T0, { message: `containers with unready status: [${containers}]`, reason: 'ContainersNotReady' });
  const waiting = (name: string, reason: string) => ({ image: image(name), imageID: '', lastState: {}, name, ready: false, restartCount: 0, started: false, state: { waiting: { reason } } });
  const running = (name: string, ready: boolean, at: string) => ({
    containerID: `containerd://${name === 'queue-proxy' ? '9c1f' : '6b09'}2e156aca`, image: image(name), imageID: `${image(name)}@sha256:9d46fd628d54`,
    lastState: {}, name, ready, restartCount: 0, started: true, state: { running: { startedAt: at } },
  });

  return {
    pod,
    autoscaler: (desiredScale, actualScale) => ({
      apiVersion: 'autoscaling.internal.knative.dev/v1alpha1',
      kind: 'PodAutoscaler',
      metadata: { name: revision, namespace, generation: 1, labels: revisionLabels },
      spec: { containerConcurrency: 0, protocolType: 'http1', reachability: 'Reachable', scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: `${revision}-deployment` } },
      status: {
        actualScale, desiredScale, metricsServiceName: `${revision}-private`, serviceName: revision, observedGeneration: 1,
        conditions: [
          { type: 'Active', status: desiredScale > 0 ? 'True' : 'False', ...(desiredScale > 0 ? {} : { reason: 'NoTraffic' }), lastTransitionTime: T0 },
          { type: 'Ready', status: actualScale > 0 ? 'True' : 'False', lastTransitionTime: T0 },
        ],
      },
    }),
    deployment: (replicas) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `${revision}-deployment`, namespace, generation: 2, labels },
      spec: { replicas, selector: { matchLabels: { 'serving.knative.dev/revisionUID': 'a1b2c3' } }, template: { metadata: { labels }, spec: { containers: [] } } },
      status: replicas > 0 ? { observedGeneration: 2, replicas, updatedReplicas: replicas } : { observedGeneration: 2 },
    }),
    podAt(stage, options = {}) {
      const userWaiting = options.waiting ?? 'ContainerCreating';
      const status = (() => {
        switch (stage) {
          case 'pending': return { phase: 'Pending', qosClass: 'Burstable' };
          case 'scheduled': return { phase: 'Pending', qosClass: 'Burstable', conditions: [condition('PodScheduled', 'True')] };
          case 'creating': return {
            phase: 'Pending', qosClass: 'Burstable', hostIP: '172.18.0.2', startTime: T0,
            conditions: [condition('Initialized', 'True'), notReady('Ready', 'user-container queue-proxy'), notReady('ContainersReady', 'user-container queue-proxy'), condition('PodScheduled', 'True')],
            containerStatuses: [waiting('queue-proxy', 'ContainerCreating'), waiting('user-container', userWaiting)],
          };
          case 'user-started': return {
            phase: 'Pending', qosClass: 'Burstable', hostIP: '172.18.0.2', startTime: T0,
            conditions: [condition('Initialized', 'True'), notReady('Ready', 'queue-proxy'), notReady('ContainersReady', 'queue-proxy'), condition('PodScheduled', 'True')],
            containerStatuses: [waiting('queue-proxy', 'ContainerCreating'), running('user-container', true, T2)],
          };
          case 'both-started': return {
            phase: 'Running', qosClass: 'Burstable', hostIP: '172.18.0.2', podIP: '10.244.1.9', startTime: T0,
            conditions: [condition('Initialized', 'True'), notReady('Ready', 'queue-proxy'), notReady('ContainersReady', 'queue-proxy'), condition('PodScheduled', 'True')],
            containerStatuses: [running('queue-proxy', false, T2), running('user-container', true, T2)],
          };
          case 'ready': return {
            phase: 'Running', qosClass: 'Burstable', hostIP: '172.18.0.2', podIP: '10.244.1.9', startTime: T0,
            conditions: [condition('Initialized', 'True'), condition('Ready', 'True', T3), condition('ContainersReady', 'True', T3), condition('PodScheduled', 'True')],
            containerStatuses: [running('queue-proxy', true, T2), running('user-container', true, T2)],
          };
        }
      })();
      return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: pod, namespace, labels, generateName: `${revision}-deployment-${podSuffix.split('-')[0]}-`,
          ...(options.terminating ? { deletionTimestamp: T3, deletionGracePeriodSeconds: 300 } : {}),
        },
        spec: {
          containers: [{ name: 'user-container', image: image('user-container') }, { name: 'queue-proxy', image: image('queue-proxy') }],
          ...(stage === 'pending' ? {} : { nodeName: 'meshbench-worker' }),
          restartPolicy: 'Always', schedulerName: 'default-scheduler',
        },
        status,
      };
    },
  };
}

function image(container: string): string {
  return container === 'queue-proxy' ? 'gcr.io/knative-releases/knative.dev/serving/cmd/queue@sha256:1b2c' : 'kind.local/fortio:1.69.5';
}

/**
 * One Knative revision behind the activator, from zero and back (knative-scale-to-zero.ts): a
 * request with no pod scales it up (the activator holds the request until the pod is Ready); after
 * the last request it goes back to zero — window, then grace or retention, then the drain — at
 * `timeScale` real milliseconds per modelled millisecond, so tests stay fast.
 */
export class FakeKnativeRevision {
  readonly #store: FakeKubeStore;
  readonly #service: string;
  readonly #namespace: string;
  readonly #settings: () => ScaleToZeroSettings;
  readonly #timeScale: number;
  /** When the revision was created at zero: the activator is in its path from then on. */
  readonly #createdAt = performance.now();
  #pod: { revision: KnativeRevision; ready: Promise<void> } | undefined;
  #timers: NodeJS.Timeout[] = [];

  constructor(store: FakeKubeStore, service: string, namespace: string, options: { settings: () => ScaleToZeroSettings; timeScale: number }) {
    this.#store = store;
    this.#service = service;
    this.#namespace = namespace;
    this.#settings = options.settings;
    this.#timeScale = options.timeScale;
  }

  /** A request through the activator: resolves once a pod serves it; its end restarts the way back to zero. */
  async request(): Promise<void> {
    // A terminating pod takes no requests: a request then scales up a new one.
    if (!this.#pod) {
      const revision = knativeRevision(this.#service, this.#namespace, `7d9f8c6b5-${Math.random().toString(36).slice(2, 7)}`);
      this.#pod = { revision, ready: scaleFromZero(this.#store, revision) };
    }
    const pod = this.#pod;
    await pod.ready;
    this.#backToZero(pod.revision);
  }

  #backToZero(revision: KnativeRevision): void {
    for (const timer of this.#timers) clearTimeout(timer);
    const settings = this.#settings();
    const proxyingForMs = (performance.now() - this.#createdAt) / this.#timeScale + settings.windowMs;
    const { inactiveAfterMs, scaledToZeroAfterMs, podGoneAfterMs } = scaleDownAfterLastRequest(settings, proxyingForMs);
    const at = (ms: number, work: () => void) => setTimeout(work, ms * this.#timeScale).unref();
    this.#timers = [
      at(inactiveAfterMs, () => this.#store.put(revision.autoscaler(0, 1))),
      at(scaledToZeroAfterMs, () => {
        this.#pod = undefined;
        this.#store.put(revision.deployment(0));
        this.#store.put(revision.podAt('ready', { terminating: true }));
      }),
      at(podGoneAfterMs, () => {
        this.#store.remove('v1', 'Pod', this.#namespace, revision.pod);
        this.#store.put(revision.autoscaler(0, 0));
      }),
    ];
  }
}

type KnativeServiceSpec = { template?: { metadata?: { annotations?: Record<string, string> } } };
const typeOf = (groupVersion: string, kind: string) => RESOURCE_TYPES.find((t) => t.groupVersion === groupVersion && t.kind === kind)!;

/**
 * The revisions behind a fake ingress, one per Knative Service, each acting on what meshbench
 * applied: config-autoscaler in knative-serving and the service's own annotations.
 */
export function fakeKnativeRevisions(store: FakeKubeStore, timeScale: number): (service: string, namespace: string) => FakeKnativeRevision {
  const revisions = new Map<string, FakeKnativeRevision>();
  return (service, namespace) => {
    const key = `${namespace}/${service}`;
    let revision = revisions.get(key);
    if (!revision) {
      const settings = () => scaleToZeroSettings(
        store.get(typeOf('v1', 'ConfigMap'), 'knative-serving', 'config-autoscaler')?.data as Record<string, string> | undefined,
        (store.get(typeOf('serving.knative.dev/v1', 'Service'), namespace, service)?.spec as KnativeServiceSpec | undefined)?.template?.metadata?.annotations,
      );
      revision = new FakeKnativeRevision(store, service, namespace, { settings, timeScale });
      revisions.set(key, revision);
    }
    return revision;
  };
}

/** What Knative and the kubelet do for a cold request: the revision's objects go through a scale from zero to a Ready pod. */
export async function scaleFromZero(store: FakeKubeStore, revision: KnativeRevision): Promise<void> {
  const at = (afterMs: number, object: StoredObject) => ({ type: 'MODIFIED' as const, afterMs, object });
  await store.play([
    at(5, revision.autoscaler(1, 0)),
    at(5, revision.deployment(1)),
    at(10, revision.podAt('pending')),
    at(10, revision.podAt('scheduled')),
    at(20, revision.podAt('creating')),
    at(40, revision.podAt('user-started')),
    at(10, revision.podAt('both-started')),
    at(20, revision.podAt('ready')),
    at(0, revision.autoscaler(1, 1)),
  ]);
}
