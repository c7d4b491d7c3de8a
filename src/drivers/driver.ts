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
  latency: LatencySummary;
  /** HDR histogram, microseconds, compressed base64. */
  histogram: string;
  /** True when the run was cut short by the abort signal. */
  aborted: boolean;
}

export interface DriverHooks {
  /** Called once when warm-up ends and the measured window begins. */
  onMeasureStart?(): void;
  /** Called about once a second with requests completed so far (progress display). */
  onProgress?(completed: number, elapsedMs: number): void;
}

/** Generates load against a URL for one cell. */
export interface LoadDriver {
  readonly name: string;
  /** Run the cell's warm-up then measured window against `url`; resolves even when aborted. */
  run(cell: LoadCell, url: string, signal: AbortSignal, hooks?: DriverHooks): Promise<LoadOutcome>;
}
