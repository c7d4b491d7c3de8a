import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/compare.ts';
import { suiteOf } from '../plan/suite-of.ts';
import { resultsOf, usage } from './results-of.ts';

const p50 = [1, 1, 1];
const workload = [usage('workload', 0.3)];

describe('overheads with data missing', () => {
  it('says an expected istio-proxy that was not found is missing, keeping the error, never zero', () => {
    const suite = suiteOf({
      profiles: ['baseline', 'istio-sidecar'],
      experiments: [{ name: 'latency', type: 'load', rates: [100], connections: [8], duration: '3s', repetitions: 3 }],
      comparisons: [{ name: 'sidecar tax', baseline: 'baseline', candidate: 'istio-sidecar' }],
    });
    const missing = usage('istio-proxy', 0, { error: 'container istio-proxy not found in pod echo-7d9' });
    const results = [
      ...resultsOf({ profile: 'baseline', p50, resources: p50.map(() => workload) }),
      ...resultsOf({ profile: 'istio-sidecar', p50, resources: p50.map(() => [...workload, missing]) }),
    ];
    const rows = analyse(suite, results).overheads;
    expect(rows.map((r) => [r.component, r.verdict])).toEqual([
      ['istio-proxy', 'missing data'],
      ['istio-proxy', 'missing data'],
      ['istio-proxy', 'missing data'],
      ['total', 'missing data'],
    ]);
    const proxy = rows[0]!;
    expect(proxy.error).toBe('istio-sidecar/latency/rate=100,c=8/r1: container istio-proxy not found in pod echo-7d9 (and 2 more)');
    expect(proxy).toMatchObject({ candidateValue: undefined, delta: undefined, ci: undefined });
    expect(rows[3]!.error).toContain('istio-proxy: container istio-proxy not found');
  });

  it('says a Knative activator that was not sampled at all is missing', () => {
    const suite = suiteOf({
      profiles: ['knative'],
      experiments: [{ name: 'latency', type: 'load', rates: [100], connections: [8], duration: '3s', repetitions: 3 }],
    });
    const results = resultsOf({ profile: 'knative', p50, resources: p50.map(() => [usage('user-container', 0.3), usage('queue-proxy', 0.1)]) });
    const activator = analyse(suite, results).overheads.find((r) => r.component === 'activator');
    expect(activator).toMatchObject({ topic: 'Knative', verdict: 'missing data', candidateValue: undefined });
    expect(activator!.error).toBe('knative/latency/rate=100,c=8/r1: no activator was sampled (and 2 more)');
  });
});
