import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/compare.ts';
import { MESH_WIDE_NOTE, telemetryTopic, TOPIC_NOTES } from '../../src/analysis/overheads.ts';
import { profileSchema } from '../../src/suite/schema.ts';
import { suiteOf } from '../plan/suite-of.ts';
import { resultsOf, usage } from './results-of.ts';

const sidecar = (name: string, telemetry: string, version = '1.28.3') => ({ name, mesh: { type: 'istio-sidecar', version, telemetry } });
const experiments = [{ name: 'latency', type: 'load', rates: [1000], connections: [16], duration: '3s', repetitions: 6 }];
// Six repetitions: a figure about one profile (Mixer's own CPU) needs 6 for its sign-test interval.
const p50 = [1, 1, 1, 1, 1, 1];
const noise = [0, 0.01, -0.01, 0.005, -0.002, 0.007];

describe('telemetry and Mixer overheads', () => {
  it('detects a pair of profiles that differ only in mesh.telemetry', () => {
    const parse = (input: object) => profileSchema.parse(input);
    expect(telemetryTopic(parse(sidecar('on', 'default')), parse(sidecar('off', 'off')))).toBe('telemetry');
    expect(telemetryTopic(parse(sidecar('mixer', 'mixer', '1.4.6')), parse(sidecar('no-mixer', 'off', '1.4.6')))).toBe('Mixer');
    // A version bump too: the difference is no longer telemetry's alone.
    expect(telemetryTopic(parse(sidecar('on', 'default', '1.28.3')), parse(sidecar('off', 'off', '1.27.0')))).toBeUndefined();
    expect(telemetryTopic(parse(sidecar('a', 'default')), parse(sidecar('b', 'default')))).toBeUndefined();
  });

  it('labels a telemetry pair and measures the sidecar CPU telemetry adds', () => {
    const suite = suiteOf({
      profiles: [sidecar('istio-no-telemetry', 'off'), sidecar('istio', 'default')],
      experiments,
      comparisons: [{ name: 'telemetry overhead', baseline: 'istio-no-telemetry', candidate: 'istio' }],
    });
    const results = [
      ...resultsOf({ profile: 'istio-no-telemetry', p50, resources: noise.map((n) => [usage('echo', 0.3), usage('istio-proxy', 0.15 + n)]) }),
      ...resultsOf({ profile: 'istio', p50, resources: noise.map((n) => [usage('echo', 0.3), usage('istio-proxy', 0.2 + n)]) }),
    ];
    const rows = analyse(suite, results).overheads;
    expect(new Set(rows.map((r) => r.topic))).toEqual(new Set(['telemetry']));
    const proxy = rows.find((r) => r.component === 'istio-proxy' && r.measure === 'cpu-seconds-per-1000-requests')!;
    expect(proxy.verdict).toBe('more');
    expect(proxy.delta).toBeCloseTo(0.05);
    expect(proxy.baselineValue).toBeCloseTo(0.1525);
    // The sidecar runs on both sides: the delta is telemetry's share, not a sidecar's cost to anchor.
    expect(proxy.published).toBeUndefined();
    // Issue 9.8: the report says what "telemetry off" removed, and what it did not.
    const total = rows.find((r) => r.component === 'total')!;
    expect(total.note).toBe(TOPIC_NOTES.telemetry);
    expect(total.note).toMatch(/stats filter is gone .* access logs and span reporting are off in Istio's default install either way, and metadata exchange stays/);
  });

  it("gives Mixer's own CPU per 1000 mesh-wide requests, both deployments together", () => {
    const suite = suiteOf({
      profiles: [sidecar('istio-14-off', 'off', '1.4.6'), sidecar('istio-14-mixer', 'mixer', '1.4.6')],
      experiments,
      comparisons: [{ name: 'disable Mixer', baseline: 'istio-14-off', candidate: 'istio-14-mixer' }],
    });
    // Named as the kubelet sampler names Mixer's two deployments (each its mixer and istio-proxy); they add up.
    const mixer = (n: number) => [usage('istio-telemetry', 0.45 + n), usage('istio-policy', 0.15)];
    const results = [
      ...resultsOf({ profile: 'istio-14-off', p50, resources: noise.map(() => [usage('echo', 0.3), usage('istio-proxy', 0.5)]) }),
      ...resultsOf({ profile: 'istio-14-mixer', p50, resources: noise.map((n) => [usage('echo', 0.3), usage('istio-proxy', 0.5), ...mixer(n)]) }),
    ];
    const rows = analyse(suite, results).overheads;
    const own = rows.find((r) => r.comparison === undefined && r.component === 'mixer')!;
    expect(own).toMatchObject({ topic: 'Mixer', candidate: 'istio-14-mixer', baseline: undefined, verdict: 'more', note: MESH_WIDE_NOTE });
    expect(own.candidateValue).toBeCloseTo(0.6025);
    expect(own.published).toEqual({ value: 0.6, source: 'Istio 1.4.6: Mixer (istio-telemetry) 0.60 vCPU per 1000 mesh-wide rps (istio.io v1.4 performance page)' });

    const paired = rows.find((r) => r.comparison === 'disable Mixer' && r.component === 'istio-telemetry' && r.measure === 'cpu-seconds-per-1000-requests')!;
    expect(paired).toMatchObject({ topic: 'Mixer', baselineValue: undefined, verdict: 'more', published: { value: 0.6 } });
    expect(paired.candidateValue).toBeCloseTo(0.4525);
    const total = rows.find((r) => r.comparison === 'disable Mixer' && r.component === 'total')!;
    expect(total.delta).toBeCloseTo(0.6025);
    expect(total.note).toBe('Mixer off = no istio-telemetry or istio-policy deployment, and sidecars that neither report to Mixer nor check with it');
  });
});
