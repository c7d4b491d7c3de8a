// Deleting the run's namespace at the end: only when it still carries this run's ownership labels
// (ownership.ts). A namespace that lost them — relabelled, or recreated by someone else under the
// same name — is left alone with a warning, since deleting a namespace deletes all it holds.
import type { Kube } from '../../kube/kube.ts';
import { MANAGED_BY, MANAGED_BY_LABEL, ownedByRun, RUN_LABEL } from '../../kube/ownership.ts';

export async function deleteRunNamespace(kube: Kube, name: string, runId: string, log: (line: string) => void): Promise<void> {
  const namespace = await kube.get({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  if (!namespace) return;
  if (!ownedByRun(namespace, runId)) {
    log(`warning: leaving namespace ${name}: it does not carry this run's labels (${MANAGED_BY_LABEL}=${MANAGED_BY}, ${RUN_LABEL}=${runId})`);
    return;
  }
  await kube.delete([namespace]);
}
