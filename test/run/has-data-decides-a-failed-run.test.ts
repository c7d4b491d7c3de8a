// What counts as measured, the line between a run with numbers and a failed one: a cell that did
// not error and holds a sample — a successful request, or a cold start that answered.
import { describe, expect, it } from 'vitest';
import { hasData } from '../../src/results/cell-data.ts';
import type { ColdStartCellResult, ColdStartIteration, LoadCellResult } from '../../src/results/types.ts';
import { fixtureRun } from '../report/fixtures.ts';

const { results } = fixtureRun();
const load = results.find((r): r is LoadCellResult => 'latency' in r)!;
const cold = results.find((r): r is ColdStartCellResult => 'iterations' in r)!;
const iteration = (over: Partial<ColdStartIteration>): ColdStartIteration => ({ iteration: 1, service: 'svc-1', cold: true, ok: true, totalMs: 500, phases: {}, ...over });

describe('hasData', () => {
  it('counts a load cell with successful requests, not one with none, nor an errored one', () => {
    expect(load.latency?.count).toBeGreaterThan(0);
    expect(hasData(load)).toBe(true);
    expect(hasData({ ...load, status: 'partial' })).toBe(true);
    expect(hasData({ ...load, latency: { ...load.latency!, count: 0 } })).toBe(false);
    expect(hasData({ ...load, status: 'errored', error: 'k6 failed' })).toBe(false);
  });

  it('counts a cold-start cell with an answered cold start only', () => {
    expect(hasData({ ...cold, iterations: [iteration({})] })).toBe(true);
    expect(hasData({ ...cold, iterations: [iteration({ ok: false, error: 'timeout' })] })).toBe(false);
    // Warm baselines and discarded warm iterations are not cold starts.
    expect(hasData({ ...cold, iterations: [iteration({ cold: false, kind: 'warm' }), iteration({ cold: false })] })).toBe(false);
    expect(hasData({ ...cold, iterations: [] })).toBe(false);
    expect(hasData({ ...cold, status: 'errored', error: 'watch failed', iterations: [iteration({})] })).toBe(false);
  });
});
