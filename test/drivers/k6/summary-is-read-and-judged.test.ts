// One runner's summary (what k6/load.ts's handleSummary writes) → a RunnerMeasure, and measures
// → the cell's outcome: error classes, the window, saturation. The summaries come from the fake k6
// runtime running the real script (test/fakes/k6/run.ts), whose `data` has the shape of a real k6
// run's (test/fixtures/k6/handle-summary-k6-reporter.json).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { k6Outcome } from '../../../src/drivers/k6/outcome.ts';
import { k6Args, k6Env } from '../../../src/drivers/k6/params.ts';
import { summaryInLog } from '../../../src/drivers/k6/pods.ts';
import { k6ScriptPath } from '../../../src/drivers/k6/scripts.ts';
import { runnerMeasure, type RunnerMeasure } from '../../../src/drivers/k6/summary-measure.ts';
import type { LoadCell } from '../../../src/plan/types.ts';
import { runFakeK6, type ServerModel } from '../../fakes/k6/run.ts';
import { loadCell, workload } from '../k6-support.ts';
import { FIXTURES } from './k6-lines.ts';

interface Ran {
  measure: RunnerMeasure;
  /** The summary document as the script wrote it (metrics cut from k6's handleSummary data). */
  data: Record<string, unknown>;
  stdout: string;
}

/** The fake k6 on `cell` against `server`; the summary read back from its stdout, as from a pod log. */
async function ran(cell: LoadCell, server: ServerModel): Promise<Ran> {
  const env = k6Env({ cell, targetUrl: 'http://echo/', workload, summaryToStdout: true });
  let stdout = '';
  const argv = ['run', ...k6Args(env), k6ScriptPath()];
  const result = await runFakeK6({ argv, server, startEpochMs: Date.UTC(2026, 2, 1), onOutput: (stream, text) => void (stream === 'stdout' && (stdout += text)) });
  expect(result.exitCode).toBe(0);
  const data = summaryInLog(stdout, 'fake') as Record<string, unknown>;
  return { measure: runnerMeasure(data, 'the fake summary'), data, stdout };
}

const ok: ServerModel = () => ({ status: 200, durationMs: 2 });
const short = (overrides: Partial<LoadCell> = {}) => loadCell({ rate: 200, durationMs: 3_000, warmupMs: 1_000, ...overrides });

