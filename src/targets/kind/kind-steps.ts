// The kind-specific steps of a profile's cluster: created, or adopted with --reuse-clusters.
// Loading its images is images.ts's job.
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Profile } from '../../suite/schema.ts';
import type { Step } from '../cluster/steps.ts';
import { clusterName, createClusterArgs, exportKubeconfigArgs, kindConfig, type ClusterFiles } from './cluster.ts';

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
