// Issue 11.2: `repetitions: 1000000000` made validate and plan expand the plan until the heap died.
// The plan's size is arithmetic on the suite, so a plan past 10,000 cells or 7 days is refused at
// the key that makes it huge, before a cell is built — even for values the schema would refuse.
import { describe, expect, it } from 'vitest';
import { MAX_CELLS, MAX_ESTIMATED_MS, planLimitProblems } from '../../src/plan/limits.ts';
import { loadSuite } from '../../src/suite/load.ts';
import { problemsOf } from '../suite/problems-of.ts';
import { smallSuite, suiteFile } from '../suite/suite-file.ts';
import { suiteOf } from './suite-of.ts';

describe('a plan too large to run', () => {
  it('is refused on arithmetic alone: a billion repetitions are never expanded', () => {
    const suite = suiteOf({ profiles: ['baseline', 'istio-sidecar'], experiments: [{ name: 'load', type: 'load', rates: [10, 20], duration: '1s', repetitions: 1 }] });
    suite.experiments[0] = { ...suite.experiments[0]!, repetitions: 1_000_000_000 } as (typeof suite.experiments)[number];
    expect(planLimitProblems(suite, 'local')).toEqual([
      {
        path: ['experiments', 0, 'repetitions'],
        message:
          'expected a plan of at most 10,000 cells; this one has 4,000,000,000, 4,000,000,000 of them from experiment "load" (1,000,000,000 repetitions × 2 rates × 1 connection count × 2 profiles)',
      },
    ]);
  });

  it('past 10,000 cells, points at the largest factor of the largest experiment', async () => {
    const rates = Array.from({ length: 20 }, (_, i) => (i + 1) * 10);
    const { file } = await suiteFile(smallSuite({ experiment: `    rates: [${rates.join(', ')}]\n    duration: 100ms\n    repetitions: 501` }));
    const [problem, ...rest] = await problemsOf(file);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ file, line: 11, column: 18, key: 'experiments[0].repetitions' });
    expect(problem?.message).toMatch(/^expected a plan of at most 10,000 cells; this one has 10,020/);
  });

  it('past 7 days, points at what multiplies the time: cold-start iterations', async () => {
    const text = `apiVersion: meshbench.dev/v1alpha1
kind: Suite
name: slow
profiles: [knative-kourier]
experiments:
  - { name: cold, type: cold-start, services: [1, 2, 3], iterations: 1000, idle: 1h }
`;
    const { file } = await suiteFile(text);
    const [problem, ...rest] = await problemsOf(file);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ key: 'experiments[0].iterations', line: 6 });
    expect(problem?.message).toMatch(/^expected a plan that takes at most 168h \(7 days\); this one takes about 3000(\.\d)?h, 3000(\.\d)?h of it experiment "cold" \(3 service counts × 1,000 iterations × 1 profile/);
  });

  it('a rate list is the culprit when it is the largest factor', () => {
    const suite = suiteOf({
      profiles: ['baseline'],
      experiments: [{ name: 'load', type: 'load', rates: Array.from({ length: 2_000 }, (_, i) => i + 1), connections: [1, 2, 3, 4, 5, 6], duration: '1s', repetitions: 1 }],
    });
    expect(planLimitProblems(suite, 'local').map((problem) => problem.path)).toEqual([['experiments', 0, 'rates']]);
  });

  it('a plan at the limits loads', async () => {
    const rates = Array.from({ length: 10 }, (_, i) => (i + 1) * 10);
    const { file } = await suiteFile(smallSuite({ experiment: `    rates: [${rates.join(', ')}]\n    duration: 100ms\n    repetitions: 1000` }));
    const suite = await loadSuite(file);
    expect(suite.experiments[0]?.type === 'load' && suite.experiments[0].repetitions * rates.length).toBe(MAX_CELLS);
    expect(MAX_ESTIMATED_MS).toBe(7 * 24 * 3_600_000);
  });
});
