import { describe, expect, it } from 'vitest';
import {
  MAX_TRACKABLE_US,
  createHistogram,
  decodeHistogram,
  encodeHistogram,
  recordMicros,
  summarise,
} from '../../src/results/histogram.ts';

/** Deterministic spread of latencies, 1 µs .. ~2 s, so percentiles differ from each other. */
function sample(n: number, seed: number): number[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return 1 + ((x / 2 ** 31) ** 3) * 2_000_000;
  });
}

describe('latency histogram', () => {
  it('summarises a uniform 1..10000 µs distribution within HDR precision', () => {
    const h = createHistogram();
    for (let us = 1; us <= 10_000; us++) recordMicros(h, us);
    const s = summarise(h);
    expect(s.count).toBe(10_000);
    // 3 significant digits: relative error below 0.1 %.
    expect(s.p50).toBeCloseTo(5, 2);
    expect(Math.abs(s.p90 - 9) / 9).toBeLessThan(0.001);
    expect(Math.abs(s.p99 - 9.9) / 9.9).toBeLessThan(0.001);
    expect(Math.abs(s.max - 10) / 10).toBeLessThan(0.001);
    expect(s.min).toBe(0.001);
    expect(s.mean).toBeCloseTo(5.0005, 2);
  });

  it('round-trips through the compressed base64 encoding', () => {
    const h = createHistogram();
    for (const us of sample(5_000, 7)) recordMicros(h, us);
    const encoded = encodeHistogram(h);
    expect(encoded).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const back = decodeHistogram(encoded);
    expect(summarise(back)).toEqual(summarise(h));
  });

  it('clamps values beyond one hour instead of throwing, and an empty histogram summarises to zeros', () => {
    const h = createHistogram();
    expect(summarise(h)).toEqual({ count: 0, min: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 });
    recordMicros(h, MAX_TRACKABLE_US * 10);
    recordMicros(h, 0.2);
    const s = summarise(h);
    expect(s.count).toBe(2);
    expect(s.min).toBe(0.001);
    expect(Math.abs(s.max - MAX_TRACKABLE_US / 1000) / (MAX_TRACKABLE_US / 1000)).toBeLessThan(0.001);
  });
});
