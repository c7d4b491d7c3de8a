import { describe, expect, it } from 'vitest';
import { compareRuns, IncomparableRunsError } from '../../src/compare/compare-runs.ts';
import { EXIT } from '../../src/errors.ts';
import type { LoadCell } from '../../src/plan/types.ts';
import { recordedRun } from './runs.ts';

function refusal(attempt: () => unknown): IncomparableRunsError {
  try {
    attempt();
  } catch (error) {
    if (error instanceof IncomparableRunsError) return error;
    throw error;
  }
  throw new Error('the runs were compared');
}

describe('runs that cannot be compared', () => {
  it('are refused with every reason: target, workload, duration, model', async () => {
    const baseline = await recordedRun();
    const candidate = structuredClone(baseline);
    candidate.record.target = 'kind';
    candidate.record.suite.workload = { ...candidate.record.suite.workload, delay: 5 };
    for (const group of candidate.record.plan.groups) {
      for (const cell of group.cells) if (cell.type === 'load') Object.assign(cell, { durationMs: 2_000, model: 'closed' } satisfies Partial<LoadCell>);
    }
    const error = refusal(() => compareRuns(baseline, candidate, new Map(), []));
    expect(error.exitCode).toBe(EXIT.badInput);
    expect(error.reasons).toEqual([
      'target: local in the baseline, kind in the candidate',
      expect.stringMatching(/^workload: \{"delay":0,.*\} in the baseline, \{"delay":5,.*\} in the candidate$/),
      expect.stringMatching(/^experiment latency: duration \S+ in the baseline, 2s in the candidate$/),
      'experiment latency: model open in the baseline, closed in the candidate',
    ]);
    expect(error.message).toMatch(/^the runs cannot be compared:\n {2}- target: local/);
  });

  it('are refused when no cell pairs at all', async () => {
    const baseline = await recordedRun();
    const candidate = structuredClone(baseline);
    for (const result of candidate.results) result.cell.experiment = `other-${result.cell.experiment}`;
    const error = refusal(() => compareRuns(baseline, candidate, new Map(), []));
    expect(error.reasons).toEqual([expect.stringMatching(/^no cell of the baseline run has a figure at the same profile, experiment and point/)]);
  });

  it('on another machine or stack are compared, with a warning naming what differs', async () => {
    const baseline = await recordedRun();
    const candidate = structuredClone(baseline);
    candidate.record.environment = { ...candidate.record.environment, cpus: 64, cpuModel: 'Other CPU' };
    const stack = candidate.record.stacks!.find((s) => s.profile === 'istio-sidecar')!;
    stack.facts = { ...stack.facts, 'proxy hop': 'envoy 1.36' };
    const result = compareRuns(baseline, candidate, new Map(), []);
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.warnings).toEqual([
      `machine differs: cpus ${baseline.record.environment.cpus} in the baseline, 64 in the candidate`,
      `machine differs: cpuModel ${baseline.record.environment.cpuModel} in the baseline, Other CPU in the candidate`,
      'stack of istio-sidecar differs: proxy hop',
    ]);
  });
});
