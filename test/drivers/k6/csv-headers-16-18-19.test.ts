import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvTimestamp, parseK6Csv, splitCsvLine } from '../../../src/drivers/k6/parse-csv.ts';
import { summarise } from '../../../src/results/histogram.ts';
import { FIXTURES, scratch } from './k6-lines.ts';

describe('k6 --out csv', () => {
  it('reads the 16-column header of k6 ~0.27 (no expected_response: status decides)', async () => {
    const s = await parseK6Csv(join(FIXTURES, 'csv-16col-v0.27-excerpt.csv'));
    expect(s.attempts).toBe(1);
    expect(s.byStatus).toEqual({ '200': 1 });
    expect(summarise(s.histogram).p50).toBeCloseTo(221.899, 0);
    expect(s.firstMs).toBe(1595325560_000);
    expect(s.timeResolutionMs).toBe(1000);
    expect(s.malformedLines).toBe(0);
  });

  it('reads the 18-column header, unix seconds, and skips malformed rows', async () => {
    const s = await parseK6Csv(join(FIXTURES, 'csv-18col.csv'));
    expect(s.malformedLines).toBe(3);
    expect(s.warmupSamples).toBe(1);
    expect(s.attempts).toBe(4);
    expect(s.byStatus).toEqual({ '200': 2, '404': 1, '0': 1 });
    expect(s.errors).toEqual({ total: 2, timeout: 0, connect: 1, http: { '404': 1 }, other: 0 });
    expect(s.histogram.totalCount).toBe(2);
    expect(s.droppedIterations).toBe(1);
    expect([s.firstMs, s.lastMs]).toEqual([1767261600_000, 1767261602_000]);
    expect(s.timeResolutionMs).toBe(1000);
  });

  it('reads the 19-column header with metadata and millisecond timestamps', async () => {
    const s = await parseK6Csv(join(FIXTURES, 'csv-19col.csv'));
    expect(s.malformedLines).toBe(1);
    expect(s.attempts).toBe(4);
    expect(s.histogram.totalCount).toBe(2);
    expect(s.errors.connect).toBe(1);
    expect([s.firstMs, s.lastMs]).toEqual([1767261600_250, 1767261602_250]);
    expect(s.timeResolutionMs).toBe(0);
  });

  it('treats an empty file and a header-only file as an empty run, and refuses a file without the header', async () => {
    const dir = await scratch();
    try {
      const empty = await parseK6Csv(await dir.write('empty.csv', ''));
      expect(empty.attempts).toBe(0);
      const headerOnly = await parseK6Csv(await dir.write('header.csv', 'metric_name,timestamp,metric_value\n'));
      expect(headerOnly.attempts).toBe(0);
      expect(headerOnly.firstMs).toBeUndefined();
      await expect(parseK6Csv(await dir.write('other.csv', 'a,b,c\n1,2,3\n'))).rejects.toThrow(/metric_name, timestamp, metric_value/);
    } finally {
      await dir.cleanup();
    }
  });
});

describe('CSV pieces', () => {
  it('splits quoted fields with commas and doubled quotes, and rejects unbalanced quotes', () => {
    expect(splitCsvLine('a,"b,c",,"say ""hi""",')).toEqual(['a', 'b,c', '', 'say "hi"', '']);
    expect(splitCsvLine('a,"b')).toBeUndefined();
    expect(splitCsvLine('a,b"c')).toBeUndefined();
    expect(splitCsvLine('"a"b,c')).toBeUndefined();
  });

  it('tells timestamp units apart by magnitude and reads RFC 3339', () => {
    const ms = 1767261600_123;
    expect(parseCsvTimestamp('1767261600')).toBe(1767261600_000);
    expect(parseCsvTimestamp(String(ms))).toBe(ms);
    expect(parseCsvTimestamp('1767261600123456')).toBeCloseTo(ms + 0.456, 3);
    expect(parseCsvTimestamp('1767261600123456789')).toBeCloseTo(ms + 0.457, 2);
    expect(parseCsvTimestamp('2026-01-01T10:00:00.123456+00:00')).toBeCloseTo(Date.UTC(2026, 0, 1, 10, 0, 0, 123) + 0.456, 3);
    expect(parseCsvTimestamp('soon')).toBeNaN();
  });
});
