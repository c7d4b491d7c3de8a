import { describe, expect, it } from 'vitest';
import { parseK6Csv } from '../../../src/drivers/k6/parse-csv.ts';
import { parseK6Ndjson } from '../../../src/drivers/k6/parse-ndjson.ts';
import { summarise } from '../../../src/results/histogram.ts';
import { csvLines, ndjsonLines, oneToThousand, scratch } from './k6-lines.ts';

// HDR with 3 significant digits: any recorded value is within 0.1 %.
const within = (actual: number, expected: number): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(expected * 0.001);
};

describe('1000 samples of 1..1000 ms', () => {
  for (const [format, text, parse] of [
    ['NDJSON', ndjsonLines(oneToThousand()).join('\n'), parseK6Ndjson],
    ['CSV', csvLines(oneToThousand()).join('\n'), parseK6Csv],
  ] as const) {
    it(`gives p50 ≈ 500 ms, p90 ≈ 900 ms, p99 ≈ 990 ms from ${format}`, async () => {
      const dir = await scratch();
      try {
        const s = await parse(await dir.write(`samples.${format}`, text));
        const latency = summarise(s.histogram);
        expect(latency.count).toBe(1000);
        within(latency.p50, 500);
        within(latency.p90, 900);
        within(latency.p99, 990);
        within(latency.max, 1000);
        within(latency.min, 1);
        // Samples are shuffled in time; the window still spans the earliest to the latest.
        expect(s.lastMs! - s.firstMs!).toBeCloseTo(9990, 3);
      } finally {
        await dir.cleanup();
      }
    });
  }
});
