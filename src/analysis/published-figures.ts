// Every published figure the report sets beside ours, in one list with its source and the shape of
// the test behind it (REFERENCE.md, "Published figures to compare against"). Anchors only: each
// was measured at a vendor's load, payload and hardware, so a figure of ours far from one is a
// question to ask, never a limit or a failure.

/** How a published figure was measured, so nobody reads it as a limit at another shape. */
export interface TestShape {
  /** e.g. "1000 rps", "one request after scale to zero". */
  load: string;
  /** e.g. "16 connections"; undefined when not published. */
  connections?: string;
  /** e.g. "HTTP/1.1, 1 KB payload". */
  payload?: string;
  /** e.g. "GKE, 30 s per point"; undefined when not published. */
  hardware?: string;
}

/** What a figure is about, in the units our rows use. */
export type PublishedMeasure =
  /** vCPU per 1000 requests per second, i.e. CPU-seconds per 1000 requests. */
  | { kind: 'cpu-per-1000-rps'; value: number }
  /** Memory per instance (per pod for a sidecar), MB as published (10^6 bytes). */
  | { kind: 'memory-mb'; value: number }
  /** Latency added at a percentile, ms. */
  | { kind: 'added-latency-ms'; percentile: string; value: number }
  /** A cold start (request to first byte from zero), ms; `high` for a published range. */
  | { kind: 'cold-start-ms'; percentile: string; value: number; high?: number }
  /** A pod-startup bound, ms. */
  | { kind: 'pod-startup-ms'; percentile: string; value: number };

export interface PublishedFigure {
  /** Stable key, e.g. "istio-1.24-sidecar-cpu". */
  id: string;
  /** The component it is about, by the names our targets sample under (SIDECAR_COMPONENTS for the sidecar). */
  component: 'sidecar' | 'ztunnel' | 'waypoint' | 'mixer' | 'queue-proxy' | 'activator' | 'knative' | 'kubernetes';
  /** The release or era it describes, e.g. "Istio 1.24". */
  release: string;
  what: string;
  measure: PublishedMeasure;
  shape: TestShape;
  /** Where it was published: a page title and its address or repository path. */
  source: string;
}

const ISTIO_SHAPE: TestShape = {
  load: '1000 rps (CPU sweeps 10–1000 rps)',
  connections: '16 connections (latency sweeps 2–64)',
  payload: 'HTTP/1.1, 1 KB payload',
  hardware: '240 s per point, first ~60 s and last ~30 s cut',
};
const ISTIO_CURRENT = 'istio.io performance and scalability page (docs/ops/deployment/performance-and-scalability)';
const ISTIO_1_4 = 'istio.io v1.4 performance and scalability page (archive.istio.io/v1.4)';
const ISTIO_1_5 = 'istio.io v1.5 performance and scalability page (archive.istio.io/v1.5)';

