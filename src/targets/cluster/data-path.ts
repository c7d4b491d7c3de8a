// The data path a cluster profile's load takes, as run.json and the report state it. One rule for
// every mesh mode: the load generator is outside the mesh — the host, or a k6 pod opted out of
// sidecar injection and of ambient capture (src/drivers/k6/objects.ts) — so what a mesh adds is its
// server side only: the workload's sidecar, or the ztunnel of the workload's node (no client-side
// ztunnel, no HBONE), each reached in plaintext (PERMISSIVE). Pure.
import { activatorInWarmPath } from '../../components/knative/config.ts';
import type { Profile } from '../../suite/schema.ts';

/** `hostEntry`: how load from the host gets in ("the host through the kind node port"). */
export function clusterDataPath(profile: Profile, hostEntry: string): string[] {
  const path = [`client outside the mesh (in-cluster k6 pod, or ${hostEntry})`];
  if (profile.serving.type === 'knative') {
    path.push(`${profile.serving.ingress ?? 'kourier'} gateway`);
    // echo runs one pod (min-scale 1), and with the default target-burst-capacity (211) the
    // activator stays in front of it (activatorInWarmPath). It runs in knative-serving, which is
    // not injected: outside the mesh, also on knative-istio.
    const activator = activatorInWarmPath(profile.serving.autoscaler);
    if (activator !== false) path.push(activator ? 'activator' : 'activator (while the burst capacity is short)');
  }
  if (profile.mesh.type === 'istio-sidecar') path.push('istio-proxy (sidecar)');
  if (profile.mesh.type === 'istio-ambient') path.push("ztunnel (the workload's node only)");
  if (profile.serving.type === 'knative') path.push('queue-proxy');
  path.push('echo (fortio)');
  return path;
}
