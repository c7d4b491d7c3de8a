// The CPU and memory a profile's cluster must be able to schedule, summed from resource requests:
// what the cluster already runs (kind's control plane), what the profile installs (Istio, Knative:
// their release manifests' requests, listed below with their sources), and what meshbench deploys
// (read from the very objects the steps apply, plus the containers Istio and Knative inject into
// each pod, plus the load generator). Pure. A node whose allocatable CPU or memory is below the
// total leaves pods Pending, so doctor and the run's preflight compare it with this machine, and
// `plan` prints it.
import { isLegacyIstio } from '../../components/istio/install.ts';
import { K6_RESOURCES } from '../../drivers/k6/objects.ts';
import type { Profile } from '../../suite/schema.ts';
import { quantity } from './facts.ts';
import type { Step } from './steps.ts';

export interface Requests {
  cpuMillicores: number;
  memoryBytes: number;
}

export interface RequestItem extends Requests {
  /** "istiod", "echo (Deployment echo)", "k6 runner × 2". */
  what: string;
}

export interface ClusterRequests {
  /** Everything that runs at the busiest moment: installed components, the workload, and either the load generators or the cold-start pods. */
  peak: Requests;
  items: RequestItem[];
}

const Mi = 2 ** 20;
const item = (what: string, cpuMillicores: number, memoryMi: number): RequestItem => ({ what, cpuMillicores, memoryBytes: memoryMi * Mi });

// kind's node (kubeadm static pods and addons, kind's CNI): kube-apiserver 250m, controller-manager
// 200m, scheduler 100m (kubernetes cmd/kubeadm/app/phases/controlplane/manifests.go), etcd
// 100m/100Mi (cmd/kubeadm/app/phases/etcd/local.go; no request before Kubernetes 1.20), CoreDNS
// 2 × 100m/70Mi (cmd/kubeadm/app/phases/addons/dns), kindnet 100m/50Mi (kind
// pkg/build/nodeimage/const_cni.go). kind reserves nothing for the kubelet: allocatable is the host.
function kindSystem(kubernetesMinor: number | undefined): RequestItem {
  const etcd = kubernetesMinor === undefined || kubernetesMinor >= 20;
  return item('Kubernetes control plane, CoreDNS, kindnet', etcd ? 950 : 850, etcd ? 290 : 190);
}

// Istio 1.28 (manifests/charts/istio-control/istio-discovery/values.yaml, gateways/istio-ingress,
// ztunnel, istio-cni values.yaml); Istio 1.4.10's default profile (istio/operator@1.4.10
// data/profiles/default.yaml and its charts): pilot 500m/2Gi and galley 100m, each with an
// istio-proxy (100m/128Mi), citadel, injector and prometheus 10m, the ingress gateway 100m/128Mi;
// Mixer, only for telemetry: mixer (install.ts), istio-telemetry 1000m/1G and istio-policy 10m,
// each with an istio-proxy.
function istioComponents(profile: Profile): RequestItem[] {
  const { mesh } = profile;
  if (mesh.type === 'none') return [];
  if (mesh.version !== undefined && isLegacyIstio(mesh.version)) {
    const controlPlane = item('Istio 1.4 control plane (pilot, galley, citadel, injector, ingress gateway, prometheus)', 930, 2432);
    return mesh.telemetry === 'mixer' ? [controlPlane, item('Mixer (istio-telemetry, istio-policy, each with its istio-proxy)', 1210, 1210)] : [controlPlane];
  }
  const istiod = item('istiod', 500, 2048);
  if (mesh.type === 'istio-ambient') return [istiod, item('ztunnel', 200, 512), item('istio-cni node agent', 100, 100)];
  // The default profile's ingress gateway; net-istio routes Knative through it.
  return [istiod, item('istio-ingressgateway', 100, 128)];
}

// Knative Serving 1.19.5 config/core/deployments (activator 300m/60Mi, autoscaler, controller,
// webhook 100m/100Mi each); net-kourier 1.19.5 config/300-controller.yaml and 300-gateway.yaml
// (200m/200Mi each); net-istio 1.19.5 config/500-controller.yaml (30m/40Mi), 500-webhook (20m/20Mi).
function knativeComponents(profile: Profile): RequestItem[] {
  if (profile.serving.type !== 'knative') return [];
  const core = [item('knative activator', 300, 60), item('knative autoscaler, controller, webhook', 300, 300)];
  return profile.serving.ingress === 'istio'
    ? [...core, item('net-istio controller and webhook', 50, 60)]
    : [...core, item('net-kourier controller', 200, 200), item('kourier gateway', 200, 200)];
}

/** What the namespace's pods get injected per pod: Istio's sidecar, Knative's queue-proxy. */
function injectedPerPod(profile: Profile, knativePod: boolean): Requests {
  // Sidecar: values.global.proxy.resources 100m/128Mi (1.28 and 1.4); queue-proxy: only a 25m CPU
  // request by default (knative/serving pkg/deployment/config.go, queueproxy.resource-defaults off).
  const sidecar = profile.mesh.type === 'istio-sidecar' ? { cpuMillicores: 100, memoryBytes: 128 * Mi } : { cpuMillicores: 0, memoryBytes: 0 };
  return knativePod ? { cpuMillicores: sidecar.cpuMillicores + 25, memoryBytes: sidecar.memoryBytes } : sidecar;
}

