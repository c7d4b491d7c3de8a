import { describe, expect, it } from 'vitest';
import { chartSpecs, renderCharts } from '../../src/report/charts.ts';
import { renderHtml } from '../../src/report/html.ts';
import { fixtureRun } from './fixtures.ts';

describe('charts without data', () => {
  it('are omitted with a one-line note instead of an empty chart', async () => {
    const { record, results } = fixtureRun();
    const coldOnly = results.filter((r) => r.cell.type === 'cold-start').map((r) => ({ ...r, resources: [] }));
    const charts = await renderCharts(record, coldOnly);
    expect(charts.map((c) => [c.id, 'svg' in c])).toEqual([
      ['comparison-forest', true],
      ['latency-distribution', false],
      ['latency-vs-rate', false],
      ['cold-start-phases', true],
      ['resources', false],
      ['cpu-per-request', false],
    ]);
    const page = renderHtml(record, coldOnly, charts);
    expect(page).toContain('<p class="omitted">No load cell has a latency histogram, so there is no distribution to plot.</p>');
    // The forest plot reads the record's analysis, which still holds the fixture's comparisons.
    expect(page.match(/<svg/g)).toHaveLength(2);
  });

  it('leave latency-vs-rate out when every experiment ran at a single rate, saying why', () => {
    const { record, results } = fixtureRun();
    const oneRate = results.filter((r) => r.cell.type !== 'load' || r.cell.rate !== 500);
    const chart = chartSpecs(record, oneRate).find((c) => c.id === 'latency-vs-rate');
    expect(chart).toMatchObject({ omitted: expect.stringContaining('two or more rates') });
  });

  it('plot cold-start segments as consecutive differences of median phase offsets', () => {
    const { record, results } = fixtureRun();
    const chart = chartSpecs(record, results).find((c) => c.id === 'cold-start-phases');
    const layer = chart && 'spec' in chart ? (chart.spec as { layer: { data: { values: { phase: string; start: number; end: number }[] } }[] }).layer : [];
    const segments = layer[0]?.data.values.map(({ phase, start, end }) => [phase, start, end]);
    expect(segments).toEqual([
      ['activator-queued', 0, 10],
      ['pod-scheduled', 10, 105],
      ['pod-ready', 105, 700.25],
      ['first-byte', 700.25, 910.5],
    ]);
  });
});
