// Ownership: every object meshbench creates carries these labels, so the existing target can
// list what a run made and delete only that (it never deletes anything it did not create).
import type { INamespace } from 'kubernetes-models/v1/Namespace';
import type { Profile } from '../suite/schema.ts';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'meshbench';
export const RUN_LABEL = 'meshbench.dev/run';

// Kubernetes label values: at most 63 characters, alphanumerics and "-_." inside.
const LABEL_VALUE = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;

export interface Labels {
  [key: string]: string;
}

/** The labels that mark an object as created by this run; throws on a run id Kubernetes would reject. */
export function ownershipLabels(runId: string): Labels {
  if (!LABEL_VALUE.test(runId)) {
    throw new Error(`run id "${runId}" is not a valid Kubernetes label value (at most 63 of [A-Za-z0-9._-])`);
  }
  return { [MANAGED_BY_LABEL]: MANAGED_BY, [RUN_LABEL]: runId };
}

/** The data-plane label that makes Istio capture the namespace's pods, per profile mesh. */
export function meshLabels(profile: Profile): Labels {
  switch (profile.mesh.type) {
    case 'istio-sidecar':
      return { 'istio-injection': 'enabled' };
    case 'istio-ambient':
      return { 'istio.io/dataplane-mode': 'ambient' };
    case 'none':
      return {};
  }
}

/** A namespace meshbench owns for one run, enrolled in the profile's mesh. */
export function meshbenchNamespace(name: string, profile: Profile, runId: string): INamespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { ...meshLabels(profile), ...ownershipLabels(runId) } },
  };
}

/** Whether an object carries this run's ownership labels, i.e. this run created it. */
export function ownedByRun(object: { metadata: { labels?: Labels | undefined } }, runId: string): boolean {
  const labels = object.metadata.labels ?? {};
  return labels[MANAGED_BY_LABEL] === MANAGED_BY && labels[RUN_LABEL] === runId;
}
