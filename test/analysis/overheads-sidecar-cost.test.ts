import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/compare.ts';
import type { OverheadRow } from '../../src/analysis/types.ts';
import { suiteOf } from '../plan/suite-of.ts';
import { resultsOf, usage } from './results-of.ts';

const suite = suiteOf({
  profiles: ['baseline', 'istio-sidecar'],
  experiments: [{ name: 'latency', type: 'load', rates: [100], connections: [8], duration: '3s', repetitions: 5 }],
  comparisons: [{ name: 'sidecar tax', baseline: 'baseline', candidate: 'istio-sidecar' }],
});
const p50 = [1, 1, 1, 1, 1];
/** Workload CPU-seconds per 1000 requests, one per repetition: noise the sidecar's cost must stand out of. */
const workload = [0.3, 0.31, 0.29, 0.305, 0.295];

function find(rows: OverheadRow[], component: string, measure: OverheadRow['measure']): OverheadRow {
  const row = rows.find((r) => r.component === component && r.measure === measure);
  expect(row, `${component} ${measure}`).toBeDefined();
  return row!;
}

describe('overheads of a sidecar', () => {
  it('finds a sidecar costing exactly 0.2 CPU-s per 1000 requests more on every repetition', () => {
    const results = [
      ...resultsOf({ profile: 'baseline', p50, resources: workload.map((cpu) => [usage('workload', cpu)]) }),
      ...resultsOf({
        profile: 'istio-sidecar',
        p50,
        // The candidate's workload is the baseline's, reversed: same noise, different order.
        resources: workload.toReversed().map((cpu) => [usage('workload', cpu), usage('istio-proxy', 0.2)]),
      }),
    ];
    const rows = analyse(suite, results).overheads;
    expect(rows.map((r) => r.component)).toEqual(['istio-proxy', 'istio-proxy', 'istio-proxy', 'total']);

    const proxy = find(rows, 'istio-proxy', 'cpu-seconds-per-1000-requests');
    expect(proxy).toMatchObject({
      topic: 'data path', comparison: 'sidecar tax', baseline: 'baseline', candidate: 'istio-sidecar', rate: 100, connections: 8,
      // Not running on the baseline, the sidecar cost 0 in each of its 5 sampled repetitions.
      baselineValue: undefined, verdict: 'more', repetitions: { baseline: 5, candidate: 5 },
    });
    expect(proxy.candidateValue).toBeCloseTo(0.2);
    expect(proxy.delta).toBeCloseTo(0.2);
    expect(proxy.published).toEqual({ value: 0.2, source: 'Istio 1.24: sidecar 0.20 vCPU per 1000 rps (istio.io performance page)' });

    const total = find(rows, 'total', 'total-cpu-seconds-per-1000-requests');
    expect(total.verdict).toBe('more');
    expect(total.baselineValue).toBeCloseTo(0.3);
    expect(total.candidateValue).toBeCloseTo(0.5);
    expect(total.delta).toBeCloseTo(0.2);
    expect(total.ci!.low).toBeGreaterThan(0.17);
    expect(total.ci!.low).toBeLessThan(0.2);
    expect(total.ci!.high).toBeGreaterThan(0.2);
    expect(total.ci!.high).toBeLessThan(0.23);
    expect(total.published).toBeUndefined();
  });

  it('reports CPU in millicores summed over instances and memory per instance', () => {
    const twoPods = [usage('istio-proxy', 0.1, { memoryMiB: { min: 0, avg: 40, max: 0 } }), usage('istio-proxy', 0.3, { memoryMiB: { min: 0, avg: 60, max: 0 } })];
    const results = [
      ...resultsOf({ profile: 'baseline', p50, resources: workload.map((cpu) => [usage('workload', cpu)]) }),
      ...resultsOf({ profile: 'istio-sidecar', p50, resources: workload.map((cpu) => [usage('workload', cpu), ...twoPods]) }),
    ];
    const rows = analyse(suite, results).overheads;
    expect(find(rows, 'istio-proxy', 'cpu-millicores').candidateValue).toBeCloseTo(400);
    expect(find(rows, 'istio-proxy', 'cpu-seconds-per-1000-requests').candidateValue).toBeCloseTo(0.4);
    const memory = find(rows, 'istio-proxy', 'memory-mib');
    expect(memory.candidateValue).toBeCloseTo(50);
    expect(memory.published?.source).toBe('Istio 1.24: sidecar 60 MB at 1000 rps (istio.io performance page)');
    expect(memory.published?.value).toBeCloseTo(57.22, 2);
  });

  it('reports identical noisy data as no measurable difference, never a number alone', () => {
    const results = [
      ...resultsOf({ profile: 'baseline', p50, resources: workload.map((cpu) => [usage('workload', cpu)]) }),
      ...resultsOf({ profile: 'istio-sidecar', p50, resources: workload.toReversed().map((cpu) => [usage('workload', cpu)]) }),
    ];
    const rows = analyse(suite, results).overheads;
    expect(rows).toHaveLength(1);
    const total = rows[0]!;
    expect(total.verdict).toBe('no measurable difference');
    expect(total.ci!.low).toBeLessThan(0);
    expect(total.ci!.high).toBeGreaterThan(0);
  });

  it('gives no verdict from too few repetitions (one a side), and no rows without resource samples', () => {
    const one = [
      ...resultsOf({ profile: 'baseline', p50: [1], resources: [[usage('workload', 0.3)]] }),
      ...resultsOf({ profile: 'istio-sidecar', p50: [1], resources: [[usage('workload', 0.3), usage('istio-proxy', 0.2)]] }),
    ];
    const rows = analyse(suite, one).overheads;
    expect(rows.map((r) => r.verdict)).toEqual(['insufficient repetitions', 'insufficient repetitions', 'insufficient repetitions', 'insufficient repetitions']);
    expect(rows.every((r) => r.ci === undefined)).toBe(true);
    expect(find(rows, 'total', 'total-cpu-seconds-per-1000-requests').delta).toBeCloseTo(0.2);

    const unsampled = [...resultsOf({ profile: 'baseline', p50 }), ...resultsOf({ profile: 'istio-sidecar', p50 })];
    expect(analyse(suite, unsampled).overheads).toEqual([]);
  });

  it('anchors an Istio 1.4 sidecar to its 0.5 vCPU per 1000 rps', () => {
    const legacy = suiteOf({
      profiles: ['baseline', { name: 'istio-146', mesh: { type: 'istio-sidecar', version: '1.4.6' } }],
      experiments: [{ name: 'latency', type: 'load', rates: [100], connections: [8], duration: '3s', repetitions: 2 }],
      comparisons: [{ name: 'legacy tax', baseline: 'baseline', candidate: 'istio-146' }],
    });
    const results = [
      ...resultsOf({ profile: 'baseline', p50: [1, 1], resources: [[usage('workload', 0.3)], [usage('workload', 0.3)]] }),
      ...resultsOf({ profile: 'istio-146', p50: [1, 1], resources: [[usage('istio-proxy', 0.45)], [usage('istio-proxy', 0.55)]] }),
    ];
    const proxy = find(analyse(legacy, results).overheads, 'istio-proxy', 'cpu-seconds-per-1000-requests');
    expect(proxy.published).toEqual({ value: 0.5, source: 'Istio 1.4.6: sidecar 0.50 vCPU per 1000 rps (istio.io v1.4 performance page)' });
    expect(proxy.candidateValue).toBeCloseTo(0.5);
  });
});