export const PUBLISHED_FIGURES: readonly PublishedFigure[] = [
  { id: 'istio-1.24-sidecar-cpu', component: 'sidecar', release: 'Istio 1.24', what: 'sidecar CPU', measure: { kind: 'cpu-per-1000-rps', value: 0.2 }, shape: ISTIO_SHAPE, source: ISTIO_CURRENT },
  { id: 'istio-1.24-sidecar-memory', component: 'sidecar', release: 'Istio 1.24', what: 'sidecar memory', measure: { kind: 'memory-mb', value: 60 }, shape: ISTIO_SHAPE, source: ISTIO_CURRENT },
  { id: 'istio-1.24-waypoint-cpu', component: 'waypoint', release: 'Istio 1.24', what: 'waypoint CPU', measure: { kind: 'cpu-per-1000-rps', value: 0.25 }, shape: ISTIO_SHAPE, source: ISTIO_CURRENT },
  { id: 'istio-1.24-waypoint-memory', component: 'waypoint', release: 'Istio 1.24', what: 'waypoint memory', measure: { kind: 'memory-mb', value: 60 }, shape: ISTIO_SHAPE, source: ISTIO_CURRENT },
  { id: 'istio-1.24-ztunnel-cpu', component: 'ztunnel', release: 'Istio 1.24', what: 'ztunnel CPU', measure: { kind: 'cpu-per-1000-rps', value: 0.06 }, shape: ISTIO_SHAPE, source: ISTIO_CURRENT },
  { id: 'istio-1.24-ztunnel-memory', component: 'ztunnel', release: 'Istio 1.24', what: 'ztunnel memory', measure: { kind: 'memory-mb', value: 12 }, shape: ISTIO_SHAPE, source: ISTIO_CURRENT },
  { id: 'istio-1.4-sidecar-cpu', component: 'sidecar', release: 'Istio 1.4.6', what: 'sidecar CPU', measure: { kind: 'cpu-per-1000-rps', value: 0.5 }, shape: ISTIO_SHAPE, source: ISTIO_1_4 },
  { id: 'istio-1.4-sidecar-memory', component: 'sidecar', release: 'Istio 1.4.6', what: 'sidecar memory', measure: { kind: 'memory-mb', value: 50 }, shape: ISTIO_SHAPE, source: ISTIO_1_4 },
  { id: 'istio-1.4-sidecar-p90', component: 'sidecar', release: 'Istio 1.4.6', what: 'latency added by the sidecars', measure: { kind: 'added-latency-ms', percentile: 'p90', value: 6.3 }, shape: ISTIO_SHAPE, source: ISTIO_1_4 },
  { id: 'istio-1.4-mixer-cpu', component: 'mixer', release: 'Istio 1.4.6', what: 'Mixer (istio-telemetry) CPU per 1000 mesh-wide rps', measure: { kind: 'cpu-per-1000-rps', value: 0.6 }, shape: ISTIO_SHAPE, source: ISTIO_1_4 },
  { id: 'istio-1.5-sidecar-p90', component: 'sidecar', release: 'Istio 1.5.4 (telemetry v2, Mixer off)', what: 'latency added by the sidecars', measure: { kind: 'added-latency-ms', percentile: 'p90', value: 2.8 }, shape: ISTIO_SHAPE, source: ISTIO_1_5 },
  { id: 'istio-1.5-sidecar-p99', component: 'sidecar', release: 'Istio 1.5.4 (telemetry v2, Mixer off)', what: 'latency added by the sidecars', measure: { kind: 'added-latency-ms', percentile: 'p99', value: 2.7 }, shape: ISTIO_SHAPE, source: ISTIO_1_5 },
  {
    id: 'knative-dataplane-probe-queue-proxy',
    component: 'queue-proxy',
    release: 'Knative Serving (dataplane-probe SLA)',
    what: 'latency added by queue-proxy or activator over a 100 ms app',
    measure: { kind: 'added-latency-ms', percentile: 'p95', value: 10 },
    shape: { load: 'constant rate (dataplane-probe benchmark)', payload: 'HTTP/1.1, app sleeps 100 ms', hardware: 'Knative performance cluster (GKE)' },
    source: 'knative/serving test/performance/benchmarks/dataplane-probe',
  },
  {
    id: 'knative-0.9-cold-start',
    component: 'knative',
    release: 'Knative 0.9',
    what: 'best-case cold start (pre-pulled tiny image)',
    measure: { kind: 'cold-start-ms', percentile: 'p50', value: 3600 },
    shape: { load: 'one request after scale to zero', payload: 'tiny pre-pulled image' },
    source: 'production report this project started from (REFERENCE.md)',
  },
  {
    id: 'knative-2019-cold-start',
    component: 'knative',
    release: 'Knative 2019 roadmap',
    what: 'cold start with Istio',
    measure: { kind: 'cold-start-ms', percentile: 'typical', value: 10_000, high: 15_000 },
    shape: { load: 'one request after scale to zero' },
    source: 'knative/serving docs/roadmap/scaling-2019.md',
  },
  {
    id: 'knative-1.11-cold-start',
    component: 'knative',
    release: 'Knative 1.11',
    what: 'cold start (spikes of 2–10 s reported)',
    measure: { kind: 'cold-start-ms', percentile: 'typical', value: 800 },
    shape: { load: 'one request after scale to zero' },
    source: 'knative/serving#15477',
  },
  {
    id: 'kperf-scale-from-zero',
    component: 'knative',
    release: 'kperf example',
    what: 'scale-from-zero',
    measure: { kind: 'cold-start-ms', percentile: 'p50', value: 2070 },
    shape: { load: 'kperf scale-from-zero run' },
    source: 'knative-extensions/kperf docs/examples.md',
  },
  {
    id: 'kubernetes-pod-startup-slo',
    component: 'kubernetes',
    release: 'Kubernetes SIG Scalability SLO',
    what: 'pod startup, excluding image pull',
    measure: { kind: 'pod-startup-ms', percentile: 'p99', value: 5000 },
    shape: { load: 'stateless pods, pre-pulled images', hardware: 'clusters within the scalability thresholds' },
    source: 'kubernetes/community sig-scalability/slos/pod_startup_latency.md',
  },
];
