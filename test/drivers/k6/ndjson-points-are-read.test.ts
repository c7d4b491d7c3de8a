import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseK6Ndjson } from '../../../src/drivers/k6/parse-ndjson.ts';
import { summarise } from '../../../src/results/histogram.ts';
import { FIXTURES, scratch } from './k6-lines.ts';

describe('k6 --out json (NDJSON)', () => {
  it('reads newer k6: expected_response, scenarios, error codes, dropped iterations, malformed lines', async () => {
    const s = await parseK6Ndjson(join(FIXTURES, 'ndjson-modern.ndjson'));
    expect(s.malformedLines).toBe(4);
    expect(s.warmupSamples).toBe(2);
    expect(s.attempts).toBe(6);
    expect(s.responses).toBe(4);
    expect(s.byStatus).toEqual({ '200': 3, '503': 1, '0': 2 });
    expect(s.errors).toEqual({ total: 3, timeout: 1, connect: 1, http: { '503': 1 }, other: 0 });
    expect(s.histogram.totalCount).toBe(3);
    expect(summarise(s.histogram).max).toBeCloseTo(20, 1);
    expect(s.droppedIterations).toBe(2);
    expect(s.firstMs).toBe(Date.UTC(2026, 2, 1, 10, 0, 10));
    expect(s.lastMs).toBe(Date.UTC(2026, 2, 1, 10, 0, 11, 250));
    expect(s.timeResolutionMs).toBe(0);
  });

  it('reads k6 0.26 output: no expected_response or scenario tag, tags null on vus', async () => {
    const s = await parseK6Ndjson(join(FIXTURES, 'ndjson-v0.26-excerpt.ndjson'));
    expect(s.malformedLines).toBe(0);
    expect(s.attempts).toBe(3);
    expect(s.errors.total).toBe(0);
    const latency = summarise(s.histogram);
    // Read back from HDR buckets: within 0.1 % (3 significant digits).
    expect(Math.abs(latency.min - 303.42)).toBeLessThan(0.3);
    expect(Math.abs(latency.max - 2091.299)).toBeLessThan(2.1);
    // +02:00 offset and microseconds: 01:51:29.643368+02:00 is 23:51:29.643368Z the day before.
    expect(s.firstMs).toBeCloseTo(Date.UTC(2020, 1, 19, 23, 51, 29, 643) + 0.368, 3);
  });

  it('counts an http_req_duration with tags null as an unclassified failure, not a crash', async () => {
    const dir = await scratch();
    try {
      const path = await dir.write(
        'null-tags.ndjson',
        '{"type":"Point","data":{"time":"2026-03-01T10:00:00.5Z","value":5,"tags":null},"metric":"http_req_duration"}\n',
      );
      const s = await parseK6Ndjson(path);
      expect(s.attempts).toBe(1);
      expect(s.byStatus).toEqual({ unknown: 1 });
      expect(s.errors).toEqual({ total: 1, timeout: 0, connect: 0, http: {}, other: 1 });
    } finally {
      await dir.cleanup();
    }
  });

  it('honours a custom warm-up scenario name', async () => {
    const s = await parseK6Ndjson(join(FIXTURES, 'ndjson-modern.ndjson'), { warmupScenario: 'measure' });
    expect(s.attempts).toBe(2);
    expect(s.warmupSamples).toBe(6);
    expect(s.droppedIterations).toBe(1);
  });
});
