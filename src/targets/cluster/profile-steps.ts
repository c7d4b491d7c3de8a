// The steps that put a profile's stack and the echo workload on a cluster (kind or existing).
// Pure: the same list is printed by `plan` and executed by `run`.
import { meshbenchNamespace } from '../../kube/ownership.ts';
import type { KubeObject } from '../../kube/objects.ts';
import { isLegacyIstio, istioInstallArgs } from '../../components/istio/install.ts';
import { ISTIO_ROOT_NAMESPACE, telemetryOff } from '../../components/istio/telemetry.ts';
import { autoscalerConfigData, featuresConfigData, KNATIVE_NAMESPACE, networkConfigData } from '../../components/knative/config.ts';
import { knativeReleaseManifests } from '../../components/knative/release.ts';
import { coldServiceWindowMs } from '../../components/knative/time-to-zero.ts';
import type { Profile, Workload } from '../../suite/schema.ts';
import { echoDeployment, echoKnativeService, echoService } from '../../workloads/echo/manifests.ts';
import { INGRESS_NODE_PORTS } from '../kind/cluster.ts';
import { mixerAfterInstall } from './mixer-check.ts';
import type { Step } from './steps.ts';

export const ECHO_NAME = 'echo';
/**
 * The route domain an install sets in config-domain. Hosts are still read from each service's
 * status.url (route-hosts.ts): a cluster with a default domain of its own keeps the one Knative picks.
 */
export const KNATIVE_DOMAIN = 'meshbench.local';
/** The warm-baseline service: the same workload as cold-N, held at one replica so it never scales to zero. */
export const WARM_SERVICE = 'warm-1';
const KOURIER_NAMESPACE = 'kourier-system';
const INSTALL_TIMEOUT_MS = 5 * 60_000;
const WORKLOAD_TIMEOUT_MS = 3 * 60_000;

export interface ClusterContext {
  runId: string;
  /** Namespace meshbench creates for this profile's workload. */
  namespace: string;
  /** Kubeconfig file and context the CLIs (istioctl) are pointed at. */
  kubeconfig: string;
  context?: string | undefined;
  /** Knative services cold-start cells make cold at once: deployed as cold-1 … cold-N, starting at zero. */
  coldServices?: number | undefined;
  /** Deploy warm-1, the warm baseline of cold-start cells: kept at one replica (min-scale 1), never cold. */
  warmService?: boolean | undefined;
  /** Node port the echo Service (no ingress in front) is exposed on; undefined keeps it ClusterIP. */
  nodePort?: number | undefined;
  /** How the cluster refers to an image (kind loads kind.local/ retags for Knative). */
  imageRef?: ((image: string) => string) | undefined;
}

/** Install the profile's mesh and serving layer, then configure them. */
export function componentSteps(profile: Profile, workload: Workload, ctx: ClusterContext): Step[] {
  return [...istioSteps(profile, ctx), ...knativeSteps(profile, workload, ctx.coldServices ?? 0)];
}

function istioSteps(profile: Profile, ctx: ClusterContext): Step[] {
  const { mesh } = profile;
  if (mesh.type === 'none') return [];
  const kube = ['--kubeconfig', ctx.kubeconfig, ...(ctx.context ? ['--context', ctx.context] : [])];
  const legacy = isLegacyIstio(mesh.version!);
  const steps: Step[] = [
    { type: 'command', title: `install Istio ${mesh.version} (${mesh.type})`, command: 'istioctl', args: [...istioInstallArgs(profile), ...kube] },
    { type: 'wait', title: legacy ? 'wait for the Istio control plane' : 'wait for istiod', wait: { kind: 'deployments-available', namespace: ISTIO_ROOT_NAMESPACE }, timeoutMs: INSTALL_TIMEOUT_MS },
    ...mixerAfterInstall(profile),
  ];
  // Istio ≤ 1.4 turns Mixer off through its install flags (install.ts); the Telemetry API came later.
  if (mesh.telemetry === 'off' && !legacy) {
    steps.push({ type: 'apply', title: 'disable Istio telemetry mesh-wide (Telemetry API)', objects: [telemetryOff(ctx.runId) as unknown as KubeObject] });
  }
  return steps;
}

