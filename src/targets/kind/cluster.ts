// The kind cluster lifecycle of the kind target: one cluster per profile, named meshbench-<profile>,
// driven through a Runner with the exact argv kind documents.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { EnvironmentError, UsageError } from '../../errors.ts';
import type { Runner } from '../../exec/runner.ts';
import { fnv1a } from '../../seeded-random.ts';
import type { Profile } from '../../suite/schema.ts';

export const KIND_API_VERSION = 'kind.x-k8s.io/v1alpha4';

/**
 * The ingress (Kourier or the Istio ingress gateway) is exposed as a NodePort service on these
 * fixed node ports; kind maps them to 127.0.0.1 on the host so the harness reaches services
 * without port-forwarding. Installers must give the ingress exactly these nodePorts.
 */
export const INGRESS_NODE_PORTS = { http: 31080, https: 31443 } as const;

// Host ports: each profile gets a pair in 20000–29999 (below Linux's ephemeral range 32768–60999)
// chosen by a hash of its name, so the same profile always lands on the same ports — on every
// machine and every run — and clusters of different profiles can exist side by side.
const HOST_PORT_BASE = 20000;
const HOST_PORT_PAIRS = 5000;

export function clusterName(profile: Pick<Profile, 'name'>): string {
  return `meshbench-${profile.name}`;
}

/** The 127.0.0.1 ports the profile's cluster serves its ingress on. */
export function ingressHostPorts(profile: Pick<Profile, 'name'>): { http: number; https: number } {
  const http = HOST_PORT_BASE + 2 * (fnv1a(profile.name) % HOST_PORT_PAIRS);
  return { http, https: http + 1 };
}

/** Profiles whose host ports coincide; their clusters cannot exist at the same time. */
export function hostPortClashes(profiles: Pick<Profile, 'name'>[]): [string, string][] {
  const byPort = new Map<number, string>();
  const clashes: [string, string][] = [];
  for (const profile of profiles) {
    const port = ingressHostPorts(profile).http;
    const other = byPort.get(port);
    if (other !== undefined && other !== profile.name) clashes.push([other, profile.name]);
    else byPort.set(port, profile.name);
  }
  return clashes;
}

export interface KindCluster {
  apiVersion: typeof KIND_API_VERSION;
  kind: 'Cluster';
  name: string;
  nodes: {
    role: 'control-plane' | 'worker';
    image: string;
    extraPortMappings: { containerPort: number; hostPort: number; listenAddress: string; protocol: 'TCP' }[];
  }[];
}

/** The kind Cluster config for a profile: one control-plane node on the profile's pinned node image. */
export function kindConfig(profile: Profile): KindCluster {
  const ports = ingressHostPorts(profile);
  const mapping = (containerPort: number, hostPort: number) =>
    ({ containerPort, hostPort, listenAddress: '127.0.0.1', protocol: 'TCP' }) as const;
  return {
    apiVersion: KIND_API_VERSION,
    kind: 'Cluster',
    name: clusterName(profile),
    nodes: [
      {
        role: 'control-plane',
        image: nodeImage(profile),
        extraPortMappings: [mapping(INGRESS_NODE_PORTS.http, ports.http), mapping(INGRESS_NODE_PORTS.https, ports.https)],
      },
    ],
  };
}

function nodeImage(profile: Profile): string {
  const image = profile.kubernetes?.nodeImage;
  if (image === undefined) {
    throw new UsageError(
      `profile ${profile.name} has no kubernetes.nodeImage; the kind target needs a kindest/node image pinned by digest`,
    );
  }
  return image;
}

/** Writes the profile's kind config as YAML into `dir`; returns its path. */
export async function writeKindConfig(profile: Profile, dir: string): Promise<string> {
  const file = join(dir, `${clusterName(profile)}.kind.yaml`);
  await writeFile(file, stringify(kindConfig(profile)));
  return file;
}

export interface ClusterFiles {
  /** The kind config written by writeKindConfig. */
  config: string;
  /** A kubeconfig of our own, so the user's ~/.kube/config is never touched. */
  kubeconfig: string;
}

/** argv of `kind create cluster` for the profile (shared by the plan and createCluster). */
export function createClusterArgs(profile: Profile, files: ClusterFiles): string[] {
  return ['create', 'cluster', '--name', clusterName(profile), '--config', files.config, '--image', nodeImage(profile), '--wait', '5m', '--kubeconfig', files.kubeconfig];
}

/** argv that writes an existing cluster's kubeconfig into our own file (adopting a cluster). */
export function exportKubeconfigArgs(profile: Profile, kubeconfig: string): string[] {
  return ['export', 'kubeconfig', '--name', clusterName(profile), '--kubeconfig', kubeconfig];
}

export async function createCluster(runner: Runner, profile: Profile, files: ClusterFiles): Promise<void> {
  await wrap(runner.run('kind', createClusterArgs(profile, files)), `failed to create kind cluster ${clusterName(profile)}`);
}

/** Deletes the cluster; kind treats a cluster that does not exist as already deleted. */
export async function deleteCluster(runner: Runner, name: string, kubeconfig?: string): Promise<void> {
  const args = ['delete', 'cluster', '--name', name, ...(kubeconfig === undefined ? [] : ['--kubeconfig', kubeconfig])];
  await wrap(runner.run('kind', args), `failed to delete kind cluster ${name}`);
}

// kind logs this to stderr when there are none; older releases printed it to stdout.
const NO_CLUSTERS = 'No kind clusters found.';

/** Names of the existing kind clusters (all of them, not only meshbench's). */
export async function listClusters(runner: Runner): Promise<string[]> {
  const { stdout } = await wrap(runner.run('kind', ['get', 'clusters']), 'failed to list kind clusters');
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && line !== NO_CLUSTERS);
}

async function wrap<T>(promise: Promise<T>, message: string): Promise<T> {
  try {
    return await promise;
  } catch (cause) {
    throw new EnvironmentError(message, { cause, hint: 'run `meshbench doctor` to check docker and kind' });
  }
}
