// The per-repetition figures compare, history and trend share: checked on a real recorded run and
// on the cases whose inclusion rules matter (saturation, errored components, cold iterations).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cellMetrics, cellPoint } from '../../src/results/cell-metrics.ts';
import type { CellResult, ColdStartCellResult, LoadCellResult } from '../../src/results/types.ts';

const recorded: CellResult[] = JSON.parse(readFileSync(new URL('../fixtures/runs/local-412cb26/results.json', import.meta.url), 'utf8')).results;
const load = recorded.find((result): result is LoadCellResult => result.cell.type === 'load' && (result as LoadCellResult).latency !== undefined)!;
const cold = recorded.find((result): result is ColdStartCellResult => result.cell.type === 'cold-start')!;

const byName = (result: CellResult) => Object.fromEntries(cellMetrics(result).map((m) => [m.metric, m.value]));

describe('cellMetrics', () => {
  it('reads latency percentiles and per-component resources of a recorded load cell', () => {
    const metrics = byName(load);
    expect(metrics.p50).toBe(load.latency!.p50);
    expect(metrics.p999).toBe(load.latency!.p999);
    for (const usage of load.resources) expect(metrics[`memory.${usage.component}`]).toBeCloseTo(usage.memoryMiB.avg);
    const cpu = load.resources.reduce((sum, usage) => sum + (usage.cpuSecondsPer1000Requests ?? 0), 0);
    expect(metrics.cpu_per_1000).toBeCloseTo(cpu);
  });

  it('drops the latency of a saturated cell and the total of a cell with an errored component', () => {
    const saturated = { ...load, saturated: true };
    expect(byName(saturated).p50).toBeUndefined();
    const errored = { ...load, resources: [...load.resources, { ...load.resources[0]!, component: 'sidecar-x', error: 'not sampled' }] };
    const metrics = byName(errored);
    expect(metrics.cpu_per_1000).toBeUndefined();
    expect(metrics['memory.sidecar-x']).toBeUndefined();
    expect(metrics.p50).toBe(load.latency!.p50);
  });

  it('takes the median of the answered cold iterations, per phase without the origin', () => {
    const iterations = [10, 30, 20].map((totalMs, i) => ({ iteration: i + 1, service: 's', cold: true, ok: true, totalMs, phases: { sent: 0, ready: totalMs - 5 } }));
    const result = { ...cold, iterations: [...iterations, { ...iterations[0]!, totalMs: 999, cold: false }, { ...iterations[0]!, totalMs: 999, ok: false }] };
    expect(byName(result)).toEqual({ cold_start: 20, 'cold_start.ready': 15 });
    expect(cellMetrics({ ...result, status: 'errored' })).toEqual([]);
  });

  it('names the point without the repetition', () => {
    expect(cellPoint({ ...load.cell, repetition: 2 })).toEqual(cellPoint(load.cell));
    expect(cellPoint(cold.cell).point).toMatch(/^\d+ svc/);
  });
});
