import { describe, expect, it } from 'vitest';
import { chartSpecs } from '../../src/report/charts.ts';
import { summariseColdStarts } from '../../src/report/summary.ts';
import type { ColdStartCellResult } from '../../src/results/types.ts';
import { fixtureRun } from './fixtures.ts';

/** The fixture's cold-start cell with five answered iterations of known phase offsets. */
function run() {
  const fixture = fixtureRun();
  const ready = [600, 700, 800, 900, 1400];
  const results = fixture.results.map((r) =>
    r.cell.type !== 'cold-start'
      ? r
      : {
          ...(r as ColdStartCellResult),
          discardedWarm: 0,
          iterations: ready.map((podReady, i) => ({
            iteration: i + 1, service: 'echo-1', cold: true, ok: true, totalMs: podReady + 100,
            phases: { sent: 0, 'pod-scheduled': 100 + 10 * i, 'pod-ready': podReady, 'first-byte': podReady + 100 },
          })),
        },
  );
  return { ...fixture, results };
}

describe('cold-start waterfall spread', () => {
  it('summarises each phase with the quartiles of its offset and the iterations that reached it', () => {
    const [row] = summariseColdStarts(run().results);
    expect(row?.phases).toEqual([
      { name: 'pod-scheduled', medianMs: 120, q1Ms: 110, q3Ms: 130, iterations: 5 },
      { name: 'pod-ready', medianMs: 800, q1Ms: 700, q3Ms: 900, iterations: 5 },
      { name: 'first-byte', medianMs: 900, q1Ms: 800, q3Ms: 1000, iterations: 5 },
    ]);
  });

  it('draws the interquartile range at each segment end and labels the iteration count', () => {
    const { record, results } = run();
    const chart = chartSpecs(record, results).find((c) => c.id === 'cold-start-phases');
    if (!chart || !('spec' in chart)) throw new Error('expected a chart');
    const layers = (chart.spec as unknown as { layer: { mark: { type: string }; data: { values: Record<string, unknown>[] } }[] }).layer;
    const spread = layers.find((l) => l.mark.type === 'rule');
    expect(spread?.data.values.map((v) => [v.phase, v.end, v.q1, v.q3])).toEqual([
      ['pod-scheduled', 120, 110, 130],
      ['pod-ready', 800, 700, 900],
      ['first-byte', 900, 800, 1000],
    ]);
    expect(layers.find((l) => l.mark.type === 'text')?.data.values[0]).toMatchObject({ text: '900 ms · n = 5', at: 1000 });
    expect(chart.caption).toContain('interquartile range');
  });
});
