// Latency histograms: HDR, microseconds, 3 significant digits, stored as
// compressed base64 so any percentile can be recomputed from results.json.
//
// We use hdr-histogram-js's pure-JS histograms (its default; `useWebAssembly`
// stays off): they need no async WASM initialisation, encode and decode with
// the same code path, and need no `destroy()`.
import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';
import type { LatencySummary } from './types.ts';

export type { Histogram };

/** Highest recordable latency: one hour in microseconds. Longer values are clamped to it. */
export const MAX_TRACKABLE_US = 3_600_000_000;

/** An empty latency histogram (values in microseconds). */
export function createHistogram(): Histogram {
  return build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: MAX_TRACKABLE_US,
    numberOfSignificantValueDigits: 3,
    // Fixed range: a value out of range must be clamped by us, never silently grow the histogram.
    autoResize: false,
  });
}

/** Record one latency in microseconds; clamped to [1 µs, 1 h] so a freak value never throws mid-run. */
export function recordMicros(h: Histogram, micros: number): void {
  const value = Math.round(micros);
  h.recordValue(value < 1 ? 1 : value > MAX_TRACKABLE_US ? MAX_TRACKABLE_US : value);
}

export function encodeHistogram(h: Histogram): string {
  return encodeIntoCompressedBase64(h);
}

export function decodeHistogram(encoded: string): Histogram {
  return decodeFromCompressedBase64(encoded);
}

const msFromMicros = (us: number): number => us / 1000;

/**
 * Percentiles in milliseconds, read from the histogram's buckets (3 significant digits).
 * min and max come from the buckets too (percentile 0 and 100), not from the exact
 * values seen, so a summary is identical before and after an encode/decode round trip.
 */
export function summarise(h: Histogram): LatencySummary {
  const count = h.totalCount;
  if (count === 0) return { count: 0, min: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 };
  return {
    count,
    min: msFromMicros(h.getValueAtPercentile(0)),
    mean: msFromMicros(h.mean),
    p50: msFromMicros(h.getValueAtPercentile(50)),
    p90: msFromMicros(h.getValueAtPercentile(90)),
    p99: msFromMicros(h.getValueAtPercentile(99)),
    p999: msFromMicros(h.getValueAtPercentile(99.9)),
    max: msFromMicros(h.getValueAtPercentile(100)),
  };
}

/**
 * An outcome's latency fields from its histogram of successful requests: none when it is empty,
 * so a window without a success is never read as 0 ms.
 */
export function sampledLatency(h: Histogram): { latency: LatencySummary; histogram: string } | Record<string, never> {
  return h.totalCount === 0 ? {} : { latency: summarise(h), histogram: encodeHistogram(h) };
}
