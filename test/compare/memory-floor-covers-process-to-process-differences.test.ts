// Memory's repetitions all sample the same processes, so their range is no noise floor across
// runs: a second start of the same configuration lands a few percent away with a tight range (as
// recorded: −0.8 % with a 0.3 % range). Memory's floor is at least 5 % of the baseline.
import { describe, expect, it } from 'vitest';
import { crossRunShift } from '../../src/compare/cross-run-shift.ts';
import type { PairedFigure } from '../../src/compare/pairing.ts';

function memory(baseline: number[], candidate: number[], unit: PairedFigure['unit'] = 'MiB'): PairedFigure {
  return {
    point: { profile: 'baseline', experiment: 'load', point: 'closed · 1 conn' },
    candidateProfile: 'baseline',
    metric: unit === 'MiB' ? 'memory.workload' : 'cpu_per_1000.workload',
    unit,
    baseline,
    candidate,
    cells: { baseline: [], candidate: [] },
  };
}

const RECORDED = [99.0, 99.1, 98.9, 99.0, 99.2, 98.95];
const shifted = (share: number) => RECORDED.map((value) => value * (1 + share));

describe('the memory noise floor', () => {
  it('reads a process-to-process difference of a few percent as noise', () => {
    const row = crossRunShift(memory(RECORDED, shifted(-0.008)));
    expect(row.noiseFloor).toBeCloseTo(0.05 * 99.0, 1);
    expect(row.verdict).toBe('within run-to-run noise');
  });

  it('finds a 20% increase', () => {
    expect(crossRunShift(memory(RECORDED, shifted(0.2))).verdict).toBe('measurable increase');
  });

  it('applies to memory only: other figures keep the runs’ own range', () => {
    expect(crossRunShift(memory(RECORDED, shifted(-0.008), 'cpu-s/1000 req')).verdict).toBe('measurable decrease');
  });
});
