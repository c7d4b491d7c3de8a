// The kind target: one kind cluster per profile (meshbench-<profile>), created once per run and
// used by every cell of that profile, with the profile's Istio / Knative installed and the echo
// workload deployed; the ingress reaches the host through kind's port mappings. Clusters this run
// created are deleted at the end unless --keep-clusters; --reuse-clusters adopts existing ones.
import { EnvironmentError } from '../../errors.ts';
import type { Kube } from '../../kube/kube.ts';
import type { Runner } from '../../exec/runner.ts';
import { createKubeletSampler } from '../../measure/kubelet-sampler.ts';
import { echoResourcesText } from '../../workloads/echo/manifests.ts';
import type { Profile, Workload } from '../../suite/schema.ts';
import { clusterDataPath } from '../cluster/data-path.ts';
import { clusterFacts } from '../cluster/facts.ts';
import { clusterColdStart } from '../cluster/cold-starts.ts';
import { cellComponents } from '../cluster/cell-components.ts';
import { componentImageIds } from '../cluster/image-ids.ts';
import { componentSteps, ECHO_NAME, inClusterUrl, runNamespace, workloadServiceNames, workloadSteps, type ClusterContext } from '../cluster/profile-steps.ts';
import { knativeRouteHosts } from '../cluster/route-hosts.ts';
import { deleteRunNamespace } from '../cluster/run-namespace.ts';
import { runSteps } from '../cluster/run-steps.ts';
import type { Step } from '../cluster/steps.ts';
import type { ProfileNeeds, ProfileSession, Target } from '../target.ts';
import { clusterName, deleteCluster, INGRESS_NODE_PORTS, ingressHostPorts, listClusters } from './cluster.ts';
import { clusterImage, clusterImages, imageSteps } from './images.ts';
import { clusterFiles, clusterSteps } from './kind-steps.ts';

export interface KindTargetOptions {
  runner: Runner;
  /** Where kind configs and kubeconfigs are written (the run directory). */
  workDir: string;
  /** Labels and names what this run creates. */
  runId: string;
  keepClusters: boolean;
  reuseClusters: boolean;
  /** The Kube seam for a cluster's kubeconfig file. */
  kubeFor(kubeconfig: string): Kube;
  fetchRelease(url: string): Promise<string>;
  log(line: string): void;
  /** How often the kubelets' /metrics/resource is read while a cell runs. */
  sampleIntervalMs: number;
  /** The platform image archives are saved for: the docker daemon's, e.g. linux/amd64. */
  platform: string;
}

/** Everything a profile needs on kind, in order: what `plan --target kind` prints and `run` executes. */
export function kindProfileSteps(profile: Profile, workload: Workload, options: Pick<KindTargetOptions, 'workDir' | 'runId' | 'platform'>, reuse: boolean, needs?: ProfileNeeds): Step[] {
  const files = clusterFiles(options.workDir, profile);
  const ctx = { ...clusterContext(profile, options.runId, files.kubeconfig), coldServices: needs?.coldStartServices, warmService: needs?.warmBaseline };
  return [
    ...clusterSteps(profile, files, reuse),
    ...imageSteps(profile, workload, options, needs),
    ...componentSteps(profile, workload, ctx),
    ...workloadSteps(profile, workload, ctx),
  ];
}

function clusterContext(profile: Profile, runId: string, kubeconfig: string): ClusterContext {
  return { runId, namespace: runNamespace(runId), kubeconfig, nodePort: INGRESS_NODE_PORTS.http, imageRef: (image) => clusterImage(image, profile) };
}

