// The four states a Pod passes through on its way to Ready, in the shapes a real API server sends
// (modelled on pulumi-kubernetes' recorded pod createSuccess workflow: Pending → scheduled →
// ContainersNotReady/ContainerCreating → Running/Ready). Tests script watch sequences from these.
import type { StoredObject } from './kube-store.ts';

const at = '2019-06-25T04:55:12Z';

export function podLifecycle(name: string, namespace = 'default', node = 'meshbench-worker', container = 'app'): StoredObject[] {
  const metadata = { name, namespace, labels: { app: name } };
  const spec = { containers: [{ name: container, image: 'fortio/fortio:1.69.5' }], restartPolicy: 'Always', schedulerName: 'default-scheduler' };
  const scheduled = { lastProbeTime: null, lastTransitionTime: at, status: 'True', type: 'PodScheduled' };
  const initialized = { lastProbeTime: null, lastTransitionTime: at, status: 'True', type: 'Initialized' };
  const notReady = (type: string) => ({
    lastProbeTime: null, lastTransitionTime: at, message: `containers with unready status: [${container}]`, reason: 'ContainersNotReady', status: 'False', type,
  });
  const ready = (type: string) => ({ lastProbeTime: null, lastTransitionTime: '2019-06-25T04:55:15Z', status: 'True', type });
  const pod = (nodeName: string | undefined, status: object): StoredObject => ({
    apiVersion: 'v1', kind: 'Pod', metadata: structuredClone(metadata), spec: { ...spec, ...(nodeName ? { nodeName } : {}) }, status,
  });
  return [
    pod(undefined, { phase: 'Pending', qosClass: 'BestEffort' }),
    pod(node, { conditions: [scheduled], phase: 'Pending', qosClass: 'BestEffort' }),
    pod(node, {
      conditions: [initialized, notReady('Ready'), notReady('ContainersReady'), scheduled],
      containerStatuses: [{ image: 'fortio/fortio:1.69.5', imageID: '', lastState: {}, name: container, ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }],
      hostIP: '172.18.0.2', phase: 'Pending', qosClass: 'BestEffort', startTime: at,
    }),
    pod(node, {
      conditions: [initialized, ready('Ready'), ready('ContainersReady'), scheduled],
      containerStatuses: [{ containerID: 'containerd://6b092e156aca', image: 'fortio/fortio:1.69.5', imageID: 'docker.io/fortio/fortio@sha256:9d46fd628d54', lastState: {}, name: container, ready: true, restartCount: 0, state: { running: { startedAt: '2019-06-25T04:55:14Z' } } }],
      hostIP: '172.18.0.2', phase: 'Running', podIP: '10.244.1.7', qosClass: 'BestEffort', startTime: at,
    }),
  ];
}
