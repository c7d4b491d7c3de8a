import { describe, expect, it } from 'vitest';
import { expandPlan } from '../../src/plan/expand.ts';
import { formatPlan } from '../../src/plan/format.ts';
import { suiteOf } from './suite-of.ts';

describe('formatPlan', () => {
  const suite = suiteOf({
    profiles: ['istio-sidecar', 'knative'],
    experiments: [
      { name: 'latency', type: 'load', rates: [100, 1000], duration: '3s', warmup: '1s', repetitions: 1 },
      { name: 'cold', type: 'cold-start', services: [5], iterations: 2, idle: '9s' },
    ],
  });
  const text = formatPlan(expandPlan(suite, { target: 'local' }));

  it('heads each profile group with its stack', () => {
    expect(text).toContain('istio-sidecar — mesh: istio-sidecar 1.28.3 (telemetry default, mTLS permissive) · serving: deployment (2 cells, about 12.5s)');
    expect(text).toContain('knative — mesh: none · serving: knative 1.19.5, kourier ingress, scale-to-zero grace 6s (3 cells, about 32.5s)');
  });

  it('aligns the cell table columns', () => {
    const rows = text.split('\n').filter((line) => line.startsWith('  knative/'));
    expect(rows).toHaveLength(3);
    const typeColumn = rows.map((row) => row.search(/ (load|cold-start) /));
    expect(new Set(typeColumn).size).toBe(1);
    expect(rows[2]).toMatch(/knative\/cold\/services=5\/r1 +cold-start +5 services × 2 iterations, idle 9s, grace 6s +20s$/);
  });

  it("on a cluster, states Knative's time to zero and how long each iteration waits for it; a Deployment cell has no grace period", () => {
    const onKind = suiteOf({
      profiles: ['knative', 'knative-defaults', 'baseline'],
      experiments: [{ name: 'cold', type: 'cold-start', profiles: ['knative', 'knative-defaults', 'baseline'], iterations: 1, idle: '9s' }],
    });
    const rows = formatPlan(expandPlan(onKind, { target: 'kind' })).split('\n').filter((line) => line.includes('/cold/'));
    expect(rows[0]).toMatch(/1 service × 1 iteration, idle 9s, zero within 1.6m \(window 1m \+ grace 6s \+ queue-proxy drain 30s\), wait ≤ 2.1m +1.6m$/);
    expect(rows[1]).toMatch(/idle 9s, zero within 2m \(window 1m \+ grace 30s \+ queue-proxy drain 30s\), wait ≤ 2.5m +2m$/);
    expect(rows[2]).toMatch(/baseline\/cold\/services=1\/r1 +cold-start +1 service × 1 iteration, idle 9s +10s$/);
  });

  it('ends with the totals', () => {
    expect(text.split('\n').at(-1)).toBe('total: 5 cells in 2 profiles, about 45s');
  });
});
