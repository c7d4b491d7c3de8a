// The existing target: a cluster someone else owns (--kubeconfig, --context). Without --install,
// meshbench installs nothing: it checks the profile's components and Knative settings first
// (preflight-checks.ts), records the components' images, and creates only its own namespace. With
// --install it installs them, and records every cluster-wide object it changes to restore it
// after the profile (change-log.ts); Istio and Knative themselves stay installed.
import { EnvironmentError } from '../../errors.ts';
import type { Kube } from '../../kube/kube.ts';
import type { KubeObject } from '../../kube/objects.ts';
import type { Runner } from '../../exec/runner.ts';
import { createKubeletSampler } from '../../measure/kubelet-sampler.ts';
import type { Profile, Workload } from '../../suite/schema.ts';
import { echoResourcesText } from '../../workloads/echo/manifests.ts';
import { ChangeLog } from '../cluster/change-log.ts';
import { clusterColdStart } from '../cluster/cold-starts.ts';
import { clusterDataPath } from '../cluster/data-path.ts';
import { clusterFacts } from '../cluster/facts.ts';
import { cellComponents } from '../cluster/cell-components.ts';
import { componentImageIds } from '../cluster/image-ids.ts';
import { componentSteps, ECHO_NAME, inClusterUrl, runNamespace, workloadServiceNames, workloadSteps, type ClusterContext } from '../cluster/profile-steps.ts';
import { knativeRouteHosts } from '../cluster/route-hosts.ts';
import { deleteRunNamespace } from '../cluster/run-namespace.ts';
import { runSteps } from '../cluster/run-steps.ts';
import type { Step } from '../cluster/steps.ts';
import type { ProfileNeeds, ProfileSession, Target } from '../target.ts';
import { preflightChecks } from './preflight-checks.ts';
import { requiredDeployments } from './required-components.ts';

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

type StepOptions = Pick<ExistingTargetOptions, 'runId' | 'kubeconfig' | 'context' | 'install' | 'ingressUrl'>;

export function existingProfileSteps(profile: Profile, workload: Workload, options: StepOptions, needs?: ProfileNeeds): Step[] {
  const ctx: ClusterContext = { runId: options.runId, namespace: runNamespace(options.runId, profile.name), kubeconfig: options.kubeconfig, context: options.context, coldServices: needs?.coldStartServices, warmService: needs?.warmBaseline };
  const deploy = workloadSteps(profile, workload, ctx);
  if (!options.install) return [...preflightChecks(profile, deploy, needs, options.ingressUrl), ...deploy];
  // What --install applies is cluster-wide: Knative's ConfigMaps and the ingress Service are their
  // installer's, and the Telemetry object would outlive the namespace. Each is put back afterwards.
  const install = componentSteps(profile, workload, ctx).map((step): Step => (step.type === 'apply' ? { ...step, restore: true } : step));
  return [...install, ...deploy];
}

/** The objects the steps change and restore after the profile, for `plan`. */
export function restoredObjects(steps: readonly Step[]): KubeObject[] {
  return steps.flatMap((step) => (step.type === 'apply' && step.restore ? step.objects : []));
}

export function createExistingTarget(options: ExistingTargetOptions): Target {
  const { kube, log } = options;
  const changes = new ChangeLog();
  // Namespaces of prepared (or half-prepared) profiles, until deleted.
  const namespaces = new Set<string>();

  return {
    name: 'existing',
    emulation: false,

    async prepare(profile, workload, signal, needs) {
      const namespace = runNamespace(options.runId, profile.name);
      namespaces.add(namespace); // before the steps: a prepare that fails midway can leave it behind
      await runSteps(existingProfileSteps(profile, workload, options, needs), { runner: options.runner, kube: () => kube, fetchRelease: options.fetchRelease, log, changes }, signal);
      const versions = options.install ? [] : await componentImages(profile);
      const hosts = profile.serving.type === 'knative' ? await knativeRouteHosts(kube, namespace, workloadServiceNames({ coldServices: needs?.coldStartServices, warmService: needs?.warmBaseline })) : new Map<string, string>();
      return session(profile, workload, versions, hosts, { ...(await clusterFacts(kube)), ...(await componentImageIds(kube, profile)) });
    },

    // Whatever a failed or interrupted prepare (or a failed close) left: the namespaces, then the changes.
    async cleanup() {
      const failures: string[] = [];
      for (const namespace of [...namespaces]) await release(namespace).catch((error: Error) => failures.push(error.message));
      await changes.restore(kube, log).catch((error: Error) => failures.push(error.message));
      if (failures.length > 0) throw new EnvironmentError(failures.join('; '), { hint: "delete the run's namespaces and restore the objects named by hand" });
    },
  };

  async function release(namespace: string): Promise<void> {
    if (!namespaces.has(namespace)) return;
    await deleteRunNamespace(kube, namespace, options.runId, log);
    namespaces.delete(namespace);
  }

  function session(profile: Profile, workload: Workload, versions: string[], hosts: ReadonlyMap<string, string>, facts: Record<string, string>): ProfileSession {
    const namespace = runNamespace(options.runId, profile.name);
    const host = hosts.get(ECHO_NAME);
    return {
      profile: profile.name,
      // Without --ingress-url there is nothing on the host to send to; the run refuses builtin load up front.
      url: options.ingressUrl ?? '',
      ...(host ? { headers: { host } } : {}),
      dataPath: clusterDataPath(profile, 'the host through the cluster ingress'),
      cluster: { kube, namespace, runId: options.runId, url: inClusterUrl(namespace) },
      facts: { ...facts, ...Object.fromEntries(versions.map((line) => line.split(': ') as [string, string])), workloadResources: echoResourcesText() },
      notes: [`existing cluster, namespace ${namespace}`, ...versions],
      // Knative needs --ingress-url to reach its routes; a Deployment is reached through the API server.
      ...withColdStart(clusterColdStart(profile, { kube, namespace, workload, ingressUrl: options.ingressUrl, routeHosts: hosts })),
      sampler: (cell) => createKubeletSampler({ kube, intervalMs: options.sampleIntervalMs, expected: cellComponents(profile, namespace, cell) }),
      // The next profile must not inherit this one's Telemetry object or Knative settings.
      async close() {
        try {
          await release(namespace);
        } finally {
          await changes.restore(kube, log);
        }
      },
    };
  }

  /** "<namespace>/<deployment>: <image>" for each of the profile's components (the checks found them all). */
  async function componentImages(profile: Profile): Promise<string[]> {
    const lines: string[] = [];
    for (const { namespace, name } of requiredDeployments(profile)) {
      const deployment = await kube.get({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace } });
      if (deployment) lines.push(`${namespace}/${name}: ${images(deployment)}`);
    }
    return lines;
  }
}

function withColdStart(coldStart: ProfileSession['coldStart']): Pick<ProfileSession, 'coldStart'> {
  return coldStart ? { coldStart } : {};
}

function images(deployment: KubeObject): string {
  const containers = (deployment.spec as { template?: { spec?: { containers?: { image?: string }[] } } } | undefined)?.template?.spec?.containers ?? [];
  return containers.map((container) => container.image ?? '?').join(', ');
}
