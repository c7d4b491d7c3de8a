// The existing target: a cluster someone else owns (--kubeconfig, --context). meshbench installs
// nothing unless asked (--install); otherwise it checks that the profile's components are there,
// records their versions, and only creates — and later deletes — its own namespace.
import { EnvironmentError } from '../../cli/errors.ts';
import type { Kube } from '../../cluster/kube.ts';
import type { KubeObject } from '../../cluster/objects.ts';
import { ISTIO_ROOT_NAMESPACE } from '../../components/istio/telemetry.ts';
import { KNATIVE_NAMESPACE } from '../../components/knative/config.ts';
import type { Runner } from '../../exec/runner.ts';
import { expectedComponents } from '../../measure/expected-components.ts';
import { createKubeletSampler } from '../../measure/kubelet-sampler.ts';
import type { Profile, Workload } from '../../suite/schema.ts';
import { clusterFacts } from '../cluster/facts.ts';
import { clusterColdStart } from '../cluster/cold-starts.ts';
import { componentSteps, inClusterUrl, runNamespace, workloadHost, workloadSteps, type ClusterContext } from '../cluster/profile-steps.ts';
import { runSteps } from '../cluster/run-steps.ts';
import type { Step } from '../cluster/steps.ts';
import type { ProfileNeeds, ProfileSession, Target } from '../target.ts';
import { echoResourcesText } from '../../workloads/echo/manifests.ts';

export interface ExistingTargetOptions {
  runner: Runner;
  kube: Kube;
  /** Kubeconfig file and context, for the CLIs (istioctl) that --install runs. */
  kubeconfig: string;
  context?: string | undefined;
  runId: string;
  install: boolean;
  /** Where the cluster's ingress (or a port-forward) answers for the builtin driver. */
  ingressUrl?: string | undefined;
  fetchRelease(url: string): Promise<string>;
  log(line: string): void;
  /** How often the kubelets' /metrics/resource is read while a cell runs. */
  sampleIntervalMs: number;
}

/** The components a profile needs and where their deployments live. */
const REQUIRED: { applies: (profile: Profile) => boolean; namespace: string; deployments: string[] }[] = [
  { applies: (p) => p.mesh.type !== 'none', namespace: ISTIO_ROOT_NAMESPACE, deployments: ['istiod'] },
  { applies: (p) => p.serving.type === 'knative', namespace: KNATIVE_NAMESPACE, deployments: ['activator', 'autoscaler', 'controller', 'webhook'] },
];

export function existingProfileSteps(profile: Profile, workload: Workload, options: Pick<ExistingTargetOptions, 'runId' | 'kubeconfig' | 'context' | 'install'>, needs?: ProfileNeeds): Step[] {
  const ctx: ClusterContext = { runId: options.runId, namespace: runNamespace(options.runId, profile.name), kubeconfig: options.kubeconfig, context: options.context, coldServices: needs?.coldStartServices, warmService: needs?.warmBaseline };
  return [...(options.install ? componentSteps(profile, workload, ctx) : []), ...workloadSteps(profile, workload, ctx)];
}

export function createExistingTarget(options: ExistingTargetOptions): Target {
  return {
    name: 'existing',
    emulation: false,

    async prepare(profile, workload, signal, needs) {
      const versions = options.install ? [] : await componentVersions(options.kube, profile);
      await runSteps(existingProfileSteps(profile, workload, options, needs), { runner: options.runner, kube: () => options.kube, fetchRelease: options.fetchRelease, log: options.log }, signal);
      return session(profile, workload, versions, await clusterFacts(options.kube));
    },

    // Only the run's namespace was ours, and each session deletes it; components stay.
    async cleanup() {},
  };

  function session(profile: Profile, workload: Workload, versions: string[], facts: Record<string, string>): ProfileSession {
    const namespace = runNamespace(options.runId, profile.name);
    const host = workloadHost(profile, { namespace });
    return {
      profile: profile.name,
      // Without --ingress-url there is nothing on the host to send to; the run refuses builtin load up front.
      url: options.ingressUrl ?? '',
      ...(host ? { headers: { host } } : {}),
      dataPath: ['client (host)', 'cluster ingress', 'echo (fortio)'],
      cluster: { kube: options.kube, namespace, runId: options.runId, url: inClusterUrl(namespace) },
      facts: { ...facts, ...Object.fromEntries(versions.map((line) => line.split(': ') as [string, string])), workloadResources: echoResourcesText() },
      notes: [`existing cluster, namespace ${namespace}`, ...versions],
      // Knative needs --ingress-url to reach its routes; a Deployment is reached through the API server.
      ...withColdStart(clusterColdStart(profile, { kube: options.kube, namespace, workload, ingressUrl: options.ingressUrl })),
      sampler: () => createKubeletSampler({ kube: options.kube, intervalMs: options.sampleIntervalMs, expected: expectedComponents(profile, namespace) }),
      close: () => options.kube.delete([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }]),
    };
  }
}

function withColdStart(coldStart: ProfileSession['coldStart']): Pick<ProfileSession, 'coldStart'> {
  return coldStart ? { coldStart } : {};
}

/** Checks the profile's components are deployed and returns "<namespace>/<deployment>: <image>" lines. */
async function componentVersions(kube: Kube, profile: Profile): Promise<string[]> {
  const found: string[] = [];
  const missing: string[] = [];
  for (const component of REQUIRED.filter((c) => c.applies(profile))) {
    const deployments = await kube.list('apps/v1', 'Deployment', { namespace: component.namespace });
    for (const name of component.deployments) {
      const deployment = deployments.find((d) => d.metadata.name === name);
      if (deployment) found.push(`${component.namespace}/${name}: ${images(deployment)}`);
      else missing.push(`${component.namespace}/${name}`);
    }
  }
  if (missing.length > 0) {
    throw new EnvironmentError(`profile ${profile.name} needs components the cluster does not have: ${missing.join(', ')}`, {
      hint: 'install them, or pass --install to let meshbench install the profile\'s components',
    });
  }
  return found;
}

function images(deployment: KubeObject): string {
  const containers = (deployment.spec as { template?: { spec?: { containers?: { image?: string }[] } } } | undefined)?.template?.spec?.containers ?? [];
  return containers.map((container) => container.image ?? '?').join(', ');
}
