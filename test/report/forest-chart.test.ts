import { describe, expect, it } from 'vitest';
import type { ComparisonRow } from '../../src/analysis/types.ts';
import { FOREST_CHART_ID, forestChart, forestRows } from '../../src/report/forest-chart.ts';
import { renderSvg } from '../../src/report/svg.ts';
import { fixtureRun } from './fixtures.ts';

type Layer = { transform?: { filter: string }[]; mark: { type: string; filled?: boolean } };
type Faceted = { data: { values: Record<string, unknown>[] }; facet: { column: { field: string; sort: string[] } }; spec: { layer: Layer[] } };

function withComparisons(rows: ComparisonRow[]) {
  const { record } = fixtureRun();
  return { ...record, analysis: { ...record.analysis!, comparisons: rows } };
}

describe('forest plot of comparison deltas', () => {
  const [slower, same] = fixtureRun().record.analysis!.comparisons as [ComparisonRow, ComparisonRow];
  const noInterval: ComparisonRow = { ...slower, metric: 'p999', deltaMs: 7, ci: undefined, verdict: 'insufficient data' };
  const p50OfSidecar: ComparisonRow = { ...slower, metric: 'p50', deltaMs: 1, ci: { low: 0.5, high: 1.5 } };

  it('has one entry per comparison × metric × point, in suite comparison order then metric order', () => {
    const rows = forestRows(withComparisons([same, noInterval, slower, p50OfSidecar]));
    expect(rows.map((row) => [row.row, row.metric])).toEqual([
      ['sidecar tax · latency-vs-rate · 500 rps · 16 conn', 'p50'],
      ['sidecar tax · latency-vs-rate · 500 rps · 16 conn', 'p99'],
      ['sidecar tax · latency-vs-rate · 500 rps · 16 conn', 'p99.9'],
      ['knative <b>hop</b> · latency-vs-rate · 100 rps · 16 conn', 'p50'],
    ]);
    expect(rows.map((row) => [row.deltaMs, row.low, row.high, row.verdict])).toEqual([
      [1, 0.5, 1.5, 'slower'],
      [5, 4.5, 5.5, 'slower'],
      [7, undefined, undefined, 'insufficient data'],
      [0.05, -0.2, 0.3, 'no measurable difference'],
    ]);
  });

  it('draws a column per metric, intervals only for rows that have one, the others hollow, and says no noise floor is known', async () => {
    const chart = forestChart(withComparisons([slower, same, noInterval]));
    expect(chart.id).toBe(FOREST_CHART_ID);
    if (!('spec' in chart)) throw new Error('expected a chart');
    const spec = chart.spec as unknown as Faceted;
    expect(spec.facet.column).toMatchObject({ field: 'metric', sort: ['p50', 'p99', 'p99.9'] });
    // Each layer's filter picks its rows out of the one data set the facet splits.
    const rowsOf = (layer: Layer | undefined) => {
      const filter = layer?.transform?.[0]?.filter;
      return spec.data.values.filter((v) => (filter === '!datum.noInterval' ? !v.noInterval : filter === 'datum.noInterval' ? v.noInterval : true));
    };
    const intervalBars = spec.spec.layer.find((l) => l.mark.type === 'rule' && l.transform !== undefined);
    expect(rowsOf(intervalBars).map((v) => [v.low, v.high])).toEqual([[4.5, 5.5], [-0.2, 0.3]]);
    const hollow = spec.spec.layer.find((l) => l.mark.type === 'point' && l.mark.filled === false);
    expect(rowsOf(hollow).map((v) => v.metric)).toEqual(['p99.9']);
    expect(chart.caption).toContain('1 row(s) without an interval');
    expect(chart.caption).toContain('No noise floor is known for a single run');
    const svg = await renderSvg(chart.spec);
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('sidecar tax · latency-vs-rate · 500 rps · 16 conn');
    expect(svg).toContain('p99.9');
  });

  it('is omitted with a reason when the run has no comparison rows', () => {
    expect(forestChart(withComparisons([]))).toMatchObject({ omitted: expect.stringContaining('no deltas') });
  });
});
