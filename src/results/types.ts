// What a run produces. These shapes are written to results.json and read back by
// `meshbench report`, so changing them needs a migration note in the README.
import type { ColdStartCell, LoadCell } from '../plan/types.ts';

/** Latency percentiles in milliseconds, from an HDR histogram. */
export interface LatencySummary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

/** Errors by class; `http` counts non-2xx responses by status code. */
export interface ErrorCounts {
  total: number;
  timeout: number;
  connect: number;
  /** Non-2xx responses keyed by status code ("503": 12). */
  http: Record<string, number>;
  other: number;
}

/** Resource use of one process or container over a cell's measured window. */
export interface ResourceUsage {
  /** workload | proxy | activator | queue-proxy | ... */
  component: string;
  /** Where it was read from: "pid 1234" locally, "namespace/pod/container" on Kubernetes. */
  source: string;
  /** Polls (kubelet) or /proc readings in the measured window in which the component was present. */
  samples: number;
  /**
   * Distinct readings the figures rest on: locally every /proc reading; from the kubelet only new
   * cAdvisor readings (they change every 10–20 s, however often the kubelet is polled), summed over
   * the component's containers. Absent in results written before it was recorded.
   */
  readings?: number;
  cpuMillicores: { min: number; avg: number; max: number };
  memoryMiB: { min: number; avg: number; max: number };
  /** CPU-seconds burnt per 1000 requests served in the window; undefined without requests. */
  cpuSecondsPer1000Requests?: number;
  /** Set when the component should have been there and was not (never reported as a zero). */
  error?: string;
}

export type CellStatus = 'completed' | 'partial' | 'errored';

interface CellResultBase {
  /** completed: ran its full course; partial: interrupted, what was measured is kept; errored: see `error`. */
  status: CellStatus;
  error?: string;
  startedAt: string;
  finishedAt: string;
  resources: ResourceUsage[];
  /** Facts about the data path, e.g. "proxy hop: built-in reverse proxy (no envoy on PATH)". */
  notes: string[];
}

export interface LoadCellResult extends CellResultBase {
  cell: LoadCell;
  requests: number;
  errors: ErrorCounts;
  /** Length of the measured window actually covered, milliseconds. */
  measuredMs: number;
  achievedRps: number;
  /** How late requests left compared with their intended send time (open model), milliseconds. */
  sendLag: { p50: number; p99: number; max: number };
  /** The driver could not keep the schedule; the latencies then describe the driver too. */
  saturated: boolean;
  saturationReason?: string;
  /**
   * Percentiles of the successful requests in the window. Absent when none succeeded (all timed
   * out or failed, interrupted before the window): a cell without samples has no latency, never
   * 0 ms. Results written before it could be absent carry count 0 instead (see cell-data.ts).
   */
  latency?: LatencySummary;
  /** HDR histogram of latency in microseconds, compressed base64 (hdr-histogram-js encoding); absent with `latency`. */
  histogram?: string;
}

/** One cold request, phases as offsets in ms from the moment the request was sent. */
export interface ColdStartIteration {
  iteration: number;
  service: string;
  /** Whether the service really was at zero before the request (mismatches are discarded). */
  cold: boolean;
  /**
   * 'warm': a warm-baseline request to a service kept running (cold is then false, and it is not a
   * discarded mismatch). Absent in results written before warm baselines existed: read as 'cold'.
   */
  kind?: 'cold' | 'warm';
  ok: boolean;
  error?: string;
  /**
   * Request sent → first byte; for a burst, the slowest request's first byte (the burst is served
   * when its last request is), while phases.first_byte is the earliest.
   */
  totalMs: number;
  /** A burst (cell.burst > 1): the first byte of each request that got one, ms after the burst was sent. */
  firstBytes?: number[];
  /** Ordered phase marks: name → ms after the request was sent, on one monotonic clock. */
  phases: Record<string, number>;
}

export interface ColdStartCellResult extends CellResultBase {
  cell: ColdStartCell;
  iterations: ColdStartIteration[];
  /** Iterations dropped because the service was not at zero when they started. */
  discardedWarm: number;
}

export type CellResult = LoadCellResult | ColdStartCellResult;