interface PodSpec {
  containers?: { resources?: { requests?: Record<string, string> } }[];
  initContainers?: { resources?: { requests?: Record<string, string> } }[];
}

/** A pod's effective request: its containers' sum, or its largest init container when that is more. */
function podRequests(spec: PodSpec): Requests {
  const of = (containers: PodSpec['containers'] = []) =>
    containers.map((c) => ({ cpuMillicores: quantity(c.resources?.requests?.cpu) * 1000, memoryBytes: quantity(c.resources?.requests?.memory) }));
  const sum = of(spec.containers).reduce((a, b) => ({ cpuMillicores: a.cpuMillicores + b.cpuMillicores, memoryBytes: a.memoryBytes + b.memoryBytes }), { cpuMillicores: 0, memoryBytes: 0 });
  const init = of(spec.initContainers);
  return {
    cpuMillicores: Math.max(sum.cpuMillicores, ...init.map((r) => r.cpuMillicores)),
    memoryBytes: Math.max(sum.memoryBytes, ...init.map((r) => r.memoryBytes)),
  };
}

interface Workloads {
  /** Pods that run throughout: the echo workload, warm-1. */
  steady: RequestItem[];
  /** Pods that run during cold-start cells: every cold service at one pod. */
  cold: RequestItem[];
}

/** meshbench's own pods, from the objects the steps apply. */
function workloadPods(profile: Profile, steps: readonly Step[]): Workloads {
  const result: Workloads = { steady: [], cold: [] };
  for (const object of steps.flatMap((step) => (step.type === 'apply' ? step.objects : []))) {
    const name = object.metadata.name;
    const spec = object.spec as { replicas?: number; template?: { metadata?: { annotations?: Record<string, string> }; spec?: PodSpec } } | undefined;
    if (spec?.template?.spec === undefined) continue;
    const knative = object.kind === 'Service' && object.apiVersion.startsWith('serving.knative.dev/');
    if (object.kind !== 'Deployment' && !knative) continue;
    const own = podRequests(spec.template.spec);
    const injected = injectedPerPod(profile, knative);
    const pod = item(`${name} (${knative ? 'Knative Service' : 'Deployment'})`, own.cpuMillicores + injected.cpuMillicores, (own.memoryBytes + injected.memoryBytes) / Mi);
    // Cold services sit at zero (initial-scale 0, or 0 replicas) until their cell makes them start.
    const atZero = knative ? spec.template.metadata?.annotations?.['autoscaling.knative.dev/initial-scale'] === '0' : spec.replicas === 0;
    (atZero ? result.cold : result.steady).push(pod);
  }
  return result;
}

function sum(items: readonly Requests[]): Requests {
  return items.reduce((a, b) => ({ cpuMillicores: a.cpuMillicores + b.cpuMillicores, memoryBytes: a.memoryBytes + b.memoryBytes }), { cpuMillicores: 0, memoryBytes: 0 });
}

function largest(a: Requests, b: Requests): Requests {
  return { cpuMillicores: Math.max(a.cpuMillicores, b.cpuMillicores), memoryBytes: Math.max(a.memoryBytes, b.memoryBytes) };
}

export interface RequestOptions {
  /** Kind clusters include their control plane; an existing cluster's is not ours to count. */
  includeSystem: boolean;
  /** The profile's components are installed by this run (kind, or existing with --install). */
  includeComponents: boolean;
  /** k6 pods at once during load cells: 1 for a Job, the TestRun's parallelism; 0 without in-cluster k6. */
  k6Pods: number;
}

export function clusterRequests(profile: Profile, steps: readonly Step[], options: RequestOptions): ClusterRequests {
  const minor = /kindest\/node:v1\.(\d+)\./.exec(profile.kubernetes?.nodeImage ?? '')?.[1];
  const fixed = [
    ...(options.includeSystem ? [kindSystem(minor === undefined ? undefined : Number(minor))] : []),
    ...(options.includeComponents ? [...istioComponents(profile), ...knativeComponents(profile)] : []),
  ];
  const pods = workloadPods(profile, steps);
  const k6 = options.k6Pods > 0 ? [item(`k6 ${options.k6Pods > 1 ? `runner × ${options.k6Pods}` : 'Job pod'}`, options.k6Pods * quantity(K6_RESOURCES.requests.cpu) * 1000, (options.k6Pods * quantity(K6_RESOURCES.requests.memory)) / Mi)] : [];
  // Load cells and cold-start cells never overlap: the busier of the two counts.
  const peak = sum([...fixed, ...pods.steady, largest(sum(k6), sum(pods.cold))]);
  return { peak, items: [...fixed, ...pods.steady, ...k6, ...pods.cold] };
}

/** "2.35 CPU, 3.2 GiB": how plan and doctor print a total. */
export function formatRequests(requests: Requests): string {
  return `${+(requests.cpuMillicores / 1000).toFixed(2)} CPU, ${(requests.memoryBytes / 2 ** 30).toFixed(1)} GiB`;
}

