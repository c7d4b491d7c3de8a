// Cold-start overhead = median cold total − median warm total over iterations, on synthetic
// iterations with known medians; a gap inside the noise is reported as such.
import { describe, expect, it } from 'vitest';
import { coldStartOverheads } from '../../src/analysis/cold-start-overhead.ts';
import type { ColdStartCell } from '../../src/plan/types.ts';
import type { ColdStartCellResult, ColdStartIteration } from '../../src/results/types.ts';

function cellResult(totals: { cold: number[]; warm: number[] }, options: { warmBaseline?: boolean; discarded?: number[]; failedWarm?: number } = {}): ColdStartCellResult {
  const cell: ColdStartCell = {
    type: 'cold-start', id: 'kn/cold/services=1/r1', profile: 'kn', experiment: 'cold', repetition: 1, estimatedMs: 0,
    services: 1, iterations: totals.cold.length, idleMs: 0, gracePeriodMs: 0, timeoutMs: 1_000,
    ...(options.warmBaseline === false ? {} : { warmBaseline: true as const }),
  };
  const it = (iteration: number, totalMs: number, extra: Partial<ColdStartIteration>): ColdStartIteration =>
    ({ iteration, service: 'cold-1', cold: true, ok: true, totalMs, phases: { first_byte: totalMs }, ...extra });
  const iterations = [
    ...totals.cold.map((total, i) => it(i + 1, total, {})),
    ...totals.warm.map((total, i) => it(i + 1, total, { service: 'warm-1', cold: false, kind: 'warm' })),
    // A discarded cold attempt is fast (it was warm) and must not count on either side.
    ...(options.discarded ?? []).map((total, i) => it(i + 1, total, { cold: false })),
    ...Array.from({ length: options.failedWarm ?? 0 }, (_, i) => it(i + 1, 1, { service: 'warm-1', cold: false, kind: 'warm', ok: false, error: 'HTTP 503' })),
  ];
  return { cell, status: 'completed', startedAt: '', finishedAt: '', resources: [], notes: [], iterations, discardedWarm: options.discarded?.length ?? 0 };
}

describe('cold-start overhead', () => {
  it('is the shift of cold over warm totals, cold slower, with an interval excluding zero', () => {
    const [row] = coldStartOverheads([cellResult({ cold: [900, 1000, 1100, 950, 1050], warm: [10, 12, 11, 9, 13] }, { discarded: [2, 3], failedWarm: 2 })]);
    expect(row).toMatchObject({ profile: 'kn', experiment: 'cold', services: 1, coldMs: 1000, warmMs: 11, overheadMs: 989, verdict: 'slower', samples: { cold: 5, warm: 5 } });
    expect(row!.ci!.low).toBeGreaterThan(800);
    expect(row!.ci!.high).toBeLessThan(1100);
  });

  it('says "no measurable difference" when cold and warm overlap', () => {
    const [row] = coldStartOverheads([cellResult({ cold: [10, 30, 12, 28, 20], warm: [11, 29, 13, 27, 19] })]);
    expect(row!.overheadMs).toBe(1);
    expect(row!.ci!.low).toBeLessThan(0);
    expect(row!.ci!.high).toBeGreaterThan(0);
    expect(row!.verdict).toBe('no measurable difference');
  });

  it('has no interval from too few iterations (3 against 4: C(7, 3) = 35 < 40), and no figure without a warm answer', () => {
    const [few] = coldStartOverheads([cellResult({ cold: [500, 700, 600], warm: [10, 12, 11, 9] })]);
    expect(few).toMatchObject({ coldMs: 600, warmMs: 10.5, ci: undefined, verdict: 'insufficient iterations' });
    expect(few!.overheadMs).toBeCloseTo(589.5);
    const [none] = coldStartOverheads([cellResult({ cold: [500, 700], warm: [] }, { failedWarm: 2 })]);
    expect(none).toMatchObject({ overheadMs: undefined, verdict: 'insufficient data', samples: { cold: 2, warm: 0 } });
  });

  it('gives no row for cells that did not ask for a warm baseline', () => {
    expect(coldStartOverheads([cellResult({ cold: [500, 700], warm: [] }, { warmBaseline: false })])).toEqual([]);
  });
});
