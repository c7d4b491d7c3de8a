// Issue 13: the cost model on known inputs, against money worked out by hand.
import { describe, expect, it } from 'vitest';
import { costScaling, estimateCost, HOURS_PER_MONTH, resolveCostInputs, type CostInputs, type CostLine } from '../../src/analysis/cost.ts';
import type { OverheadRow } from '../../src/analysis/types.ts';
import { UsageError } from '../../src/errors.ts';

const inputs: CostInputs = { currency: 'USD', vcpuHour: 0.04, gibHour: 0.005, trafficRps: 2000, meshedPods: 100 };
const resolved = { inputs, from: {} };

function row(component: string, measure: OverheadRow['measure'], figures: Partial<OverheadRow> = {}): OverheadRow {
  return {
    topic: 'data path', comparison: 'sidecar tax', experiment: 'latency', baseline: 'baseline', candidate: 'istio-sidecar',
    rate: 300, connections: 8, component, measure, baselineValue: undefined, candidateValue: figures.delta,
    delta: undefined, ci: undefined, verdict: 'more', repetitions: { baseline: 5, candidate: 5 },
    ...figures,
  };
}

function only(lines: CostLine[], component: string, resource: CostLine['resource']): CostLine {
  const found = lines.filter((line) => line.component === component && line.resource === resource);
  expect(found, `${component} ${resource}`).toHaveLength(1);
  return found[0]!;
}

