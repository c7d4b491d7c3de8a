// The kind-specific steps of a profile: its cluster (created, or adopted with --reuse-clusters) and
// the images loaded into it before anything is measured, so no pull happens inside a measurement.
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Profile, Workload } from '../../suite/schema.ts';
import { ECHO_IMAGE, STARTUP_DELAY_IMAGE } from '../../workloads/echo/manifests.ts';
import type { Step } from '../cluster/steps.ts';
import type { ProfileNeeds } from '../target.ts';
import { K6_IMAGE } from '../../drivers/k6/objects.ts';
import { clusterName, createClusterArgs, exportKubeconfigArgs, kindConfig, loadImageArgs, type ClusterFiles } from './cluster.ts';

/** Where a profile's kind config and kubeconfig live (inside the run directory: never ~/.kube/config). */
export function clusterFiles(workDir: string, profile: Profile): ClusterFiles {
  const name = clusterName(profile);
  return { config: join(workDir, `${name}.kind.yaml`), kubeconfig: join(workDir, `${name}.kubeconfig`) };
}

export function clusterSteps(profile: Profile, files: ClusterFiles, reuse: boolean): Step[] {
  const name = clusterName(profile);
  if (reuse) {
    return [{ type: 'command', title: `adopt the existing kind cluster ${name}`, command: 'kind', args: exportKubeconfigArgs(profile, files.kubeconfig) }];
  }
  return [
    { type: 'file', title: `write the kind config of ${name}`, path: files.config, content: stringify(kindConfig(profile)) },
    { type: 'command', title: `create the kind cluster ${name}`, command: 'kind', args: createClusterArgs(profile, files) },
  ];
}

/**
 * Knative resolves image tags to digests through the registry, unless the registry is one it skips
 * (kind.local among them): retagging the loaded images as kind.local/… keeps the pod on exactly the
 * image we loaded instead of a pull by digest in the middle of a cold start.
 */
export function clusterImage(image: string, profile: Profile): string {
  // Only the workload's images go through Knative; the k6 Job is a plain pod.
  if (profile.serving.type !== 'knative' || image === K6_IMAGE) return image;
  return `kind.local/${image.slice(image.lastIndexOf('/') + 1)}`;
}

export function imageSteps(profile: Profile, workload: Workload, needs?: ProfileNeeds): Step[] {
  const cluster = clusterName(profile);
  const images = [ECHO_IMAGE, ...(workload.startupDelay > 0 ? [STARTUP_DELAY_IMAGE] : []), ...(needs?.inClusterK6 ? [K6_IMAGE] : [])];
  return images.flatMap((image): Step[] => {
    const inCluster = clusterImage(image, profile);
    return [
      { type: 'command', title: `pull ${image}`, command: 'docker', args: ['pull', image] },
      ...(inCluster === image ? [] : [{ type: 'command' as const, title: `tag it ${inCluster}`, command: 'docker', args: ['tag', image, inCluster] }]),
      { type: 'command', title: `load ${inCluster} into ${cluster}`, command: 'kind', args: loadImageArgs(inCluster, cluster) },
    ];
  });
}
