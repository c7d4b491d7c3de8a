// A cold-start experiment has one cell per point, so across runs its iterations are the unit:
// with enough of them a slower start is measurable and fails cold_start_p50>+10%; a run's
// discarded (warm) and failed iterations are not among them.
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare-runs.ts';
import type { RunInput } from '../../src/compare/pairing.ts';
import { parseRule } from '../../src/compare/rules.ts';
import type { ColdStartCellResult } from '../../src/results/types.ts';
import { recordedRun } from './runs.ts';

const TOTALS = [490, 495, 500, 505, 510, 498, 502, 507];

/** The recorded run with its cold-start cell's iterations replaced: totals as given, the workload's start (port_open) 40 ms before each. */
function withColdStarts(run: RunInput, totals: number[]): RunInput {
  const copy = structuredClone(run);
  const cell = copy.results.find((result) => result.cell.type === 'cold-start') as ColdStartCellResult;
  cell.iterations = [
    ...totals.map((totalMs, index) => ({ iteration: index + 1, service: 'svc-1', cold: true, ok: true, totalMs, phases: { sent: 0, port_open: totalMs - 40, first_byte: totalMs } })),
    { iteration: 99, service: 'svc-1', cold: false, ok: true, totalMs: 5, phases: { sent: 0, first_byte: 5 } },
    { iteration: 100, service: 'svc-1', cold: true, ok: false, error: 'timeout', totalMs: 60_000, phases: { sent: 0 } },
  ];
  return copy;
}

describe('cold starts across runs', () => {
  it('are judged over cold iterations, total and per phase', async () => {
    const baseline = withColdStarts(await recordedRun(), TOTALS);
    const candidate = withColdStarts(await recordedRun(), TOTALS.map((total) => total + 200));
    const result = compareRuns(baseline, candidate, new Map(), ['cold_start_p50>+10%', 'cold_start.port_open>+300ms'].map(parseRule));
    const total = result.rows.find((row) => row.metric === 'cold_start')!;
    expect(total).toMatchObject({ profile: 'knative-kourier', point: '1 svc', baseline: 501, verdict: 'measurable increase', delta: 200, repetitions: { baseline: 8, candidate: 8 } });
    expect(result.rows.find((row) => row.metric === 'cold_start.port_open')).toMatchObject({ verdict: 'measurable increase', delta: 200 });
    expect(result.rows.some((row) => row.metric === 'cold_start.sent')).toBe(false);
    expect(result.rules.map((rule) => rule.outcome)).toEqual(['failed', 'passed']);
    expect(result.failed).toBe(true);
  });

  it('between identical iterations show no change', async () => {
    const run = withColdStarts(await recordedRun(), TOTALS);
    const result = compareRuns(run, structuredClone(run), new Map(), [parseRule('cold_start_p50>+10%')]);
    expect(result.rows.find((row) => row.metric === 'cold_start')).toMatchObject({ delta: 0, verdict: 'no measurable difference' });
    expect(result.rules[0]!.outcome).toBe('passed');
  });
});
