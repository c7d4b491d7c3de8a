// What the NDJSON and CSV parsers both extract from k6's raw samples, and the
// rules that turn one http_req_duration sample into a latency or an error. The
// two formats differ only in how a line is read; everything decided here is
// shared so they cannot disagree.
import type { ErrorCounts } from '../../results/types.ts';
import { createHistogram, recordMicros } from '../../results/histogram.ts';
import type { Histogram } from '../../results/histogram.ts';

/**
 * Our k6 scripts run the warm-up as a scenario named `warmup` and the measured
 * window as a scenario named `measure` (startTime = warm-up duration). Samples
 * tagged with the warm-up scenario are cut; any other scenario (or none, as in
 * k6 < 0.27) counts as measured.
 */
export const WARMUP_SCENARIO = 'warmup';

// k6 error codes (k6 docs "Error codes"; lib/netext/httpext/error_codes.go):
// 1050 is "the HTTP request has timed out"; the rest of 1000–1099 are general
// errors that say nothing about the network. 1211 (dial timeout) stays a
// connection error, as undici's connect timeout does for the builtin driver.
const REQUEST_TIMEOUT_CODE = 1050;
const isGeneralErrorCode = (code: number): boolean => code >= 1000 && code < 1100;

export interface ParseOptions {
  /** Scenario whose samples are warm-up and cut (default `warmup`). */
  warmupScenario?: string;
}

/** One http_req_duration sample, as both formats give it. */
export interface RequestSample {
  /** Epoch milliseconds (fractional: µs precision kept when the file has it). */
  timeMs: number;
  valueMs: number;
  /** The `status` tag as written ("200", "0"); empty when absent. */
  status: string;
  /** The `error_code` tag; empty when absent. */
  errorCode: string;
  /** The `expected_response` tag ("true"/"false"); empty when absent (k6 < 0.31). */
  expectedResponse: string;
  scenario: string;
}

export interface K6Samples {
  /** Latency of successful responses in the measured window, microseconds. */
  histogram: Histogram;
  /** http_req_duration samples in the measured window: one per request k6 sent. */
  attempts: number;
  /** Of those, requests that got an HTTP response (status ≠ 0). */
  responses: number;
  /** Attempts by `status` tag ("200": 990, "0": 3; "unknown" when untagged). */
  byStatus: Record<string, number>;
  errors: ErrorCounts;
  /** Epoch ms of the first and last measured sample; undefined without samples. */
  firstMs: number | undefined;
  lastMs: number | undefined;
  /** 1000 when every timestamp was a whole second (k6's default CSV `unix` format), else 0. */
  timeResolutionMs: number;
  /** Iterations k6 could not start in the measured window (no free VU). */
  droppedIterations: number;
  /** http_req_duration samples cut as warm-up. */
  warmupSamples: number;
  /** Lines that could not be read; skipped, never fatal. */
  malformedLines: number;
}

/** Accumulates samples; `finish()` hands over the result. */
export class SampleTally {
  readonly #warmup: string;
  readonly #samples: K6Samples = {
    histogram: createHistogram(),
    attempts: 0,
    responses: 0,
    byStatus: {},
    errors: { total: 0, timeout: 0, connect: 0, http: {}, other: 0 },
    firstMs: undefined,
    lastMs: undefined,
    timeResolutionMs: 0,
    droppedIterations: 0,
    warmupSamples: 0,
    malformedLines: 0,
  };
  #wholeSeconds = true;

  constructor(options: ParseOptions = {}) {
    this.#warmup = options.warmupScenario ?? WARMUP_SCENARIO;
  }

  malformed(): void {
    this.#samples.malformedLines++;
  }

  /** A dropped_iterations point; its value is the number dropped (k6 writes 1 per drop). */
  dropped(value: number, scenario: string): void {
    if (scenario !== this.#warmup) this.#samples.droppedIterations += value;
  }

  request(sample: RequestSample): void {
    const s = this.#samples;
    if (sample.scenario === this.#warmup) {
      s.warmupSamples++;
      return;
    }
    s.attempts++;
    s.firstMs = s.firstMs === undefined ? sample.timeMs : Math.min(s.firstMs, sample.timeMs);
    s.lastMs = s.lastMs === undefined ? sample.timeMs : Math.max(s.lastMs, sample.timeMs);
    if (sample.timeMs % 1000 !== 0) this.#wholeSeconds = false;
    const statusKey = sample.status === '' ? 'unknown' : sample.status;
    s.byStatus[statusKey] = (s.byStatus[statusKey] ?? 0) + 1;

    const status = sample.status === '' ? Number.NaN : Number(sample.status);
    if (status > 0) s.responses++;
    // k6's own notion of success when the tag is there (it honours the script's
    // responseCallback); otherwise k6's default expectation, status 200–399.
    const ok =
      sample.expectedResponse === '' ? status >= 200 && status < 400 : sample.expectedResponse === 'true';
    if (ok) {
      recordMicros(s.histogram, sample.valueMs * 1000);
      return;
    }
    s.errors.total++;
    const code = Number(sample.errorCode);
    if (code === REQUEST_TIMEOUT_CODE) s.errors.timeout++;
    else if (status > 0) s.errors.http[sample.status] = (s.errors.http[sample.status] ?? 0) + 1;
    else if (status === 0 && !isGeneralErrorCode(code)) s.errors.connect++;
    else s.errors.other++;
  }

  finish(): K6Samples {
    this.#samples.timeResolutionMs = this.#wholeSeconds && this.#samples.attempts > 0 ? 1000 : 0;
    return this.#samples;
  }
}

/**
 * Epoch ms of an RFC 3339 time with any fractional digits. Date.parse alone keeps
 * only milliseconds; k6 writes microseconds or nanoseconds. NaN when invalid.
 */
export function parseRfc3339(text: string): number {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.exec(text);
  if (m === null) return Number.NaN;
  const fraction = m[2] === undefined ? 0 : Number(`0${m[2]}`) * 1000;
  return Date.parse(`${m[1]}${m[3]}`) + fraction;
}