describe('the cost model', () => {
  it('prices sidecar CPU per request at the given traffic: 0.5 CPU-s / 1000 req × 2000 rps / 1000 × 730 h × 0.04 = 29.20 a month, its interval mapped', () => {
    const sidecar = row('istio-proxy', 'cpu-seconds-per-1000-requests', { delta: 0.5, ci: { low: 0.4, high: 0.6 } });
    const line = only(estimateCost(resolved, { overheads: [sidecar] }).lines, 'istio-proxy', 'cpu');
    expect(HOURS_PER_MONTH).toBe(730);
    expect(line).toMatchObject({ scaling: 'per pod', measure: 'cpu-seconds-per-1000-requests', figure: 0.5, verdict: 'more' });
    expect(line.monthly!.value).toBeCloseTo(29.2, 10);
    expect(line.monthly!.low).toBeCloseTo(23.36, 10);
    expect(line.monthly!.high).toBeCloseTo(35.04, 10);
  });

  it('prices sidecar memory per pod: 64 MiB / 1024 × 100 pods × 730 h × 0.005 = 22.8125 a month', () => {
    const memory = row('istio-proxy', 'memory-mib', { delta: 64, ci: { low: 60, high: 70 } });
    const line = only(estimateCost(resolved, { overheads: [memory] }).lines, 'istio-proxy', 'memory');
    expect(line.scaledBy).toBe('× 100 pods');
    expect(line.monthly!.value).toBeCloseTo(22.8125, 10);
    expect(line.monthly!.low).toBeCloseTo((60 / 1024) * 100 * 730 * 0.005, 10);
    expect(line.monthly!.high).toBeCloseTo((70 / 1024) * 100 * 730 * 0.005, 10);
  });

  it('prices the published anchor the same way at the same traffic, even where our figure has too few repetitions', () => {
    const published = { value: 0.2, source: 'Istio 1.24: sidecar 0.20 vCPU per 1000 rps (istio.io performance page)' };
    const measured = row('istio-proxy', 'cpu-seconds-per-1000-requests', { delta: 0.5, ci: { low: 0.4, high: 0.6 }, published });
    const unmeasured = row('istio-proxy', 'cpu-seconds-per-1000-requests', {
      rate: 600, delta: 0.5, verdict: 'insufficient repetitions', repetitions: { baseline: 2, candidate: 2 }, published,
    });
    const [priced, unpriced] = estimateCost(resolved, { overheads: [measured, unmeasured] }).lines;
    // 0.2 × 2000 / 1000 × 730 × 0.04
    expect(priced!.anchor).toMatchObject({ value: 0.2, source: published.source });
    expect(priced!.anchor!.monthly).toBeCloseTo(11.68, 10);
    expect(unpriced!.anchor!.monthly).toBeCloseTo(11.68, 10);
    expect(unpriced!.monthly).toBeUndefined();
    expect(unpriced!.reason).toBe('insufficient repetitions (2 baseline, 2 candidate): no 95% interval to price');
  });

  it('gives no money for missing data, with the sampler’s reason', () => {
    const missing = row('istio-proxy', 'memory-mib', { verdict: 'missing data', error: 'r1: container istio-proxy not found' });
    const line = only(estimateCost(resolved, { overheads: [missing] }).lines, 'istio-proxy', 'memory');
    expect(line.monthly).toBeUndefined();
    expect(line.reason).toBe('missing data: r1: container istio-proxy not found');
  });

  it('prices a figure with no measurable difference from its interval, which straddles 0', () => {
    const flat = row('istio-proxy', 'cpu-seconds-per-1000-requests', { delta: 0.01, ci: { low: -0.02, high: 0.05 }, verdict: 'no measurable difference' });
    const { monthly } = only(estimateCost(resolved, { overheads: [flat] }).lines, 'istio-proxy', 'cpu');
    const perUnit = 2 * 730 * 0.04;
    expect(monthly!.value).toBeCloseTo(0.01 * perUnit, 10);
    expect(monthly!.low).toBeCloseTo(-0.02 * perUnit, 10);
    expect(monthly!.high).toBeCloseTo(0.05 * perUnit, 10);
  });

  it('prices control-plane components once, at their measured millicores and memory, not scaled with traffic or pods', () => {
    const overheads = [
      row('discovery', 'cpu-millicores', { delta: 30, ci: { low: 20, high: 40 } }),
      row('discovery', 'cpu-seconds-per-1000-requests', { delta: 0.1, ci: { low: 0.05, high: 0.15 } }),
      row('discovery', 'memory-mib', { delta: 100, ci: { low: 90, high: 110 } }),
    ];
    const { lines } = estimateCost(resolved, { overheads });
    expect(lines.map((line) => [line.component, line.measure])).toEqual([
      ['discovery', 'cpu-millicores'],
      ['discovery', 'memory-mib'],
    ]);
    // 30 m / 1000 × 730 h × 0.04; 100 MiB / 1024 × 730 h × 0.005
    expect(only(lines, 'discovery', 'cpu').monthly!.value).toBeCloseTo(0.876, 10);
    expect(only(lines, 'discovery', 'memory').monthly!.value).toBeCloseTo((100 / 1024) * 730 * 0.005, 10);
    expect(costScaling('activator')).toBe('control plane');
    expect(costScaling('autoscaler')).toBe('control plane');
  });

  it('prices ztunnel memory per node, and not at all without a node count', () => {
    const ztunnel = row('ztunnel', 'memory-mib', { delta: 12, ci: { low: 11, high: 13 } });
    const without = only(estimateCost(resolved, { overheads: [ztunnel] }).lines, 'ztunnel', 'memory');
    expect(without.monthly).toBeUndefined();
    expect(without.reason).toBe('one per node: give cost.nodes (--nodes) to price it');
    const withNodes = only(estimateCost({ inputs: { ...inputs, nodes: 10 }, from: {} }, { overheads: [ztunnel] }).lines, 'ztunnel', 'memory');
    expect(withNodes.monthly!.value).toBeCloseTo((12 / 1024) * 10 * 730 * 0.005, 10);
  });

  it('leaves out totals, figures about one profile and a proxy’s millicores (its CPU is priced per request)', () => {
    const overheads = [
      row('total', 'total-cpu-seconds-per-1000-requests', { delta: 0.5, ci: { low: 0.4, high: 0.6 } }),
      row('istio-proxy', 'cpu-millicores', { delta: 100, ci: { low: 90, high: 110 } }),
      row('activator', 'cpu-seconds-per-1000-requests', { topic: 'Knative', comparison: undefined, baseline: undefined, delta: 0.1, ci: { low: 0.05, high: 0.15 } }),
    ];
    expect(estimateCost(resolved, { overheads }).lines).toEqual([]);
  });

  it('adds a comparison’s lines at each load point, summing the interval bounds, and lists what it could not price', () => {
    const overheads = [
      row('istio-proxy', 'cpu-seconds-per-1000-requests', { delta: 0.5, ci: { low: 0.4, high: 0.6 }, published: { value: 0.2, source: 'anchor' } }),
      row('istio-proxy', 'memory-mib', { delta: 64, ci: { low: 60, high: 70 } }),
      row('discovery', 'memory-mib', { verdict: 'insufficient repetitions', repetitions: { baseline: 3, candidate: 3 } }),
      row('istio-proxy', 'memory-mib', { rate: 600, delta: 64, ci: { low: 60, high: 70 } }),
    ];
    const { totals } = estimateCost(resolved, { overheads });
    expect(totals.map((total) => total.rate)).toEqual([300, 600]);
    const [at300, at600] = totals;
    expect(at300!.monthly!.value).toBeCloseTo(29.2 + 22.8125, 10);
    expect(at300!.monthly!.low).toBeCloseTo(23.36 + (60 / 1024) * 365, 10);
    expect(at300!.monthly!.high).toBeCloseTo(35.04 + (70 / 1024) * 365, 10);
    expect(at300!.anchorMonthly).toBeCloseTo(11.68, 10);
    expect(at300!.unpriced).toEqual(['discovery memory: insufficient repetitions (3 baseline, 3 candidate): no 95% interval to price']);
    expect(at600!.monthly!.value).toBeCloseTo(22.8125, 10);
    expect(at600!.anchorMonthly).toBeUndefined();
  });

  it('states the model with the inputs in it, and its assumptions', () => {
    const estimate = estimateCost(resolved, { overheads: [] });
    expect(estimate.formulas[0]).toBe('proxy CPU per month = Δ CPU-seconds per 1000 requests × 2000 rps / 1000 × 730 h × 0.04 USD per vCPU-hour');
    expect(estimate.assumptions.join('\n')).toMatch(/sums the bounds, which is conservative/);
  });
});

describe('cost inputs', () => {
  const suite: CostInputs = { currency: 'EUR', vcpuHour: 0.03, gibHour: 0.004, trafficRps: 1000, meshedPods: 50 };

  it('are the suite block with each flag laid over it, saying where each value came from', () => {
    expect(resolveCostInputs(suite, { trafficRps: 5000, meshedPods: undefined })).toEqual({
      inputs: { ...suite, trafficRps: 5000 },
      from: { currency: 'suite', vcpuHour: 'suite', gibHour: 'suite', trafficRps: 'flag', meshedPods: 'suite' },
    });
  });

  it('are none without a suite block or flags', () => {
    expect(resolveCostInputs(undefined, {})).toBeUndefined();
  });

  it('from flags alone need every price and count, the currency defaulting to USD', () => {
    const all = { vcpuHour: 0.03, gibHour: 0.004, trafficRps: 1000, meshedPods: 50 };
    expect(resolveCostInputs(undefined, all)).toMatchObject({ inputs: { ...all, currency: 'USD' }, from: { currency: 'default', trafficRps: 'flag' } });
    const partial = () => resolveCostInputs(undefined, { trafficRps: 1000 });
    expect(partial).toThrow(UsageError);
    expect(partial).toThrow('the cost model needs --vcpu-hour-price, --gib-hour-price, --meshed-pods too: the suite has no cost: block to take them from');
  });
});
