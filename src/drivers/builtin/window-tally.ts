// What one run records for its measured window: responses, errors, latency and
// send-lag histograms. Only 2xx latencies enter the latency histogram: a fast
// 503 would otherwise pull the percentiles down. Every other outcome is counted
// in `errors` (non-2xx by status, timeouts, connection errors), never dropped.
import type { ErrorCounts } from '../../results/types.ts';
import type { LoadOutcome } from '../driver.ts';
import { createHistogram, recordMicros, sampledLatency, summarise } from '../../results/histogram.ts';
import type { FailureClass } from './error-class.ts';

export class WindowTally {
  readonly warmupEnd: number;
  readonly end: number;
  /** Responses of any status to measured requests. */
  requests = 0;
  readonly errors: ErrorCounts = { total: 0, timeout: 0, connect: 0, http: {}, other: 0 };
  readonly #latency = createHistogram();
  readonly #sendLag = createHistogram();
  readonly #durationMs: number;

  constructor(start: number, warmupMs: number, durationMs: number) {
    this.warmupEnd = start + warmupMs;
    this.end = this.warmupEnd + durationMs;
    this.#durationMs = durationMs;
  }

  /** Whether a request sent (or intended to be sent) at `t` belongs to the measured window. */
  isMeasured(t: number): boolean {
    return t >= this.warmupEnd && t < this.end;
  }

  response(status: number, latencyMs: number): void {
    this.requests++;
    if (status >= 200 && status < 300) {
      recordMicros(this.#latency, latencyMs * 1000);
      return;
    }
    const key = String(status);
    this.errors.http[key] = (this.errors.http[key] ?? 0) + 1;
    this.errors.total++;
  }

  failure(kind: FailureClass): void {
    this.errors[kind]++;
    this.errors.total++;
  }

  sendLag(lagMs: number): void {
    recordMicros(this.#sendLag, lagMs * 1000);
  }

  sendLagP99Ms(): number {
    return this.#sendLag.getValueAtPercentile(99) / 1000;
  }

  /** Milliseconds of the window covered by `now` (the whole window once it has passed). */
  coveredMs(now: number): number {
    return Math.min(Math.max(now - this.warmupEnd, 0), this.#durationMs);
  }

  outcome(measuredMs: number, aborted: boolean, saturationReason: string | undefined): LoadOutcome {
    const lag = summarise(this.#sendLag);
    return {
      requests: this.requests,
      errors: this.errors,
      measuredMs,
      achievedRps: measuredMs > 0 ? this.requests / (measuredMs / 1000) : 0,
      sendLag: { p50: lag.p50, p99: lag.p99, max: lag.max },
      saturated: saturationReason !== undefined,
      ...(saturationReason === undefined ? {} : { saturationReason }),
      ...sampledLatency(this.#latency),
      aborted,
    };
  }
}