function knativeSteps(profile: Profile, workload: Workload, coldServices: number): Step[] {
  const { serving } = profile;
  if (serving.type !== 'knative') return [];
  if (!serving.version) throw new Error(`profile ${profile.name}: serving.version is required to install Knative`);
  const urls = knativeReleaseManifests(profile, { serving: serving.version, ingress: serving.ingressVersion ?? serving.version });
  const ingress = serving.ingress ?? 'kourier';
  const configMap = (name: string, data: Record<string, string>): KubeObject => ({
    // Knative owns these ConfigMaps: server-side apply sets only our keys and adds no ownership label.
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: KNATIVE_NAMESPACE },
    data,
  });
  const steps: Step[] = urls.map((url) => ({ type: 'apply-release', title: `apply ${url.split('/').pop()}`, url }));
  steps.push(
    { type: 'wait', title: 'wait for Knative Serving', wait: { kind: 'deployments-available', namespace: KNATIVE_NAMESPACE }, timeoutMs: INSTALL_TIMEOUT_MS },
    {
      type: 'apply',
      title: 'configure Knative: ingress, autoscaler, features, route domain',
      objects: [
        configMap('config-network', networkConfigData(profile)),
        // Cold-start services are created at zero (initial-scale 0), which Knative allows only when asked.
        configMap('config-autoscaler', { ...autoscalerConfigData(serving.autoscaler), ...(coldServices > 0 ? { 'allow-zero-initial-scale': 'true' } : {}) }),
        configMap('config-features', featuresConfigData(workload)),
        configMap('config-domain', { [KNATIVE_DOMAIN]: '' }),
      ].filter((object) => Object.keys(object.data as object).length > 0),
    },
  );
  if (ingress === 'kourier') {
    steps.push(
      { type: 'wait', title: 'wait for Kourier', wait: { kind: 'deployments-available', namespace: KOURIER_NAMESPACE }, timeoutMs: INSTALL_TIMEOUT_MS },
      { type: 'apply', title: 'expose the Kourier gateway on the mapped node port', objects: [nodePortPatch('kourier', KOURIER_NAMESPACE, 'http2', 80, 8080)] },
    );
  } else {
    steps.push({
      type: 'apply',
      title: 'expose the Istio ingress gateway on the mapped node port',
      objects: [nodePortPatch('istio-ingressgateway', ISTIO_ROOT_NAMESPACE, 'http2', 80, 8080)],
    });
  }
  return steps;
}

/** Server-side apply of just the port we need, so the rest of the Service stays its owner's. */
function nodePortPatch(name: string, namespace: string, portName: string, port: number, targetPort: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { type: 'NodePort', ports: [{ name: portName, port, targetPort, protocol: 'TCP', nodePort: INGRESS_NODE_PORTS.http }] },
  };
}

/** The namespace a run's workloads live in: a DNS label derived from the run id. */
export function runNamespace(runId: string, profile?: string): string {
  // On an existing cluster every profile gets its own: a namespace being deleted (the previous
  // profile's) refuses new objects for a while.
  const suffix = profile ? `-${profile}` : '';
  const base = `meshbench-${runId}`.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 63 - suffix.length).replace(/-+$/, '');
  return `${base}${suffix}`.slice(0, 63).replace(/-+$/, '');
}

