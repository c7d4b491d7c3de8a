// Issue 11 item 5: an interrupted repetition with 0 requests dragged a point's p50 from 0.95 ms to
// 0.477 ms and its rate from 300 to 150 rps, wrote a latency.csv row of zeros, and all-timeout
// cells printed "p50 0.000 ms" as if measured. A cell without samples has no latency: it is left
// out of the figures, keeps its counts, and every report says "no samples" and why.
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderCharts } from '../../src/report/charts.ts';
import { latencyCsv } from '../../src/report/csv.ts';
import { renderHtml } from '../../src/report/html.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { summariseColdStarts, summariseLoad } from '../../src/report/summary.ts';
import type { CellResult, ColdStartCellResult } from '../../src/results/types.ts';
import { resultsOf } from '../analysis/results-of.ts';
import { unsampledCell } from '../analysis/unsampled-cells.ts';
import { fixtureRun } from './fixtures.ts';

const interruptedPoint = { profile: 'baseline', experiment: 'edge', rate: 300, connections: 4 };
const timedOutPoint = { profile: 'baseline', experiment: 'edge', rate: 100, connections: 4 };

describe('cells without samples in the reports', () => {
  const run = fixtureRun();
  let results: CellResult[];

  beforeAll(async () => {
    const real = resultsOf({ ...interruptedPoint, p50: [0.95] });
    // The fixture's one cold-start cell, with no cold iteration answered.
    const unanswered = run.results.map((r): CellResult =>
      r.cell.type === 'cold-start' ? { ...(r as ColdStartCellResult), iterations: (r as ColdStartCellResult).iterations.map((it) => ({ ...it, ok: it.cold ? false : it.ok, error: 'timed out' })) } : r,
    );
    results = [...unanswered, ...real, await unsampledCell('interrupted', interruptedPoint, 2), await unsampledCell('timed-out', timedOutPoint, 1)];
  });

  it('the summary takes the real repetition only: p50 0.95 ms at 300 rps, and counts the other apart', () => {
    const row = summariseLoad(results).find((r) => r.experiment === 'edge' && r.rate === 300)!;
    expect(row).toMatchObject({ repetitions: 1, unsampled: 1, p50: 0.95, achievedRps: 300, noSamples: 'interrupted before the measured window' });
  });

  it('a point whose every request timed out has no figure, and says why', () => {
    const row = summariseLoad(results).find((r) => r.experiment === 'edge' && r.rate === 100)!;
    expect(row.repetitions).toBe(0);
    expect(row.p50).toBeUndefined();
    expect(row.achievedRps).toBeUndefined();
    expect(row.errors).toBeGreaterThan(0);
    expect(row.noSamples).toBe(`all ${row.errors} requests timed out`);
  });

  it('latency.csv keeps each repetition with its counts, and no latency of zero', () => {
    const rows: Record<string, string>[] = parse(latencyCsv(run.record, results), { columns: true });
    const edge = rows.filter((row) => row.experiment === 'edge');
    expect(edge.map((row) => [row.rate, row.repetition, row.p50_ms])).toEqual([
      ['300', '1', '0.95'],
      ['300', '2', ''],
      ['100', '1', ''],
    ]);
    const [, interrupted, timedOut] = edge;
    // Interrupted before its window: nothing covered, so no rate either.
    expect(interrupted).toMatchObject({ requests: '0', errors: '0', achieved_rps: '', p90_ms: '', p99_ms: '', p999_ms: '', max_ms: '', mean_ms: '' });
    // Every request timed out: counted, rate 0 answers/s over the window it covered, no latency.
    expect(timedOut).toMatchObject({ requests: '0', achieved_rps: '0', p50_ms: '', max_ms: '', mean_ms: '' });
    expect(Number(timedOut!.errors)).toBeGreaterThan(0);
    for (const row of rows) expect(row.p50_ms).not.toBe('0');
  });

  it('summary.md says no samples, with why, instead of 0.000 ms', () => {
    const md = renderMarkdown(run.record, results);
    expect(md).toContain('| baseline | 300 | 4 | 1 (+1 without samples) | 0.950 ms |');
    expect(md).toMatch(/\| baseline \| 100 \| 4 \| 0 \(\+1 without samples\) \| \*\*no samples\*\* \(all \d+ requests timed out\) \| – \| – \| – \| – \|/);
    expect(md).toContain('- baseline/edge/rate=300,c=4/r2: no samples: interrupted before the measured window');
    expect(md).toMatch(/- baseline\/edge\/rate=100,c=4\/r1: no samples: all \d+ requests timed out/);
    expect(md).not.toContain('0.000 ms');
    // The status line counts them apart from the measured cells.
    expect(md).toMatch(/\| Status \| \*\*COMPLETE\*\* — \d+ of \d+ planned cells measured, 3 without samples/);
  });

  it('a cold-start point with no answered cold iteration says no samples', () => {
    const [row] = summariseColdStarts(results);
    expect(row).toMatchObject({ cold: 0, medianTotalMs: undefined, phases: [] });
    expect(row!.failed).toBeGreaterThan(0);
    expect(renderMarkdown(run.record, results)).toMatch(/\| knative-kourier \| 1 \| 0 \| \d+ \| \*\*\d+\*\* \| \*\*no samples\*\* \|/);
  });

  it('index.html says no samples and why, in the summary table and the cell details', async () => {
    const page = await renderHtml(run.record, results, await renderCharts(run.record, results));
    expect(page).toContain('<td class="num">1 (+1 without samples)</td><td class="num">0.950 ms</td>');
    expect(page).toMatch(/<span class="badge warn">no samples<\/span> <span class="note">all \d+ requests timed out<\/span>/);
    expect(page).toContain('no samples: interrupted before the measured window');
    // No table figure of 0 ms (the real repetition's synthetic send lag of 0 is a send lag, not a latency).
    expect(page).not.toContain('<td class="num">0.000 ms</td>');
  });
});
