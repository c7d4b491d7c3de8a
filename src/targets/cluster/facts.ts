// What a cluster is, for run.json: Kubernetes version (from the kubelets), node count and size.
// Numbers from differently sized clusters are not comparable, so every cluster run records them.
import type { Kube } from '../../kube/kube.ts';

interface NodeStatus {
  nodeInfo?: { kubeletVersion?: string };
  capacity?: { cpu?: string; memory?: string };
}

export async function clusterFacts(kube: Kube): Promise<Record<string, string>> {
  const nodes = (await kube.list('v1', 'Node')).map((node) => (node.status ?? {}) as NodeStatus);
  const versions = [...new Set(nodes.map((node) => node.nodeInfo?.kubeletVersion ?? 'unknown'))];
  const cpus = nodes.reduce((sum, node) => sum + quantity(node.capacity?.cpu), 0);
  const bytes = nodes.reduce((sum, node) => sum + quantity(node.capacity?.memory), 0);
  return {
    kubernetes: versions.join(', ') || 'unknown',
    nodes: `${nodes.length} (${+cpus.toFixed(2)} CPU, ${(bytes / 1024 ** 3).toFixed(1)} GiB in total)`,
  };
}

const SUFFIX: Record<string, number> = { m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** A Kubernetes resource quantity ("7900m", "16331760Ki", "8") as a number; 0 when absent or unreadable. */
export function quantity(text: string | undefined): number {
  const match = /^(\d+(?:\.\d+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(text ?? '');
  if (!match) return 0;
  return Number(match[1]) * (match[2] ? SUFFIX[match[2]]! : 1);
}