/** The run's namespace and the echo workload, served the profile's way, then awaited. */
export function workloadSteps(profile: Profile, workload: Workload, ctx: ClusterContext): Step[] {
  const namespace = meshbenchNamespace(ctx.namespace, profile, ctx.runId) as KubeObject;
  const options = { name: ECHO_NAME, namespace: ctx.namespace, runId: ctx.runId, workload, ...(ctx.imageRef ? { imageRef: ctx.imageRef } : {}) };
  if (profile.serving.type === 'knative') {
    const windowMs = profile.serving.autoscaler?.stableWindow;
    // echo serves the load cells: held at one replica so that no cell opens with a cold start
    // (without min-scale it would be at zero a window + grace + drain after the last cell).
    const service = echoKnativeService(options, { windowMs, minScale: 1 });
    // Each cold-N carries its window, so the harness's time to zero holds on any cluster, whatever
    // config-autoscaler's stable-window says there (time-to-zero.ts).
    const coldWindowMs = coldServiceWindowMs(profile.serving.autoscaler);
    const cold = coldServiceNames(ctx.coldServices ?? 0).map((name) => echoKnativeService({ ...options, name, sizing: 'cold-start' }, { windowMs: coldWindowMs, initialScale: 0 }));
    const warm = ctx.warmService ? [echoKnativeService({ ...options, name: WARM_SERVICE, sizing: 'cold-start' }, { windowMs, minScale: 1 })] : [];
    return [
      {
        type: 'apply',
        title: `deploy the echo workload as a Knative Service in ${ctx.namespace}, held at one replica (min-scale 1)${cold.length ? `, and ${cold.length} cold-start services at zero` : ''}${warm.length ? `, and ${WARM_SERVICE} held warm (min-scale 1)` : ''}`,
        objects: [namespace, service as unknown as KubeObject, ...(cold as unknown as KubeObject[]), ...(warm as unknown as KubeObject[])],
      },
      ...workloadServiceNames(ctx).map((name): Step => ({
        type: 'wait',
        title: `wait for the ${name} Knative Service`,
        wait: { kind: 'knative-service-ready', namespace: ctx.namespace, name },
        timeoutMs: WORKLOAD_TIMEOUT_MS,
      })),
    ];
  }
  const service = echoService(options);
  // Without an ingress in front, the harness reaches the pod (and its sidecar) through a node port
  // (kind maps it to 127.0.0.1).
  const { nodePort } = ctx;
  const exposed = nodePort === undefined ? service : { ...service, spec: { ...service.spec, type: 'NodePort', ports: service.spec!.ports!.map((port) => ({ ...port, nodePort })) } };
  // Cold-start cells on a plain Deployment: cold-N at 0 replicas (the harness scales each 0 → 1 and
  // back), warm-1 at 1 for the warm baseline; each behind a ClusterIP Service the harness reaches
  // through the API server's service proxy.
  const cold = coldServiceNames(ctx.coldServices ?? 0).map((name) => ({ name, replicas: 0 }));
  const extra = [...cold, ...(ctx.warmService ? [{ name: WARM_SERVICE, replicas: 1 }] : [])].flatMap(({ name, replicas }) => [
    echoDeployment({ ...options, name, sizing: 'cold-start' }, replicas) as unknown as KubeObject,
    echoService({ ...options, name }) as unknown as KubeObject,
  ]);
  const also = [cold.length ? `, and ${cold.length} cold-start Deployments at zero` : '', ctx.warmService ? `, and ${WARM_SERVICE} at one replica` : ''].join('');
  return [
    {
      type: 'apply',
      title: `deploy the echo workload as a Deployment in ${ctx.namespace}${also}`,
      objects: [namespace, echoDeployment(options) as unknown as KubeObject, exposed as unknown as KubeObject, ...extra],
    },
    ...[ECHO_NAME, ...(ctx.warmService ? [WARM_SERVICE] : [])].map((name): Step => ({
      type: 'wait',
      title: `wait for the ${name} Deployment`,
      wait: { kind: 'deployment-available', namespace: ctx.namespace, name },
      timeoutMs: WORKLOAD_TIMEOUT_MS,
    })),
  ];
}

/** The Knative Services a profile deploys: echo, then cold-1 … cold-N and warm-1 when its cells need them. */
export function workloadServiceNames(ctx: Pick<ClusterContext, 'coldServices' | 'warmService'>): string[] {
  return [ECHO_NAME, ...coldServiceNames(ctx.coldServices ?? 0), ...(ctx.warmService ? [WARM_SERVICE] : [])];
}

/** Names of the services cold-start cells use: cold-1 … cold-N (the load experiments keep echo warm). */
export function coldServiceNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `cold-${i + 1}`);
}

/** The echo workload inside the cluster: its Service, which for Knative is the route's cluster-local address. */
export function inClusterUrl(namespace: string): string {
  return `http://${ECHO_NAME}.${namespace}.svc.cluster.local/`;
}
