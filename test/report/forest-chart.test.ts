import { describe, expect, it } from 'vitest';
import type { ComparisonRow } from '../../src/analysis/types.ts';
import { FOREST_CHART_ID, forestChart, forestRows } from '../../src/report/forest-chart.ts';
import { renderSvg } from '../../src/report/svg.ts';
import { fixtureRun } from './fixtures.ts';

type Layer = { data?: { values: Record<string, unknown>[] }; mark: { type: string; filled?: boolean } };

function withComparisons(rows: ComparisonRow[]) {
  const { record } = fixtureRun();
  return { ...record, analysis: { ...record.analysis!, comparisons: rows } };
}

describe('forest plot of comparison deltas', () => {
  const [slower, same] = fixtureRun().record.analysis!.comparisons as [ComparisonRow, ComparisonRow];
  const noInterval: ComparisonRow = { ...slower, metric: 'p999', deltaMs: 7, ci: undefined, verdict: 'insufficient data' };
  const p50OfSidecar: ComparisonRow = { ...slower, metric: 'p50', deltaMs: 1, ci: { low: 0.5, high: 1.5 } };

  it('has one row per comparison × metric × point, in suite comparison order then metric order', () => {
    const rows = forestRows(withComparisons([same, noInterval, slower, p50OfSidecar]));
    expect(rows.map((row) => row.row)).toEqual([
      'sidecar tax · p50 · latency-vs-rate · 500 rps · 16 conn',
      'sidecar tax · p99 · latency-vs-rate · 500 rps · 16 conn',
      'sidecar tax · p99.9 · latency-vs-rate · 500 rps · 16 conn',
      'knative <b>hop</b> · p50 · latency-vs-rate · 100 rps · 16 conn',
    ]);
    expect(rows.map((row) => [row.deltaMs, row.low, row.high, row.verdict])).toEqual([
      [1, 0.5, 1.5, 'slower'],
      [5, 4.5, 5.5, 'slower'],
      [7, undefined, undefined, 'insufficient data'],
      [0.05, -0.2, 0.3, 'no measurable difference'],
    ]);
  });

  it('draws intervals only for rows that have one, the others hollow and labelled, and says no noise floor is known', async () => {
    const chart = forestChart(withComparisons([slower, same, noInterval]));
    expect(chart.id).toBe(FOREST_CHART_ID);
    if (!('spec' in chart)) throw new Error('expected a chart');
    const layers = (chart.spec as unknown as { layer: Layer[] }).layer;
    const intervalBars = layers.find((l) => l.mark.type === 'rule' && l.data?.values.some((v) => 'low' in v));
    expect(intervalBars?.data?.values.map((v) => [v.low, v.high])).toEqual([[4.5, 5.5], [-0.2, 0.3]]);
    const hollow = layers.find((l) => l.mark.type === 'point' && l.mark.filled === false);
    expect(hollow?.data?.values.map((v) => v.metric)).toEqual(['p99.9']);
    expect(layers.find((l) => l.mark.type === 'text')?.data?.values.map((v) => v.verdict)).toEqual(['insufficient data']);
    expect(chart.caption).toContain('1 row(s) without an interval');
    expect(chart.caption).toContain('No noise floor is known for a single run');
    const svg = await renderSvg(chart.spec);
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('sidecar tax · p99.9 · latency-vs-rate · 500 rps · 16 conn');
  });

  it('is omitted with a reason when the run has no comparison rows', () => {
    expect(forestChart(withComparisons([]))).toMatchObject({ omitted: expect.stringContaining('no deltas') });
  });
});
