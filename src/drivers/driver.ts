import type { LoadCell } from '../plan/types.ts';
import type { ErrorCounts, LatencySummary } from '../results/types.ts';

/** What a load driver reports for one cell's measured window. */
export interface LoadOutcome {
  requests: number;
  errors: ErrorCounts;
  measuredMs: number;
  achievedRps: number;
  sendLag: { p50: number; p99: number; max: number };
  saturated: boolean;
  saturationReason?: string;
  /** Absent when no request succeeded in the window (LoadCellResult.latency). */
  latency?: LatencySummary;
  /** HDR histogram, microseconds, compressed base64; absent with `latency`. */
  histogram?: string;
  /** True when the run was cut short by the abort signal. */
  aborted: boolean;
}

export interface DriverHooks {
  /** Called once when warm-up ends and the measured window begins. */
  onMeasureStart?(): void;
  /**
   * Called once when the measured window ends (its scheduled end, or the moment the run is cut
   * short), before the driver collects its results and cleans up; only after onMeasureStart.
   */
  onMeasureEnd?(): void;
  /** Called about once a second with requests completed so far (progress display). */
  onProgress?(completed: number, elapsedMs: number): void;
}

/** Where load goes: a URL, plus headers such as Host when an ingress routes by name (Knative). */
export interface Endpoint {
  url: string;
  headers?: Record<string, string>;
}

/** Generates load against an endpoint for one cell. */
export interface LoadDriver {
  readonly name: string;
  /** Run the cell's warm-up then measured window against `endpoint`; resolves even when aborted. */
  run(cell: LoadCell, endpoint: Endpoint, signal: AbortSignal, hooks?: DriverHooks): Promise<LoadOutcome>;
}
