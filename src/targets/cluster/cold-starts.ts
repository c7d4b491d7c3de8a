// Scale-from-zero cells on a cluster: the cold-1 … cold-N Knative services (deployed at zero),
// requested through the ingress by their route host, measured against the watch timeline.
import type { Kube } from '../../cluster/kube.ts';
import { measureColdStarts } from '../../measure/cold-start/knative.ts';
import type { ColdStartCell } from '../../plan/types.ts';
import type { ColdStartIteration } from '../../results/types.ts';
import type { Workload } from '../../suite/schema.ts';
import { ingressRequest } from './ingress-request.ts';
import { coldServiceNames, KNATIVE_DOMAIN } from './profile-steps.ts';

export function knativeColdStarts(
  cell: ColdStartCell,
  signal: AbortSignal,
  deps: { kube: Kube; namespace: string; url: string; workload: Workload },
): Promise<{ iterations: ColdStartIteration[]; discardedWarm: number }> {
  return measureColdStarts(cell, {
    kube: deps.kube,
    namespace: deps.namespace,
    services: coldServiceNames(cell.services),
    kind: 'knative',
    request: (service, requestSignal) => ingressRequest(deps.url, `${service}.${deps.namespace}.${KNATIVE_DOMAIN}`, requestSignal),
    expectedBodyBytes: deps.workload.size,
    signal,
  });
}