export function createKindTarget(options: KindTargetOptions): Target {
  const created = new Set<Profile>();
  let existing: Promise<string[]> | undefined;

  return {
    name: 'kind',
    emulation: false,

    async prepare(profile, workload, signal, needs) {
      const name = clusterName(profile);
      const present = (await (existing ??= listClusters(options.runner))).includes(name);
      if (present && !options.reuseClusters) {
        throw new EnvironmentError(`kind cluster ${name} already exists`, {
          hint: `pass --reuse-clusters to adopt it, or delete it: kind delete cluster --name ${name}`,
        });
      }
      // Registered before creation starts: a create that fails midway can leave a cluster behind.
      if (!present) created.add(profile);
      const files = clusterFiles(options.workDir, profile);
      const kube = lazy(() => options.kubeFor(files.kubeconfig));
      await runSteps(kindProfileSteps(profile, workload, options, present, needs), { runner: options.runner, kube, fetchRelease: options.fetchRelease, log: options.log }, signal);
      const hosts = profile.serving.type === 'knative' ? await knativeRouteHosts(kube(), runNamespace(options.runId), workloadServiceNames({ coldServices: needs?.coldStartServices, warmService: needs?.warmBaseline })) : new Map<string, string>();
      return session(profile, workload, present, kube, hosts, await stackFacts(profile, workload, kube(), needs));
    },

    async cleanup() {
      const failures: string[] = [];
      // One failed delete must not keep the others alive.
      for (const profile of created) await release(profile).catch((error: Error) => failures.push(error.message));
      if (failures.length > 0) throw new EnvironmentError(failures.join('; '), { hint: 'delete them by hand with kind delete cluster --name <name>' });
    },
  };

  /** Deletes a cluster this run created (or keeps it with --keep-clusters); each only once. */
  async function release(profile: Profile): Promise<void> {
    if (!created.delete(profile)) return;
    if (options.keepClusters) {
      options.log(`keeping kind cluster ${clusterName(profile)} (--keep-clusters)`);
      return;
    }
    options.log(`deleting kind cluster ${clusterName(profile)}`);
    await deleteCluster(options.runner, clusterName(profile), clusterFiles(options.workDir, profile).kubeconfig);
  }

  async function stackFacts(profile: Profile, workload: Workload, kube: Kube, needs: ProfileNeeds | undefined): Promise<Record<string, string>> {
    const kind = /kind (v\S+)/.exec((await options.runner.run('kind', ['version'])).stdout)?.[1] ?? 'unknown';
    return {
      cluster: clusterName(profile),
      kind,
      nodeImage: profile.kubernetes?.nodeImage ?? 'unknown',
      ...(await clusterFacts(kube)),
      ...(profile.mesh.type === 'none' ? {} : { istio: `${profile.mesh.version} (${profile.mesh.type}, telemetry ${profile.mesh.telemetry})` }),
      ...(profile.serving.type === 'knative' ? { knative: `serving ${profile.serving.version}, ${profile.serving.ingress ?? 'kourier'} ${profile.serving.ingressVersion ?? profile.serving.version}` } : {}),
      images: clusterImages(profile, workload, needs).join(', '),
      ...(await componentImageIds(kube, profile)),
      workloadResources: echoResourcesText(),
    };
  }

  function session(profile: Profile, workload: Workload, reused: boolean, kube: () => Kube, hosts: ReadonlyMap<string, string>, facts: Record<string, string>): ProfileSession {
    const namespace = runNamespace(options.runId);
    const host = hosts.get(ECHO_NAME);
    const willBeDeleted = !reused && !options.keepClusters;
    const url = `http://127.0.0.1:${ingressHostPorts(profile).http}/`;
    return {
      profile: profile.name,
      url,
      ...(host ? { headers: { host } } : {}),
      dataPath: clusterDataPath(profile, 'the host through the kind node port'),
      facts,
      cluster: { kube: kube(), namespace, runId: options.runId, url: inClusterUrl(namespace) },
      notes: [
        `kind cluster ${clusterName(profile)} (${reused ? 'adopted with --reuse-clusters' : 'created by this run'})`,
        'load from outside the mesh (k6 pods opted out of sidecars and ambient capture, or the host through the kind port mapping): requests reach the workload in plaintext',
      ],
      // kind always maps the ingress to the host, so every profile shape can be cold-started.
      coldStart: clusterColdStart(profile, { kube: kube(), namespace, workload, ingressUrl: url, routeHosts: hosts })!,
      sampler: (cell) => createKubeletSampler({ kube: kube(), intervalMs: options.sampleIntervalMs, expected: cellComponents(profile, namespace, cell) }),
      async close() {
        // Delete the profile's cluster as soon as its cells are done: a cluster left running (its
        // control plane, istiod, Knative) would skew the next profile's latency and CPU. Its
        // namespace goes with it; an adopted or kept cluster only loses the run's namespace.
        if (willBeDeleted) await release(profile);
        else await deleteRunNamespace(kube(), namespace, options.runId, options.log);
      },
    };
  }
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
