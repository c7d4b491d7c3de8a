// Issue 11 item 5: the summary counted an interrupted 0-request repetition (as 0 ms) where the
// comparison left it out, and a repetition whose every answer was a 503 entered the comparison
// with 0 ms percentiles. Both now take the repetitions with samples, and only those.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/compare.ts';
import { summariseLoad } from '../../src/report/summary.ts';
import type { CellResult } from '../../src/results/types.ts';
import { suiteOf } from '../plan/suite-of.ts';
import { resultsOf } from './results-of.ts';
import { unsampledCell } from './unsampled-cells.ts';

const suite = suiteOf({
  profiles: ['baseline', 'istio-sidecar'],
  experiments: [{ name: 'latency', type: 'load', rates: [100], connections: [8], duration: '3s', repetitions: 6 }],
  comparisons: [{ name: 'sidecar tax', baseline: 'baseline', candidate: 'istio-sidecar' }],
});
const point = { rate: 100, connections: 8 };
const noisy = [1.02, 0.97, 1.1, 0.95];

describe('repetitions of a comparison and of the summary', () => {
  let results: CellResult[];
  beforeAll(async () => {
    results = [
      ...resultsOf({ profile: 'baseline', ...point, p50: noisy }),
      ...resultsOf({ profile: 'istio-sidecar', ...point, p50: noisy.map((value) => value + 3) }),
      await unsampledCell('interrupted', { profile: 'istio-sidecar', ...point }, 5),
      await unsampledCell('all-503', { profile: 'istio-sidecar', ...point }, 6),
    ];
  });

  it('are the same: the candidate has 4 with samples, not 5 or 6', () => {
    const rows = summariseLoad(results);
    const candidate = rows.find((row) => row.profile === 'istio-sidecar')!;
    expect(candidate).toMatchObject({ repetitions: 4, unsampled: 2 });
    expect(rows.find((row) => row.profile === 'baseline')!.repetitions).toBe(4);
    const p50 = analyse(suite, results).comparisons.find((row) => row.metric === 'p50')!;
    expect(p50.repetitions).toEqual({ baseline: 4, candidate: 4 });
  });

  it('and their medians agree: the unsampled repetitions pull neither towards 0 ms', () => {
    const candidate = summariseLoad(results).find((row) => row.profile === 'istio-sidecar')!;
    const p50 = analyse(suite, results).comparisons.find((row) => row.metric === 'p50')!;
    expect(candidate.p50).toBeCloseTo(3.995);
    expect(p50.candidateMs).toBe(candidate.p50);
    expect(p50.deltaMs).toBeCloseTo(3);
  });
});
