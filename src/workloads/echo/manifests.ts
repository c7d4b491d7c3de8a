// The echo workload on Kubernetes: fortio's echo server, as a Deployment + Service or as a
// Knative Service. fortio answers every path except /debug and /fortio/ with its echo handler,
// which honours `?delay=10ms&size=1024` like our local echo server (src/workloads/echo/server.ts).
// One difference: fortio applies `-echo-server-default-params` only to requests that carry no
// query string at all, where ours lets each query parameter override one default. The drivers
// send either no query or both parameters, so the two behave the same for meshbench's traffic.
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IService as IKnativeService } from '@kubernetes-models/knative/serving.knative.dev/v1/Service';
import { ownershipLabels, type Labels } from '../../kube/ownership.ts';
import { knativeDuration } from '../../components/knative/duration.ts';
import type { Workload } from '../../suite/schema.ts';
import { MAX_DELAY_MS } from './options.ts';

/** fortio's image is FROM scratch (binary + certs only): no shell to wrap the server in. */
export const ECHO_IMAGE = 'fortio/fortio:1.69.5';
/** Startup delay runs in an init container, because the fortio image cannot `sleep`. */
export const STARTUP_DELAY_IMAGE = 'busybox:1.37.0';
export const ECHO_PORT = 8080;

// Sized on purpose, and recorded with each cluster run. The load-test workload requests what fortio
// needs to echo a few thousand small requests a second; it has no CPU limit, because CFS quota
// throttling (100 ms periods) would add stalls of its own to the latencies being measured, and a
// memory limit well above fortio's ~20 MB resident size. The cold-start services (and warm-1, their
// warm baseline) request what Knative's own scale-from-zero benchmark gives its services, 10m and
// 20Mi (knative/serving test/performance/benchmarks/scale-from-zero/main.go), so that many fit on a
// laptop-sized node — but no CPU limit either (that benchmark's 50m would slow the start it times).
export const ECHO_RESOURCES = {
  requests: { cpu: '250m', memory: '64Mi' },
  limits: { memory: '256Mi' },
} as const;
export const COLD_START_RESOURCES = {
  requests: { cpu: '10m', memory: '20Mi' },
  limits: { memory: '128Mi' },
} as const;

export type EchoSizing = 'load' | 'cold-start';
const RESOURCES: Record<EchoSizing, { requests: { cpu: string; memory: string }; limits: { memory: string } }> = { load: ECHO_RESOURCES, 'cold-start': COLD_START_RESOURCES };

/** The echo containers' requests and limits as one line, recorded with each cluster run. */
export function echoResourcesText(): string {
  const line = ({ requests, limits }: (typeof RESOURCES)[EchoSizing]) => `requests cpu ${requests.cpu}, memory ${requests.memory}; limit memory ${limits.memory}, no CPU limit`;
  return `echo: ${line(ECHO_RESOURCES)}; cold-start services and warm-1: ${line(COLD_START_RESOURCES)}`;
}

// fortio's defaults are lower than our local server's limits: delay is capped at 1.5s
// (-max-echo-delay) and payloads at 256 KiB (-maxpayloadsizekb), which fortio allocates up front.
const FORTIO_DEFAULT_MAX_PAYLOAD_KB = 256;

// A query string disables the default params, so the probe never waits for the workload delay.
const PROBE_PATH = '/?size=0';

export interface EchoOptions {
  name: string;
  namespace: string;
  runId: string;
  workload: Workload;
  /** How the cluster refers to an image (default: as is; kind loads kind.local/ retags for Knative). */
  imageRef?: (image: string) => string;
  /** The load-test workload (default) or a cold-start service, which requests far less. */
  sizing?: EchoSizing;
}

export interface KnativeAutoscaling {
  /** autoscaling.knative.dev/window in milliseconds (Knative accepts 6s–1h). */
  windowMs?: number;
  minScale?: number;
  maxScale?: number;
  initialScale?: number;
  targetBurstCapacity?: number;
}

export function echoLabels(options: EchoOptions): Labels {
  return { app: options.name, 'app.kubernetes.io/name': 'echo', ...ownershipLabels(options.runId) };
}

/** fortio `server` flags that make it answer like `server.ts --delay D --size S`. */
export function echoServerArgs(workload: Workload): string[] {
  const args = [
    'server',
    `-http-port=${ECHO_PORT}`,
    '-grpc-port=disabled',
    '-redirect-port=disabled',
    `-echo-server-default-params=delay=${workload.delay}ms&size=${workload.size}`,
    `-max-echo-delay=${MAX_DELAY_MS}ms`,
  ];
  const payloadKb = Math.ceil(workload.size / 1024);
  if (payloadKb > FORTIO_DEFAULT_MAX_PAYLOAD_KB) args.push(`-maxpayloadsizekb=${payloadKb}`);
  return args;
}

