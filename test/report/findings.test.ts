// The findings on the first screen: plain sentences from the analysis, intervals kept, ranked
// failures first and then by relative size, and what weakens them said as warnings, not numbers.
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../src/analysis/cost.ts';
import type { Analysis, ComparisonRow, OverheadRow } from '../../src/analysis/types.ts';
import { FINDINGS_LISTED, findings, moreFindingsText } from '../../src/report/findings.ts';
import { findingsHtml } from '../../src/report/findings-section.ts';
import { renderHtml } from '../../src/report/html.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import type { ColdStartCellResult } from '../../src/results/types.ts';
import { analysis, fixtureRun } from './fixtures.ts';

const { record, results } = fixtureRun();

function withAnalysis(change: Partial<Analysis>) {
  return { ...record, analysis: { ...analysis, ...change } };
}

function row(change: Partial<ComparisonRow>): ComparisonRow {
  return { ...analysis.comparisons[0]!, ...change };
}

describe('findings', () => {
  it('leads, after failures, with what each comparison costs a month, its interval and the anchors at the same traffic', () => {
    const inputs = { currency: 'USD', vcpuHour: 0.04, gibHour: 0.005, trafficRps: 2000, meshedPods: 100 };
    const sidecarCpu: OverheadRow = {
      topic: 'data path', comparison: 'sidecar tax', experiment: 'latency-vs-rate', baseline: 'baseline', candidate: 'istio-sidecar',
      rate: 500, connections: 16, component: 'istio-proxy', measure: 'cpu-seconds-per-1000-requests', baselineValue: undefined,
      candidateValue: 0.5, delta: 0.5, ci: { low: 0.4, high: 0.6 }, verdict: 'more', repetitions: { baseline: 5, candidate: 5 },
      published: { value: 0.2, source: 'Istio 1.24: sidecar 0.20 vCPU per 1000 rps (istio.io performance page)' },
    };
    const cost = estimateCost({ inputs, from: {} }, { overheads: [sidecarCpu] });
    const f = findings(record, results, cost);
    const money = f.items.find((item) => item.kind === 'cost')!;
    // 0.5 CPU-s per 1000 requests × 2000 rps / 1000 × 730 h × 0.04 USD = 29.20 USD (0.4 → 23.36, 0.6 → 35.04).
    expect(money.sentence).toMatch(/^sidecar tax would cost 29\.2 USD \(95% CI 23\.4 USD … 35\.0 USD\) per month at 2000 rps and 100 meshed pods/);
    expect(money.sentence).toContain('the published figures come to 11.7 USD at the same traffic');
    const firstNotFailed = f.items.findIndex((item) => item.severity !== 'fail');
    expect(f.items[firstNotFailed]).toBe(money);
    expect(findings(record, results).items.some((item) => item.kind === 'cost')).toBe(false);
  });

  it('states a latency cost with its 95% interval and the point it was measured at', () => {
    const latency = findings(record, results).items.find((item) => item.id === 'latency:sidecar tax:latency-vs-rate')!;
    expect(latency.kind).toBe('latency');
    expect(latency.interval).toBe('95% CI +4.50 ms … +5.50 ms');
    expect(latency.sentence).toBe('sidecar tax adds 5.00 ms at p99 (95% CI +4.50 ms … +5.50 ms) at latency-vs-rate · 500 rps · 16 conn.');
  });

  it('says "no measurable difference" when the interval contains zero, with no cost claimed', () => {
    const quiet = findings(record, results).items.find((item) => item.id.startsWith('latency:knative'))!;
    expect(quiet.sentence).toContain('no measurable difference at p50 (95% CI −0.200 ms … +0.300 ms)');
    expect(quiet.sentence).not.toMatch(/adds|saves/);
  });

  it('turns insufficient repetitions into a warning, not a number', () => {
    const few = row({ deltaMs: 3.21, ci: undefined, verdict: 'insufficient repetitions', repetitions: { baseline: 2, candidate: 2 } });
    const f = findings(withAnalysis({ comparisons: [few], thresholds: [] }), results);
    expect(f.items.filter((item) => item.kind === 'latency')).toEqual([]);
    expect(f.items.map((item) => item.sentence).join(' ')).not.toContain('3.21');
    expect(f.warnings).toContain(
      'Too few repetitions for a 95% interval (4 a side are needed), so no latency cost is claimed for: sidecar tax p99 at 500 rps · 16 conn (2 vs 2 repetitions).',
    );
  });

  it('ranks a failed threshold first, whatever its order in the analysis', () => {
    const thresholds = [...analysis.thresholds].reverse();
    const f = findings(withAnalysis({ thresholds }), results);
    expect(f.items[0]).toMatchObject({ id: 'threshold:sidecar tax:p99', kind: 'threshold', severity: 'fail', rank: 1 });
    expect(f.items[0]!.sentence).toBe('Threshold sidecar tax p99 ≤ 1.00 ms failed: p99 delta 5 ms exceeds 1 ms.');
    expect(f.items.map((item) => item.rank)).toEqual(f.items.map((_, i) => i + 1));
  });

  it('lists passed thresholds before the figures ranked by size, so the list length never hides an outcome', () => {
    const thresholds = analysis.thresholds.map((t) => ({ ...t, passed: true, reason: 'within max' }));
    const items = findings(withAnalysis({ thresholds }), results).items;
    const firstThreshold = items.findIndex((item) => item.kind === 'threshold');
    const lastThreshold = items.findLastIndex((item) => item.kind === 'threshold');
    expect(firstThreshold).toBeGreaterThanOrEqual(0);
    expect(items.slice(lastThreshold + 1).length).toBeGreaterThan(0);
    expect(items.slice(0, lastThreshold + 1).every((item) => item.kind === 'threshold' || item.severity === 'fail' || item.kind === 'cost')).toBe(true);
  });

  it('warns about a component that could not be sampled, with the sampler’s error', () => {
    const f = findings(record, results);
    expect(f.warnings).toContain(
      'Not sampled, so its cost is unknown (never zero): activator on knative-kourier at 100 rps · 16 conn (knative-kourier/latency-vs-rate/100rps-16c/r1: <activator> not found).',
    );
    expect(f.items.some((item) => item.sentence.includes('activator'))).toBe(false);
  });

  it('ranks effects by size relative to the baseline, not by milliseconds', () => {
    const big = row({ comparison: 'big in ms', baselineMs: 100, deltaMs: 2, ci: { low: 1, high: 3 } });
    const large = row({ comparison: 'large in share', baselineMs: 2, deltaMs: 1, ci: { low: 0.5, high: 1.5 } });
    const f = findings(withAnalysis({ comparisons: [big, large], thresholds: [], overheads: [] }), results);
    const order = f.items.filter((item) => item.kind === 'latency').map((item) => item.id);
    expect(order).toEqual(['latency:large in share:latency-vs-rate', 'latency:big in ms:latency-vs-rate']);
  });

  it('leads with the thresholded metric, else p99, and folds the other points into one clause', () => {
    const rows = [
      row({ metric: 'p50', rate: 100, baselineMs: 1, deltaMs: 0.5, ci: { low: 0.4, high: 0.6 } }),
      row({ metric: 'p50', rate: 500, baselineMs: 1, deltaMs: 0.2, ci: { low: 0.1, high: 0.3 } }),
      row({ metric: 'p99', rate: 500, baselineMs: 3, deltaMs: 2, ci: { low: 1, high: 3 } }),
    ];
    const judged = findings(withAnalysis({ comparisons: rows, thresholds: [{ ...analysis.thresholds[1]!, comparison: 'sidecar tax', passed: true }] }), results);
    expect(judged.items.find((item) => item.kind === 'latency')!.sentence).toBe(
      'sidecar tax adds 0.500 ms at p50 (95% CI +0.400 ms … +0.600 ms) at latency-vs-rate · 100 rps · 16 conn; at 1 other point: +0.200 ms.',
    );
    const free = findings(withAnalysis({ comparisons: rows, thresholds: [] }), results);
    expect(free.items.find((item) => item.kind === 'latency')!.sentence).toContain('adds 2.00 ms at p99');
  });

  it('keeps the list short and says how many findings are left for the sections below', () => {
    const comparisons = Array.from({ length: FINDINGS_LISTED + 2 }, (_, i) => row({ comparison: `c${i}` }));
    const f = findings(withAnalysis({ comparisons, thresholds: [], overheads: [] }), results);
    expect(f.items).toHaveLength(FINDINGS_LISTED);
    // Ten latency findings and the cold start: three left out.
    expect(moreFindingsText(f)).toBe('3 more findings in the sections below.');
  });

  it('warns of emulation only when the target emulated the data path', () => {
    expect(findings(record, results).warnings[0]).toMatch(/^Emulation: /);
    expect(findings({ ...record, emulation: false, target: 'kind' }, results).warnings.some((w) => w.startsWith('Emulation'))).toBe(false);
  });

  it('warns of saturated cells, which the comparisons leave out', () => {
    expect(findings(record, results).warnings).toContain(
      'Saturation: the load generator could not keep the schedule in 1 load cell (baseline at closed-16 · closed · 16 conn); it is left out of the comparisons.',
    );
  });

  it('gives each proxy’s CPU per 1000 requests with its interval', () => {
    const cpu = findings(record, results).items.find((item) => item.kind === 'resources')!;
    expect(cpu.sentence).toBe('sidecar tax: proxy on istio-sidecar uses 0.180 CPU-s per 1000 requests (95% CI +0.160 CPU-s … +0.200 CPU-s) at latency-vs-rate · 500 rps · 16 conn.');
  });

  it('gives the cold-start median, its spread and the slowest phase', () => {
    const cold = findings(record, results).items.find((item) => item.kind === 'cold-start')!;
    expect(cold.sentence).toBe(
      'Cold starts on knative-kourier, scale-from-zero: median 911 ms (range 850 ms – 1200 ms, 3 iterations); the slowest phase is pod-ready (595 ms between median offsets).',
    );
    // Four iterations or more: the interquartile range.
    const coldCell = results.find((r) => r.cell.type === 'cold-start') as ColdStartCellResult;
    const more = { ...coldCell, iterations: [100, 200, 300, 400, 500].map((totalMs, i) => ({ iteration: i + 1, service: 'echo-1', cold: true, ok: true, totalMs, phases: { sent: 0, 'first-byte': totalMs } })) };
    const spread = findings(record, results.map((r) => (r === coldCell ? more : r))).items.find((item) => item.kind === 'cold-start')!;
    expect(spread.interval).toBe('IQR 200 ms – 400 ms');
  });
});

