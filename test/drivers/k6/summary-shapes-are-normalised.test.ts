import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseK6Summary, readK6Summary } from '../../../src/drivers/k6/parse-summary.ts';
import { FIXTURES } from './k6-lines.ts';

describe('handleSummary data', () => {
  it('reads values, the expected-response submetric, thresholds {ok} and the run duration', async () => {
    const s = await readK6Summary(join(FIXTURES, 'handle-summary.json'));
    expect(s.shape).toBe('handleSummary');
    expect(s.httpReqs).toEqual({ count: 3000, rate: 39.99333 });
    expect(s.httpReqDuration).toEqual({ avg: 12.5, min: 1.1, med: 10.2, max: 250.75, p90: 20.4, p95: 30.8, p99: 80.25, p999: 200.5 });
    expect(s.httpReqDurationExpected?.p90).toBe(20.1);
    expect(s.httpReqDurationExpected?.p999).toBe(199.25);
    expect(s.httpReqFailed).toEqual({ rate: 0.005, passes: 15, fails: 2985 });
    expect(s.droppedIterations).toBe(7);
    expect(s.iterations).toEqual({ count: 3000, rate: 39.99333 });
    expect(s.checks).toEqual({ passes: 5985, fails: 15 });
    expect(s.testRunDurationMs).toBe(75012.5);
    expect(s.thresholds).toEqual([
      { metric: 'http_req_duration', expression: 'p(99)<100', passed: true },
      { metric: 'http_req_duration', expression: 'p(99.9)<150', passed: false },
      { metric: 'http_req_failed', expression: 'rate<0.01', passed: true },
    ]);
  });

  it('sums checks over root_group arrays when the checks metric is absent', () => {
    const s = parseK6Summary({
      metrics: { http_reqs: { type: 'counter', contains: 'default', values: { count: 1, rate: 1 } } },
      root_group: {
        checks: [{ name: 'a', passes: 3, fails: 1 }],
        groups: [{ name: 'g', checks: [{ name: 'b', passes: 2, fails: 4 }], groups: [] }],
      },
    });
    expect(s.checks).toEqual({ passes: 5, fails: 5 });
  });
});

describe('legacy --summary-export', () => {
  it('inverts the threshold booleans (true means failed) and reads flat values', async () => {
    const s = await readK6Summary(join(FIXTURES, 'summary-export-legacy-excerpt.json'));
    expect(s.shape).toBe('summary-export');
    // p(90)=621 against "p(90) < 400": the export says true, i.e. the threshold failed.
    expect(s.thresholds).toContainEqual({ metric: 'http_req_duration', expression: 'p(90) < 400', passed: false });
    expect(s.thresholds).toContainEqual({ metric: 'checks', expression: 'rate>0.90', passed: true });
    expect(s.httpReqDuration?.p90).toBe(621.0491);
    expect(s.httpReqDuration?.p99).toBeUndefined();
    expect(s.httpReqs?.count).toBe(88);
    expect(s.checks).toEqual({ passes: 88, fails: 0 });
    expect(s.testRunDurationMs).toBeUndefined();
  });

  it('reads a rate renamed `value` and the expected-response submetric', async () => {
    const s = await readK6Summary(join(FIXTURES, 'summary-export-v0.31-excerpt.json'));
    expect(s.shape).toBe('summary-export');
    expect(s.httpReqFailed).toEqual({ rate: 0, passes: 0, fails: 300 });
    expect(s.httpReqDurationExpected?.p90).toBeCloseTo(3.6826311, 6);
    expect(s.iterations?.count).toBe(300);
  });

  it('sums checks over root_group maps when the checks metric is absent', () => {
    const s = parseK6Summary({
      metrics: {},
      root_group: {
        groups: { scenarios: { groups: { one: { groups: {}, checks: { ok: { passes: 44, fails: 1 } } } }, checks: {} } },
        checks: {},
      },
    });
    expect(s.checks).toEqual({ passes: 44, fails: 1 });
  });
});

describe('absent and unknown metrics', () => {
  it('leaves a missing metric undefined, never 0, and ignores unknown ones', async () => {
    const s = await readK6Summary(join(FIXTURES, 'summary-export-v0.31-excerpt.json'));
    expect(s.droppedIterations).toBeUndefined();
    expect(s.checks).toBeUndefined();
    expect(Object.keys(s)).not.toContain('echo_payload_bytes');
    const empty = parseK6Summary({ metrics: {} });
    expect(empty).toEqual({ shape: 'summary-export', thresholds: [] });
  });

  it('refuses a document that is not a k6 summary', () => {
    expect(() => parseK6Summary([1, 2])).toThrow(/not a k6 summary/);
    expect(() => parseK6Summary({ data: {} })).toThrow(/"metrics"/);
  });
});
