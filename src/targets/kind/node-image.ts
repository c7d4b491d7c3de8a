// What a kind node image says about the host it needs: kind supports Kubernetes < 1.19 only on
// cgroup v1 hosts (kind v0.11.1 site/content/docs/user/known-issues.md, "Failure to Create Cluster
// with Cgroups v2"), since cgroup v2 support came with Kubernetes 1.19.

/** "v1.16.15" from kindest/node:v1.16.15@sha256:…; undefined when the tag is not a version. */
export function nodeKubernetesVersion(image: string): string | undefined {
  return /:(v\d+\.\d+\.\d+)(?:@|$)/.exec(image)?.[1];
}

/** The node image runs a Kubernetes older than 1.19, so kind can run it on cgroup v1 hosts only. */
export function needsCgroupV1(image: string): boolean {
  const match = /^v(\d+)\.(\d+)\./.exec(nodeKubernetesVersion(image) ?? '');
  return match !== null && Number(match[1]) === 1 && Number(match[2]) < 19;
}
