import { describe, expect, it } from 'vitest';
import { expandPlan } from '../../src/plan/expand.ts';
import { suiteOf } from './suite-of.ts';

const suite = suiteOf({
  profiles: ['baseline', 'istio-sidecar', 'knative'],
  experiments: [
    { name: 'latency-vs-rate', type: 'load', rates: [100, 200], connections: [8, 16], duration: '2s', repetitions: 2 },
    { name: 'scale-from-zero', type: 'cold-start', services: [1, 5], iterations: 3, idle: '10s' },
    { name: 'saturation', type: 'load', model: 'closed', connections: [4], duration: '1s', profiles: ['istio-sidecar'], repetitions: 1 },
  ],
});

describe('plan order and cell ids', () => {
  it('groups cells by profile in suite order, experiments in suite order within each', () => {
    const plan = expandPlan(suite, { target: 'local' });
    expect(plan.groups.map((group) => group.profile.name)).toEqual(['baseline', 'istio-sidecar', 'knative']);
    expect(plan.groups.map((group) => [...new Set(group.cells.map((cell) => cell.experiment))])).toEqual([
      ['latency-vs-rate'],
      ['latency-vs-rate', 'saturation'],
      ['latency-vs-rate', 'scale-from-zero'],
    ]);
  });

  it('makes repetition the outer loop of a load experiment', () => {
    const ids = expandPlan(suite, { target: 'local' }).groups[1]!.cells.map((cell) => cell.id);
    expect(ids).toEqual([
      'istio-sidecar/latency-vs-rate/rate=100,c=8/r1',
      'istio-sidecar/latency-vs-rate/rate=100,c=16/r1',
      'istio-sidecar/latency-vs-rate/rate=200,c=8/r1',
      'istio-sidecar/latency-vs-rate/rate=200,c=16/r1',
      'istio-sidecar/latency-vs-rate/rate=100,c=8/r2',
      'istio-sidecar/latency-vs-rate/rate=100,c=16/r2',
      'istio-sidecar/latency-vs-rate/rate=200,c=8/r2',
      'istio-sidecar/latency-vs-rate/rate=200,c=16/r2',
      'istio-sidecar/saturation/c=4/r1',
    ]);
  });

  it('gives cold-start one cell per services value, on Knative profiles only by default', () => {
    const plan = expandPlan(suite, { target: 'kind' });
    const coldStarts = plan.groups.flatMap((group) => group.cells).filter((cell) => cell.type === 'cold-start');
    expect(coldStarts.map((cell) => cell.id)).toEqual([
      'knative/scale-from-zero/services=1/r1',
      'knative/scale-from-zero/services=5/r1',
    ]);
  });

  it('names a burst in the cell id and carries burst and warm baseline only when asked', () => {
    const cells = (extra: Record<string, unknown>) =>
      expandPlan(suiteOf({ profiles: ['knative'], experiments: [{ name: 'cold', type: 'cold-start', idle: '10s', ...extra }] }), { target: 'kind' }).groups[0]!.cells;
    const [asked] = cells({ burst: 5, warmBaseline: true });
    expect(asked).toMatchObject({ id: 'knative/cold/services=1,burst=5/r1', burst: 5, warmBaseline: true });
    const [plain] = cells({});
    expect(plain!.id).toBe('knative/cold/services=1/r1');
    expect(plain).not.toHaveProperty('burst');
    expect(plain).not.toHaveProperty('warmBaseline');
  });

  it('counts cells and keeps ids unique', () => {
    const plan = expandPlan(suite, { target: 'local' });
    const ids = plan.groups.flatMap((group) => group.cells.map((cell) => cell.id));
    expect(plan.cellCount).toBe(3 * 8 + 1 + 2);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('leaves out profiles that no experiment runs on', () => {
    const plan = expandPlan(
      suiteOf({
        profiles: ['baseline', 'knative'],
        experiments: [{ name: 'cold', type: 'cold-start', idle: '10s' }],
      }),
      { target: 'kind' },
    );
    expect(plan.groups.map((group) => group.profile.name)).toEqual(['knative']);
  });
});
