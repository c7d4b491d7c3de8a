// Telemetry off, mesh-wide: the modern equivalent of disabling Mixer. A Telemetry resource in the
// root namespace (istio-system) applies to every workload. What it removes (istio/istio@1.28.3):
// - metrics: ALL_METRICS disabled for client and server drops the stats filter (istio.stats) from
//   every listener (pilot/pkg/model/telemetry.go generateStatsConfig) — the per-request work of
//   telemetry v2, and what istio-sidecar vs istio-sidecar-no-telemetry prices;
// - access logs and span reporting: already off in the default install (pkg/config/mesh/mesh.go
//   accessLogFile "", no default access-log provider; global.proxy.tracer "none", so no tracing
//   provider and no spans), set here so an install that turned them on prices the same thing.
//   Pilot then also leaves out the HCM tracing block (no provider) it adds with enableTracing
//   (pilot/pkg/networking/core/tracing.go).
// Metadata exchange (istio.metadata_exchange) stays: pilot adds it whatever Telemetry says
// (pilot/pkg/networking/core/listener_builder.go appendMxFilter).
import { ownershipLabels, type Labels } from '../../kube/ownership.ts';

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
