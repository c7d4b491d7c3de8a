import { describe, expect, it } from 'vitest';
import { compareCiReport } from '../../src/compare/ci-report.ts';
import { compareRuns } from '../../src/compare/compare-runs.ts';
import { parseRule } from '../../src/compare/rules.ts';
import { UsageError } from '../../src/errors.ts';
import { delayed, recordedRun } from './runs.ts';

describe('--fail-on rules', () => {
  it('parse the grammar and name a bad rule with what was expected', () => {
    expect(parseRule('p99>+1ms')).toMatchObject({ metric: 'p99', limit: { value: 1, unit: 'ms' } });
    expect(parseRule('cold_start_p50>+10%')).toMatchObject({ metric: 'cold_start', limit: { value: 10, unit: 'percent' } });
    expect(parseRule('cold_start.port_open>+20ms')).toMatchObject({ metric: 'cold_start.port_open', limit: { value: 20, unit: 'ms' } });
    expect(parseRule('cpu_per_1000>+5%')).toMatchObject({ metric: 'cpu_per_1000', limit: { value: 5, unit: 'percent' } });
    expect(parseRule('cpu_per_1000.istio-proxy>+0.2s')).toMatchObject({ limit: { value: 0.2, unit: 'cpu-s/1000 req' } });
    expect(parseRule('memory>+8MiB')).toMatchObject({ metric: 'memory', limit: { value: 8, unit: 'MiB' } });
    const refused = (rule: string, why: RegExp) => {
      expect(() => parseRule(rule)).toThrow(UsageError);
      expect(() => parseRule(rule)).toThrow(why);
    };
    refused('p99>1ms', /^--fail-on p99>1ms: expected <metric>>\+<number><unit>/);
    refused('p99<+1ms', /^--fail-on p99<\+1ms: expected/);
    refused('p95>+1ms', /^--fail-on p95>\+1ms: unknown metric p95; metrics: p50, p90/);
    refused('memory>+1ms', /^--fail-on memory>\+1ms: memory is in MiB, so its limit is \+NMiB or \+N%/);
    refused('p50>+1s', /p50 is in ms, so its limit is \+Nms or \+N%/);
  });

  it('fail on a measurable change over the limit, pass under it, never on an unchanged row', async () => {
    const baseline = await recordedRun();
    const candidate = delayed(await recordedRun(), 'istio-sidecar', 2);
    const rules = ['p50>+1ms', 'p50>+5ms', 'p50>+50%', 'memory>+10%'].map(parseRule);
    const result = compareRuns(baseline, candidate, new Map(), rules);
    const sidecarP50 = result.rows.find((row) => row.profile === 'istio-sidecar' && row.metric === 'p50')!;
    expect(sidecarP50).toMatchObject({ verdict: 'measurable increase', delta: expect.closeTo(2, 6) });
    const [over, under, percent, memory] = result.rules;
    expect(over!.outcome).toBe('failed');
    expect(over!.message).toMatch(/^p50 at istio-sidecar latency 100 rps · 4 conn \+2 ms \(\+[\d.]+%\) exceeds \+1 ms measurably \(95% CI \+[\d.]+ to \+[\d.]+ ms, noise floor [\d.]+ ms\)$/);
    expect(over!.rows.filter((row) => row.outcome === 'failed').map((row) => row.row.profile)).toEqual(['istio-sidecar']);
    expect(under!.outcome).toBe('passed');
    expect(percent!.outcome).toBe('failed');
    expect(memory!.outcome).toBe('passed');
    expect(memory!.rows.length).toBeGreaterThan(3); // every memory.<component> row of every profile
    expect(result.failed).toBe(true);

    const ci = compareCiReport(result, 1);
    expect(ci).toMatchObject({ command: 'compare', exitCode: 1, result });
    expect(ci.checks).toHaveLength(result.rules.reduce((sum, rule) => sum + rule.rows.length, 0));
    expect(ci.checks.every((check) => check.group === 'compare')).toBe(true);
    expect(new Set(ci.checks.map((check) => check.name)).size).toBe(ci.checks.length);
    expect(ci.checks.find((check) => check.name === 'p50>+1ms · istio-sidecar · latency · 100 rps · 4 conn')).toMatchObject({ outcome: 'failed' });
    expect(ci.summaryMarkdown).toMatch(/^# meshbench compare: FAILED/);
  });

  it('warn, never fail, on rows too thin to judge and on rules that match no row', async () => {
    const baseline = await recordedRun();
    const candidate = delayed(await recordedRun(), 'istio-sidecar', 2);
    // Two repetitions a side: no 95% interval exists (C(4, 2) = 6 < 40).
    const thin = (run: typeof baseline) => ({ ...run, results: run.results.filter((r) => r.cell.repetition <= 2) });
    const result = compareRuns(thin(baseline), thin(candidate), new Map(), ['p50>+1ms', 'cold_start.nonexistent>+1ms'].map(parseRule));
    const [p50, none] = result.rules;
    expect(p50!.outcome).toBe('skipped');
    expect(p50!.rows.every((row) => row.outcome === 'skipped')).toBe(true);
    expect(none).toMatchObject({ outcome: 'skipped', rows: [] });
    expect(result.failed).toBe(false);
    expect(result.warnings).toContain('cold_start.nonexistent>+1ms: no row of either run has cold_start.nonexistent');
    expect(result.warnings).toContain('p50>+1ms: no row could be judged (p50 at baseline latency 100 rps · 4 conn cannot be judged: insufficient repetitions (2 vs 2 repetitions))');
    expect(compareCiReport(result, 0).checks.filter((check) => check.outcome === 'skipped').length).toBe(4);
  });
});
