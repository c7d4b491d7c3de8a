// Telemetry off, mesh-wide: the modern equivalent of disabling Mixer. A Telemetry resource in
// the root namespace (istio-system) applies to every workload; disabling ALL_METRICS for both
// client and server proxies, access logs and span reporting removes the work telemetry v2 does
// in each proxy, so istio-sidecar vs istio-sidecar-no-telemetry prices exactly that work.
import { ownershipLabels, type Labels } from '../../cluster/ownership.ts';

export const ISTIO_ROOT_NAMESPACE = 'istio-system';

// telemetry.istio.io/v1, the version REFERENCE.md gives for the mesh-wide Telemetry resource.
export interface TelemetryObject {
  apiVersion: 'telemetry.istio.io/v1';
  kind: 'Telemetry';
  metadata: { name: string; namespace: string; labels: Labels };
  spec: {
    metrics: { overrides: { match: { metric: 'ALL_METRICS'; mode: 'CLIENT_AND_SERVER' }; disabled: true }[] }[];
    accessLogging: { disabled: true }[];
    tracing: { disableSpanReporting: true }[];
  };
}

export function telemetryOff(runId: string): TelemetryObject {
  return {
    apiVersion: 'telemetry.istio.io/v1',
    kind: 'Telemetry',
    metadata: { name: 'meshbench-telemetry-off', namespace: ISTIO_ROOT_NAMESPACE, labels: ownershipLabels(runId) },
    spec: {
      metrics: [{ overrides: [{ match: { metric: 'ALL_METRICS', mode: 'CLIENT_AND_SERVER' }, disabled: true }] }],
      accessLogging: [{ disabled: true }],
      tracing: [{ disableSpanReporting: true }],
    },
  };
}
