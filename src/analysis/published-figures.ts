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
  /**
   * The component it is about, by the names our targets sample under (SIDECAR_COMPONENTS for the
   * sidecar); linkerd-proxy is published for comparison only: meshbench does not install Linkerd.
   */
  component: 'sidecar' | 'ztunnel' | 'waypoint' | 'mixer' | 'queue-proxy' | 'activator' | 'knative' | 'kubernetes' | 'linkerd-proxy';
  /** The release or era it describes, e.g. "Istio 1.24". */
  release: string;
  /** What the figure is of, e.g. "sidecar"; the measure's kind says which quantity. */
  what: string;
  measure: PublishedMeasure;
  shape: TestShape;
  /** Where it was published, short, e.g. "istio.io performance page". */
  source: string;
  /** The page's address or the repository path, so a reader can check it. */
  address: string;
}

// The Istio benchmark's shape (istio/tools perf/benchmark): one load point at a time.
const ISTIO_SHAPE: TestShape = {
  load: '1000 rps (CPU sweeps 10–1000 rps)',
  connections: '16 connections (latency sweeps 2–64)',
  payload: 'HTTP/1.1, 1 KB payload, mutual TLS',
  hardware: '2 proxy worker threads; 240 s per point, first ~60 s and last ~30 s cut',
};
const ISTIO_CURRENT = { source: 'istio.io performance page', address: 'https://istio.io/latest/docs/ops/deployment/performance-and-scalability/ (summary for Istio 1.24)' };
const ISTIO_1_4 = { source: 'istio.io v1.4 performance page', address: 'https://istio.io/v1.4/docs/ops/deployment/performance-and-scalability/' };
const ISTIO_1_5 = { source: 'istio.io v1.5 performance page', address: 'https://istio.io/v1.5/docs/ops/deployment/performance-and-scalability/' };

// Linkerd's rerun of Kinvolk's harness (emojivoto, latency from the client, wrk2-style constant
// rate): each point is the mean of five 10-minute runs. It states no connection count.
const LINKERD_2021_SHAPE: TestShape = {
  load: '2000 rps sustained, 10 min per run, mean of 5 runs (also run at 20 and 200 rps)',
  payload: 'emojivoto microservice app, HTTP and gRPC calls, mutual TLS on both meshes',
  hardware: 'Equinix Metal bare metal: 6 × s3.xlarge.x86 workers (Xeon 4214, 24 cores, 192 GB) + 1 load-generator node, Kubernetes 1.21.4 (Lokomotive)',
};
const LINKERD_2021 = { source: 'linkerd.io blog, “Benchmarking Linkerd and Istio: 2021 Redux”', address: 'https://linkerd.io/2021/11/29/linkerd-vs-istio-benchmarks-2021/' };

// Kinvolk's 2019 run of the same harness, as Linkerd's summary of it states the figures; Istio
// in Kinvolk's "tuned" configuration.
const KINVOLK_2019_SHAPE: TestShape = {
  load: '500 rps sustained (also 600 rps, which Istio could not serve)',
  payload: 'a microservice app with HTTP and gRPC calls; latency from the load generator',
  hardware: 'CNCF community cluster, Packet bare metal',
};
const KINVOLK_2019 = {
  source: 'linkerd.io blog, “Linkerd Benchmarks” (summary of Kinvolk’s report, kinvolk.io/blog/2019/05/kubernetes-service-mesh-benchmarking/)',
  address: 'https://linkerd.io/2019/05/18/linkerd-benchmarks/',
};

