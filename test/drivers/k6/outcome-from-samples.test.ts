import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { combineK6Results, crossCheckP90, k6Outcome } from '../../../src/drivers/k6/outcome.ts';
import { parseK6Csv } from '../../../src/drivers/k6/parse-csv.ts';
import { parseK6Ndjson } from '../../../src/drivers/k6/parse-ndjson.ts';
import { parseK6Summary } from '../../../src/drivers/k6/parse-summary.ts';
import type { K6Summary } from '../../../src/drivers/k6/parse-summary.ts';
import { decodeHistogram } from '../../../src/results/histogram.ts';
import { FIXTURES, ndjsonLines, oneToThousand, scratch } from './k6-lines.ts';

async function thousand(dropped = 0) {
  const dir = await scratch();
  try {
    return await parseK6Ndjson(await dir.write('s.ndjson', ndjsonLines(oneToThousand(), dropped).join('\n')));
  } finally {
    await dir.cleanup();
  }
}

const summaryWithP90 = (p90: number): K6Summary => ({ shape: 'handleSummary', thresholds: [], httpReqDuration: { p90 } });

describe('k6 outcome', () => {
  it('counts requests, errors and the window like the builtin driver', async () => {
    const outcome = k6Outcome(await parseK6Ndjson(join(FIXTURES, 'ndjson-modern.ndjson')));
    expect(outcome.requests).toBe(4);
    expect(outcome.errors).toEqual({ total: 3, timeout: 1, connect: 1, http: { '503': 1 }, other: 0 });
    expect(outcome.measuredMs).toBeCloseTo(1250, 6);
    expect(outcome.achievedRps).toBeCloseTo(4 / 1.25, 6);
    expect(outcome.latency.count).toBe(3);
    expect(decodeHistogram(outcome.histogram).totalCount).toBe(3);
    expect(outcome.sendLag).toEqual({ p50: 0, p99: 0, max: 0 });
    expect(outcome.aborted).toBe(false);
  });

  it('widens a window of whole-second timestamps by one second', async () => {
    const outcome = k6Outcome(await parseK6Csv(join(FIXTURES, 'csv-18col.csv')));
    expect(outcome.measuredMs).toBe(3000);
    expect(outcome.requests).toBe(3);
  });

  it('is not saturated when k6 kept the target rate', async () => {
    const outcome = k6Outcome(await thousand(), { targetRps: 100 });
    expect(outcome.achievedRps).toBeCloseTo(1000 / 9.99, 6);
    expect(outcome.saturated).toBe(false);
    expect(outcome.saturationReason).toBeUndefined();
  });

  it('is saturated when k6 dropped iterations', async () => {
    const outcome = k6Outcome(await thousand(3), { targetRps: 100 });
    expect(outcome.saturated).toBe(true);
    expect(outcome.saturationReason).toMatch(/dropped 3 iterations/);
  });

  it('is saturated when k6 sent below 95 % of the target rate', async () => {
    const outcome = k6Outcome(await thousand(), { targetRps: 200 });
    expect(outcome.saturated).toBe(true);
    expect(outcome.saturationReason).toMatch(/100\.1 requests\/s, below 95 % of the target 200\/s/);
  });

  it('gives a clear, empty outcome for a run without samples', async () => {
    const dir = await scratch();
    try {
      const samples = await parseK6Ndjson(await dir.write('empty.ndjson', ''));
      expect(samples.attempts).toBe(0);
      const outcome = k6Outcome(samples, { targetRps: 100, aborted: true });
      expect(outcome).toMatchObject({ requests: 0, measuredMs: 0, achievedRps: 0, saturated: true, aborted: true });
      expect(outcome.saturationReason).toMatch(/no http_req_duration samples/);
      expect(outcome.latency.count).toBe(0);
      expect(decodeHistogram(outcome.histogram).totalCount).toBe(0);
    } finally {
      await dir.cleanup();
    }
  });
});

describe('summary cross-check', () => {
  it('accepts k6’s interpolated p(90) and warns past HDR precision + 1 %', async () => {
    const latency = k6Outcome(await thousand()).latency;
    expect(crossCheckP90(latency, summaryWithP90(900.1))).toBeUndefined();
    expect(crossCheckP90(latency, summaryWithP90(950))).toMatch(/differs from k6's summary p\(90\) \(950\.000 ms\)/);
    expect(crossCheckP90(latency, { shape: 'summary-export', thresholds: [] })).toBeUndefined();
  });

  it('prefers the expected-response submetric, which matches our success-only histogram', async () => {
    const latency = k6Outcome(await thousand()).latency;
    const summary: K6Summary = { ...summaryWithP90(2000), httpReqDurationExpected: { p90: 900.1 } };
    expect(crossCheckP90(latency, summary)).toBeUndefined();
  });

  it('reports skipped lines, failed checks and failed thresholds as warnings', async () => {
    const samples = await parseK6Ndjson(join(FIXTURES, 'ndjson-modern.ndjson'));
    const summary = parseK6Summary({
      metrics: {
        http_req_duration: { avg: 1, 'p(90)': 15, thresholds: { 'p(90)<10': true } },
        checks: { passes: 9, fails: 1, value: 0.9 },
      },
      root_group: { groups: {}, checks: {} },
    });
    const { outcome, warnings } = combineK6Results(samples, summary, { targetRps: 4 });
    expect(outcome.requests).toBe(4);
    expect(warnings).toEqual([
      '4 malformed k6 output lines skipped',
      expect.stringMatching(/^p90 from k6 samples/),
      '1 k6 checks failed (of 10)',
      'k6 threshold failed: http_req_duration p(90)<10',
    ]);
  });
});