describe('findings in the reports', () => {
  it('index.html puts them right after the title, before the run facts, with warnings as notes', () => {
    const page = renderHtml(record, results, []);
    const at = page.indexOf('<section id="findings">');
    expect(at).toBeGreaterThan(page.indexOf('id="emulation-banner"'));
    expect(at).toBeLessThan(page.indexOf('<dl class="facts">'));
    expect(at).toBeLessThan(page.indexOf('id="summary"'));
    expect(page).toContain('<a href="#findings">Findings</a>');
    expect(page).toContain('<span class="interval">95% CI +4.50 ms … +5.50 ms</span>');
    expect(page).toMatch(/<li role="note">[^<]*<span aria-hidden="true">⚠ <\/span>Saturation: /);
    // The emulation banner says it already; the list does not repeat it.
    expect(page.slice(at)).not.toContain('Emulation: these findings');
  });

  it('escapes what the suite wrote', () => {
    const html = findingsHtml(findings(record, results));
    expect(html).not.toContain('<b>hop</b>');
    expect(html).toContain('knative &#60;b&#62;hop&#60;/b&#62;');
  });

  it('summary.md lists them, numbered, before the tables', () => {
    const md = renderMarkdown(record, results);
    expect(md).toContain('## Findings\n\n1. **FAIL** Threshold sidecar tax p99 ≤ 1.00 ms failed');
    expect(md.indexOf('## Findings')).toBeLessThan(md.indexOf('## Load'));
    expect(md).toContain('- ⚠ Saturation: ');
  });
});