function echoContainer(options: EchoOptions): IContainer {
  const imageRef = options.imageRef ?? ((image: string) => image);
  return {
    name: 'echo',
    image: imageRef(ECHO_IMAGE),
    args: echoServerArgs(options.workload),
    ports: [{ name: 'http', containerPort: ECHO_PORT }],
    resources: structuredClone(RESOURCES[options.sizing ?? 'load']),
    readinessProbe: { httpGet: { path: PROBE_PATH, port: ECHO_PORT }, periodSeconds: 1 },
  };
}

/** An init container that holds the pod back for the startup delay; none when it is zero. */
export function startupDelayInitContainers(workload: Workload, imageRef: (image: string) => string = (image) => image): IContainer[] {
  if (workload.startupDelay === 0) return [];
  return [
    {
      name: 'startup-delay',
      image: imageRef(STARTUP_DELAY_IMAGE),
      command: ['sleep', String(workload.startupDelay / 1000)],
      resources: { requests: { cpu: '10m', memory: '8Mi' }, limits: { cpu: '10m', memory: '8Mi' } },
    },
  ];
}

export function echoDeployment(options: EchoOptions, replicas = 1): IDeployment {
  const labels = echoLabels(options);
  const initContainers = startupDelayInitContainers(options.workload, options.imageRef);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: options.name, namespace: options.namespace, labels },
    spec: {
      replicas,
      selector: { matchLabels: { app: options.name } },
      template: {
        metadata: { labels },
        spec: {
          ...(initContainers.length > 0 ? { initContainers } : {}),
          containers: [echoContainer(options)],
        },
      },
    },
  };
}

/** ClusterIP Service; the port is named `http` so Istio treats the traffic as HTTP. */
export function echoService(options: EchoOptions): IService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: options.name, namespace: options.namespace, labels: echoLabels(options) },
    spec: {
      type: 'ClusterIP',
      selector: { app: options.name },
      ports: [{ name: 'http', port: 80, targetPort: ECHO_PORT, protocol: 'TCP' }],
    },
  };
}

function autoscalingAnnotations(autoscaling: KnativeAutoscaling): Labels {
  const annotations: Labels = {};
  const prefix = 'autoscaling.knative.dev/';
  if (autoscaling.windowMs !== undefined) annotations[`${prefix}window`] = knativeDuration(autoscaling.windowMs);
  if (autoscaling.minScale !== undefined) annotations[`${prefix}min-scale`] = String(autoscaling.minScale);
  if (autoscaling.maxScale !== undefined) annotations[`${prefix}max-scale`] = String(autoscaling.maxScale);
  if (autoscaling.initialScale !== undefined) annotations[`${prefix}initial-scale`] = String(autoscaling.initialScale);
  if (autoscaling.targetBurstCapacity !== undefined) {
    annotations[`${prefix}target-burst-capacity`] = String(autoscaling.targetBurstCapacity);
  }
  return annotations;
}

/**
 * The echo workload as a Knative Service. A startup delay adds an init container, which Knative
 * only accepts with `kubernetes.podspec-init-containers: enabled` in config-features
 * (see featuresConfigData in src/components/knative/config.ts).
 */
export function echoKnativeService(options: EchoOptions, autoscaling: KnativeAutoscaling = {}): IKnativeService {
  const labels = echoLabels(options);
  const initContainers = startupDelayInitContainers(options.workload, options.imageRef);
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Service',
    metadata: { name: options.name, namespace: options.namespace, labels },
    spec: {
      template: {
        metadata: { labels, annotations: autoscalingAnnotations(autoscaling) },
        spec: {
          ...(initContainers.length > 0 ? { initContainers } : {}),
          containers: [
            {
              ...echoContainer(options),
              name: 'user-container',
              ports: [{ name: 'http1', containerPort: ECHO_PORT }],
              // No port (Knative probes the container port itself, and rejects another one) and
              // no periodSeconds: leaving it unset keeps queue-proxy's 50 ms aggressive probing,
              // which is part of the cold-start path being measured.
              readinessProbe: { httpGet: { path: PROBE_PATH } },
            },
          ],
        },
      },
    },
  };
}