export const PUBLISHED_FIGURES: readonly PublishedFigure[] = [
  { id: 'istio-1.24-sidecar-cpu', component: 'sidecar', release: 'Istio 1.24', what: 'sidecar', measure: { kind: 'cpu-per-1000-rps', value: 0.2 }, shape: ISTIO_SHAPE, ...ISTIO_CURRENT },
  { id: 'istio-1.24-sidecar-memory', component: 'sidecar', release: 'Istio 1.24', what: 'sidecar', measure: { kind: 'memory-mb', value: 60 }, shape: ISTIO_SHAPE, ...ISTIO_CURRENT },
  { id: 'istio-1.24-waypoint-cpu', component: 'waypoint', release: 'Istio 1.24', what: 'waypoint', measure: { kind: 'cpu-per-1000-rps', value: 0.25 }, shape: ISTIO_SHAPE, ...ISTIO_CURRENT },
  { id: 'istio-1.24-waypoint-memory', component: 'waypoint', release: 'Istio 1.24', what: 'waypoint', measure: { kind: 'memory-mb', value: 60 }, shape: ISTIO_SHAPE, ...ISTIO_CURRENT },
  { id: 'istio-1.24-ztunnel-cpu', component: 'ztunnel', release: 'Istio 1.24', what: 'ztunnel', measure: { kind: 'cpu-per-1000-rps', value: 0.06 }, shape: ISTIO_SHAPE, ...ISTIO_CURRENT },
  { id: 'istio-1.24-ztunnel-memory', component: 'ztunnel', release: 'Istio 1.24', what: 'ztunnel', measure: { kind: 'memory-mb', value: 12 }, shape: ISTIO_SHAPE, ...ISTIO_CURRENT },
  { id: 'istio-1.4-sidecar-cpu', component: 'sidecar', release: 'Istio 1.4.6', what: 'sidecar', measure: { kind: 'cpu-per-1000-rps', value: 0.5 }, shape: ISTIO_SHAPE, ...ISTIO_1_4 },
  { id: 'istio-1.4-sidecar-memory', component: 'sidecar', release: 'Istio 1.4.6', what: 'sidecar', measure: { kind: 'memory-mb', value: 50 }, shape: ISTIO_SHAPE, ...ISTIO_1_4 },
  { id: 'istio-1.4-sidecar-p90', component: 'sidecar', release: 'Istio 1.4.6', what: 'latency added by the sidecars', measure: { kind: 'added-latency-ms', percentile: 'p90', value: 6.3 }, shape: ISTIO_SHAPE, ...ISTIO_1_4 },
  {
    id: 'istio-1.4-mixer-cpu',
    component: 'mixer',
    release: 'Istio 1.4.6',
    what: 'Mixer (istio-telemetry)',
    measure: { kind: 'cpu-per-1000-rps', value: 0.6 },
    shape: { ...ISTIO_SHAPE, load: '1000 mesh-wide rps (load-test mesh: 1000 services, 2000 sidecars, 70,000 mesh-wide rps)' },
    ...ISTIO_1_4,
  },
  { id: 'istio-1.5-sidecar-p90', component: 'sidecar', release: 'Istio 1.5.4 (telemetry v2, Mixer off)', what: 'latency added by the sidecars', measure: { kind: 'added-latency-ms', percentile: 'p90', value: 2.8 }, shape: ISTIO_SHAPE, ...ISTIO_1_5 },
  { id: 'istio-1.5-sidecar-p99', component: 'sidecar', release: 'Istio 1.5.4 (telemetry v2, Mixer off)', what: 'latency added by the sidecars', measure: { kind: 'added-latency-ms', percentile: 'p99', value: 2.7 }, shape: ISTIO_SHAPE, ...ISTIO_1_5 },
  { id: 'linkerd-2021-linkerd-p50', component: 'linkerd-proxy', release: 'Linkerd 2.11.1', what: 'latency added by the proxies, user-facing', measure: { kind: 'added-latency-ms', percentile: 'p50', value: 6 }, shape: LINKERD_2021_SHAPE, ...LINKERD_2021 },
  { id: 'linkerd-2021-linkerd-max', component: 'linkerd-proxy', release: 'Linkerd 2.11.1', what: 'latency added by the proxies, user-facing', measure: { kind: 'added-latency-ms', percentile: 'max', value: 42 }, shape: LINKERD_2021_SHAPE, ...LINKERD_2021 },
  { id: 'linkerd-2021-linkerd-memory', component: 'linkerd-proxy', release: 'Linkerd 2.11.1', what: 'proxy, maximum memory of one proxy', measure: { kind: 'memory-mb', value: 26.3 }, shape: LINKERD_2021_SHAPE, ...LINKERD_2021 },
  { id: 'linkerd-2021-istio-p50', component: 'sidecar', release: 'Istio 1.12.0 (minimal profile), in Linkerd’s benchmark', what: 'latency added by the sidecars, user-facing', measure: { kind: 'added-latency-ms', percentile: 'p50', value: 17 }, shape: LINKERD_2021_SHAPE, ...LINKERD_2021 },
  { id: 'linkerd-2021-istio-max', component: 'sidecar', release: 'Istio 1.12.0 (minimal profile), in Linkerd’s benchmark', what: 'latency added by the sidecars, user-facing (“~350 ms”)', measure: { kind: 'added-latency-ms', percentile: 'max', value: 350 }, shape: LINKERD_2021_SHAPE, ...LINKERD_2021 },
  { id: 'linkerd-2021-istio-memory', component: 'sidecar', release: 'Istio 1.12.0 (minimal profile), in Linkerd’s benchmark', what: 'sidecar, maximum memory of one proxy', measure: { kind: 'memory-mb', value: 156.2 }, shape: LINKERD_2021_SHAPE, ...LINKERD_2021 },
  { id: 'kinvolk-2019-linkerd-p99', component: 'linkerd-proxy', release: 'Linkerd 2.3-edge-19.5.2', what: 'latency added by the proxies, user-facing', measure: { kind: 'added-latency-ms', percentile: 'p99', value: 3.6 }, shape: KINVOLK_2019_SHAPE, ...KINVOLK_2019 },
  { id: 'kinvolk-2019-linkerd-memory', component: 'linkerd-proxy', release: 'Linkerd 2.3-edge-19.5.2', what: 'proxy, average memory per proxy', measure: { kind: 'memory-mb', value: 5.7 }, shape: KINVOLK_2019_SHAPE, ...KINVOLK_2019 },
  { id: 'kinvolk-2019-istio-memory', component: 'sidecar', release: 'Istio 1.1.6 (Kinvolk’s tuned configuration)', what: 'sidecar, average memory per proxy', measure: { kind: 'memory-mb', value: 47 }, shape: KINVOLK_2019_SHAPE, ...KINVOLK_2019 },
  {
    id: 'knative-dataplane-probe-queue-proxy',
    component: 'queue-proxy',
    release: 'Knative Serving (dataplane-probe SLA)',
    what: 'latency added by queue-proxy, or activator and queue-proxy, over a 100 ms app',
    measure: { kind: 'added-latency-ms', percentile: 'p95', value: 10 },
    shape: {
      load: '1000 rps constant (vegeta), 5 min',
      payload: 'HTTP/1.1 GET, app sleeps 100 ms; SLA: p95 within 100–110 ms',
      hardware: 'GKE us-central1, 10 × e2-standard-4 (cluster.yaml)',
    },
    source: 'knative/serving dataplane-probe benchmark',
    address: 'https://github.com/knative/serving/blob/main/test/performance/benchmarks/dataplane-probe/main.go',
  },
  {
    id: 'knative-0.9-cold-start',
    component: 'knative',
    release: 'Knative 0.9',
    what: 'best-case cold start (pre-pulled tiny image)',
    measure: { kind: 'cold-start-ms', percentile: 'p50', value: 3600 },
    shape: { load: 'one request after scale to zero', payload: 'tiny pre-pulled image' },
    source: 'production report this project started from',
    address: 'REFERENCE.md (no public address)',
  },
  {
    id: 'knative-2019-cold-start',
    component: 'knative',
    release: 'Knative, early 2019',
    what: 'cold start with Istio',
    measure: { kind: 'cold-start-ms', percentile: 'typical', value: 10_000, high: 15_000 },
    shape: { load: 'one request after scale to zero' },
    source: 'Knative 2019 autoscaling roadmap',
    address: 'https://github.com/knative/serving/blob/main/docs/roadmap/scaling-2019.md',
  },
  {
    id: 'knative-2019-cold-start-no-istio',
    component: 'knative',
    release: 'Knative, early 2019',
    what: 'cold start without the Istio mesh (“about 4 seconds”)',
    measure: { kind: 'cold-start-ms', percentile: 'typical', value: 4000 },
    shape: { load: 'one request after scale to zero', payload: 'requests routed to pods as they come up' },
    source: 'Knative 2019 autoscaling roadmap',
    address: 'https://github.com/knative/serving/blob/main/docs/roadmap/scaling-2019.md',
  },
  {
    id: 'knative-1.11-cold-start',
    component: 'knative',
    release: 'Knative 1.11',
    what: 'cold start (spikes of 2–10 s reported)',
    measure: { kind: 'cold-start-ms', percentile: 'typical', value: 800 },
    shape: { load: 'one cold start every 10 minutes', hardware: 'Kubernetes 1.27' },
    source: 'knative/serving#15477',
    address: 'https://github.com/knative/serving/issues/15477',
  },
  {
    id: 'kperf-scale-from-zero',
    component: 'knative',
    release: 'kperf example',
    what: 'scale-from-zero: request until the service answers (deployment scaled up after a median 2.24 s)',
    measure: { kind: 'cold-start-ms', percentile: 'p50', value: 12_831 },
    shape: { load: '10 services scaled from zero at once (kperf service scale), each polled every 2 s until it answers', payload: 'Istio networking (kperf default)' },
    source: 'kperf docs/examples.md, “Scale from zero” example output',
    address: 'https://github.com/knative-extensions/kperf/blob/main/docs/examples.md',
  },
  {
    id: 'kubernetes-pod-startup-slo',
    component: 'kubernetes',
    release: 'Kubernetes SIG Scalability SLO',
    what: 'pod startup: creation to all containers started and observed via watch, excluding image pull and init containers',
    measure: { kind: 'pod-startup-ms', percentile: 'p99', value: 5000 },
    shape: { load: 'stateless, schedulable pods; 99th percentile per cluster-day', hardware: 'default Kubernetes installation' },
    source: 'Kubernetes SIG Scalability pod startup latency SLO',
    address: 'https://github.com/kubernetes/community/blob/master/sig-scalability/slos/pod_startup_latency.md',
  },
];
