// Issue 11 item 5: a cell without a successful request has no latency, and does not count as
// data; cold-start cells have data only when a cold iteration answered.
import { describe, expect, it } from 'vitest';
import { hasData, hasLatency } from '../../src/results/cell-data.ts';
import type { ColdStartCellResult, ColdStartIteration } from '../../src/results/types.ts';
import { resultsOf } from '../analysis/results-of.ts';
import { unsampledCell, type Unsampled } from '../analysis/unsampled-cells.ts';
import { allResults } from '../report/fixtures.ts';

const point = { profile: 'baseline', rate: 100, connections: 4 };

describe('hasData', () => {
  it('is true for a load cell with successful requests, partial ones included', () => {
    const [completed] = resultsOf({ ...point, p50: [0.95] });
    const [partial] = resultsOf({ ...point, p50: [0.95], status: 'partial' });
    expect(hasData(completed!)).toBe(true);
    expect(hasData(partial!)).toBe(true);
  });

  it.each<Unsampled>(['interrupted', 'timed-out', 'empty-window', 'all-503'])('is false for a load cell %s: the driver records no latency', async (kind) => {
    const result = await unsampledCell(kind, point, 1);
    expect(result.latency).toBeUndefined();
    expect(result.histogram).toBeUndefined();
    expect(hasLatency(result)).toBe(false);
    expect(hasData(result)).toBe(false);
  });

  it('is false for an errored cell and for a result written with a latency of count 0 (before latency could be absent)', () => {
    const [errored] = resultsOf({ ...point, p50: [0.95], status: 'errored' });
    const [legacy] = resultsOf({ ...point, p50: [0], requests: 0 });
    expect(legacy!.latency!.count).toBe(0);
    expect(hasData(errored!)).toBe(false);
    expect(hasData(legacy!)).toBe(false);
  });

  it('is true for a cold-start cell only when a cold iteration answered', () => {
    const cold = allResults().find((r): r is ColdStartCellResult => r.cell.type === 'cold-start')!;
    const it = (over: Partial<ColdStartIteration>): ColdStartIteration => ({ iteration: 1, service: 'echo-1', cold: true, ok: true, totalMs: 900, phases: {}, ...over });
    expect(hasData(cold)).toBe(true);
    const failedOrWarm = [it({ ok: false, error: 'timed out' }), it({ cold: false, kind: 'warm', totalMs: 2 }), it({ cold: false, totalMs: 2 })];
    expect(hasData({ ...cold, iterations: failedOrWarm })).toBe(false);
    expect(hasData({ ...cold, iterations: [...failedOrWarm, it({})] })).toBe(true);
    expect(hasData({ ...cold, status: 'errored', error: 'boom' })).toBe(false);
  });
});