describe('the summary k6/load.ts writes', () => {
  it('has the shape of a real k6 handleSummary: values wrappers and the test run state', async () => {
    const real = JSON.parse(await readFile(join(FIXTURES, 'handle-summary-k6-reporter.json'), 'utf8'));
    const { data } = await ran(short(), ok);
    const metric = (d: { metrics: Record<string, { type: string }> }, type: string) => Object.values(d.metrics).find((m) => m.type === type) as { type: string; values: object; contains: string };
    for (const type of ['counter', 'trend', 'rate']) {
      const ours = metric(data as never, type);
      const theirs = metric(real, type);
      expect(Object.keys(ours).sort(), type).toEqual(expect.arrayContaining(['contains', 'type', 'values']));
      if (type !== 'trend') expect(Object.keys(ours.values).sort(), type).toEqual(Object.keys(theirs.values).sort());
    }
    expect(Object.keys(data.state as object).sort()).toEqual(Object.keys(real.state).sort());
  });

  it('is one line on stdout, about 10 KB, after the short text', async () => {
    const { stdout } = await ran(short(), ok);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^meshbench measure window: requests=600 p50=2ms p99=2ms max=2ms failed=0 dropped_iterations=0$/);
    expect(lines[1]!.startsWith('meshbench k6 summary: {')).toBe(true);
    expect(lines[1]!.length).toBeLessThan(16 * 1024);
  });

  it('counts requests, successes and every failure class of the measured window only', async () => {
    let n = 0;
    // Warm-up answers 500s (cut), then: 503, a refused connection, a timeout, 404, in every 50.
    const server: ServerModel = ({ scenario }) => {
      if (scenario === 'warmup') return { status: 500, durationMs: 1 };
      const k = n++ % 50;
      if (k === 1) return { status: 503, durationMs: 1 };
      if (k === 2) return { status: 0, durationMs: 0.2, errorCode: 1212, error: 'connect: connection refused' };
      if (k === 3) return { status: 200, durationMs: 20_000 }; // beyond the 10 s request timeout
      if (k === 4) return { status: 404, durationMs: 1 };
      return { status: 200, durationMs: 2 };
    };
    const { measure } = await ran(short(), server);
    expect(measure.attempts).toBe(600);
    expect(measure.failures).toEqual({ total: 48, timeout: 12, connect: 12, http: { '503': 12, '404': 12 }, other: 0 });
    expect(measure.latency.count).toBe(552);
    const { outcome } = k6Outcome([measure], { durationMs: 3_000, warmupMs: 1_000, targetRps: 200 });
    // Answered requests, as the builtin driver counts them: successes and HTTP errors.
    expect(outcome).toMatchObject({ requests: 576, measuredMs: 3_000, achievedRps: 192, saturated: false });
  });

  it('flags the cell saturated when k6 ran out of VUs (dropped_iterations)', async () => {
    // 200/s against a 900 ms server needs 180 VUs in flight: k6 starts with the 16 pre-allocated
    // and drops arrivals while it adds more (up to maxVUs, which the 1 s timeout sizes at 200).
    const { measure } = await ran(short({ timeoutMs: 1_000 }), () => ({ status: 200, durationMs: 900 }));
    expect(measure.droppedIterations).toBeGreaterThan(0);
    const { outcome } = k6Outcome([measure], { durationMs: 3_000, warmupMs: 1_000, targetRps: 200 });
    expect(outcome.saturated).toBe(true);
    expect(outcome.saturationReason).toMatch(/^k6 dropped \d+ iterations \(no free VU/);
  });

  it('gives a window without a successful request no latency, never a summary of zeros', async () => {
    const { measure } = await ran(short(), () => ({ status: 503, durationMs: 1 }));
    expect(measure.latency.count).toBe(0);
    const { outcome } = k6Outcome([measure], { durationMs: 3_000, warmupMs: 1_000, targetRps: 200 });
    expect(outcome).toMatchObject({ requests: 600, errors: { total: 600, http: { '503': 600 } } });
    expect(outcome.latency).toBeUndefined();
    expect(outcome.histogram).toBeUndefined();
  });

  it('reads a closed-model cell (constant-vus) the same way', async () => {
    const { measure } = await ran(loadCell({ model: 'closed', rate: undefined, connections: 4, durationMs: 2_000, warmupMs: 0 }), () => ({ status: 200, durationMs: 10 }));
    // 4 VUs back to back, 10 ms each, for 2 s.
    expect(measure.attempts).toBe(800);
    const { outcome } = k6Outcome([measure], { durationMs: 2_000, warmupMs: 0 });
    expect(outcome).toMatchObject({ requests: 800, achievedRps: 400, saturated: false });
  });
});

describe('refusals', () => {
  it('names the source and the metric for a summary not written by k6/load.ts (a real k6 run of another script)', async () => {
    const real = JSON.parse(await readFile(join(FIXTURES, 'handle-summary-k6-reporter.json'), 'utf8'));
    expect(() => runnerMeasure(real, 'the k6 summary of pod ns/k6-x')).toThrow(
      'the k6 summary of pod ns/k6-x: the k6 summary has no "http_req_duration{scenario:measure,expected_response:true}"; was it written by meshbench\'s k6/load.ts?',
    );
  });

  it('refuses a summary whose successes and failures exceed its requests, and counts requests cut at the end as other', async () => {
    const { data } = await ran(short(), ok);
    const metrics = data.metrics as Record<string, { values: Record<string, number> }>;
    metrics['http_reqs{scenario:measure}']!.values.count = 590;
    expect(() => runnerMeasure(data, 'summary')).toThrow('summary: 590 requests sent, but 600 succeeded and 0 failed');
    metrics['http_reqs{scenario:measure}']!.values.count = 603;
    const measure = runnerMeasure(data, 'summary');
    expect(measure.failures).toMatchObject({ total: 3, other: 3 });
    expect(k6Outcome([measure], { durationMs: 3_000, warmupMs: 1_000 }).warnings).toEqual(['3 requests were cut off at the end of the measured window (counted as errors of class other)']);
  });

  it('refuses a latency trend without the dense quantiles', async () => {
    const { data } = await ran(short(), ok);
    const trend = (data.metrics as Record<string, { values: Record<string, number> }>)['http_req_duration{scenario:measure,expected_response:true}']!;
    trend.values = { count: trend.values.count!, min: 2, max: 2, 'p(90)': 2, 'p(95)': 2 };
    expect(() => runnerMeasure(data, 'summary')).toThrow('summary: "http_req_duration{scenario:measure,expected_response:true}" holds 2 quantiles; the histogram needs the dense summaryTrendStats of k6/load.ts');
  });
});
