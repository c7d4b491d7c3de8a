// Issue 13: `meshbench report <run-dir>` recomputes cost.csv and cost.json from run.json and
// results.json alone, with the cost flags laid over the suite's cost: block; a run recorded before
// the cost model (no cost block) renders no cost files unless flags give every input.
import { access, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CostEstimate } from '../../src/analysis/cost.ts';
import { meshbench } from '../e2e/cli.ts';

const recorded = path.join(import.meta.dirname, '../fixtures/runs/local-412cb26');
const PRICES = ['--vcpu-hour-price', '0.04', '--gib-hour-price', '0.005', '--meshed-pods', '100'];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'meshbench-cost-'));
  await cp(recorded, dir, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function report(args: string[]): Promise<CostEstimate> {
  const result = await meshbench(['report', dir, ...args]);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return JSON.parse(await readFile(path.join(dir, 'cost.json'), 'utf8')) as CostEstimate;
}

const line = (estimate: CostEstimate, component: string, resource: string) =>
  estimate.lines.find((l) => l.component === component && l.resource === resource && l.comparison === 'sidecar tax')!;

describe('cost figures from a stored run', () => {
  it('scale with --traffic-rps: CPU per request with traffic, memory not', async () => {
    const at1000 = await report([...PRICES, '--traffic-rps', '1000']);
    const at4000 = await report([...PRICES, '--traffic-rps', '4000']);
    expect(at4000.inputs).toMatchObject({ trafficRps: 4000, currency: 'USD' });
    expect(at4000.from).toMatchObject({ trafficRps: 'flag', currency: 'default' });
    const [cpu1, cpu4] = [line(at1000, 'istio-proxy', 'cpu'), line(at4000, 'istio-proxy', 'cpu')];
    expect(cpu1.monthly!.value).toBeGreaterThan(0);
    expect(cpu4.monthly!.value).toBeCloseTo(4 * cpu1.monthly!.value, 9);
    expect(cpu4.monthly!.low).toBeCloseTo(4 * cpu1.monthly!.low, 9);
    expect(cpu4.monthly!.high).toBeCloseTo(4 * cpu1.monthly!.high, 9);
    // The figure itself comes from results.json, the same both times: 0.0xx CPU-s × 1000 rps / 1000 × 730 h × 0.04.
    expect(cpu1.monthly!.value).toBeCloseTo(cpu1.figure! * 730 * 0.04, 9);
    expect(cpu4.anchor!.monthly).toBeCloseTo(0.2 * 4 * 730 * 0.04, 9);
    expect(line(at4000, 'istio-proxy', 'memory').monthly).toEqual(line(at1000, 'istio-proxy', 'memory').monthly);
    const csv = await readFile(path.join(dir, 'cost.csv'), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^comparison,experiment,baseline,candidate,rate,connections,component,resource,scaling,measure/);
    expect(csv).toContain('sidecar tax,latency,baseline,istio-sidecar,');
    expect(await readFile(path.join(dir, 'index.html'), 'utf8')).toMatch(/<section id="cost"><h2>Cost per month<a class="permalink" href="#cost"[^>]*>#<\/a><\/h2>\n<p>4000 rps \(--traffic-rps\)/);
    expect(await readFile(path.join(dir, 'summary.md'), 'utf8')).toMatch(/## Cost per month\n\n(> \*\*Emulation:\*\*.*\n\n)?4000 rps \(--traffic-rps\)/);
  });

  it('take the suite cost: block, each flag overriding its key', async () => {
    const runFile = path.join(dir, 'run.json');
    const run = JSON.parse(await readFile(runFile, 'utf8'));
    run.suite.cost = { currency: 'EUR', vcpuHour: 0.04, gibHour: 0.005, trafficRps: 1000, meshedPods: 100 };
    await writeFile(runFile, JSON.stringify(run));
    const fromSuite = await report([]);
    const overridden = await report(['--meshed-pods', '300']);
    expect(fromSuite.from).toMatchObject({ currency: 'suite', meshedPods: 'suite' });
    expect(overridden.from).toMatchObject({ currency: 'suite', meshedPods: 'flag', trafficRps: 'suite' });
    const [memory100, memory300] = [line(fromSuite, 'istio-proxy', 'memory'), line(overridden, 'istio-proxy', 'memory')];
    expect(memory300.monthly!.value).toBeCloseTo(3 * memory100.monthly!.value, 9);
    expect(line(overridden, 'istio-proxy', 'cpu').monthly).toEqual(line(fromSuite, 'istio-proxy', 'cpu').monthly);
  });

  it('are absent for a run without a cost block, and the page says how to add them', async () => {
    const result = await meshbench(['report', dir]);
    expect(result.exitCode).toBe(0);
    await expect(access(path.join(dir, 'cost.json'))).rejects.toThrow();
    expect(await readFile(path.join(dir, 'index.html'), 'utf8')).toContain('No cost inputs, so no money figures: add a cost: block to the suite');
  });

  it('are removed when a later rendering has no cost inputs, so no older money outlives its page', async () => {
    await report([...PRICES, '--traffic-rps', '1000']);
    const result = await meshbench(['report', dir]);
    expect(result.exitCode).toBe(0);
    await expect(access(path.join(dir, 'cost.csv'))).rejects.toThrow();
    await expect(access(path.join(dir, 'cost.json'))).rejects.toThrow();
    expect(await readFile(path.join(dir, 'index.html'), 'utf8')).toContain('No cost inputs, so no money figures');
  });

  it('run refuses cost flags its suite cannot complete before measuring anything', async () => {
    const out = path.join(dir, 'never');
    const result = await meshbench(['run', 'test/fixtures/suites/inline-profile.yaml', '--out', out, '--traffic-rps', '1000']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('the cost model needs --vcpu-hour-price, --gib-hour-price, --meshed-pods too');
    await expect(access(out)).rejects.toThrow();
  });

  it.each([
    [['--traffic-rps', 'lots'], '--traffic-rps: expected a number above 0, at most 100,000,000; got "lots"'],
    [['--meshed-pods', '2.5'], '--meshed-pods: expected a whole number from 1 to 10,000,000; got "2.5"'],
    [['--currency', 'usd'], '--currency: expected a three-letter currency code such as USD or EUR; got "usd"'],
    [['--traffic-rps', '1000'], 'the cost model needs --vcpu-hour-price, --gib-hour-price, --meshed-pods too'],
  ])('%j: exit 2 naming the flag', async (args, says) => {
    const result = await meshbench(['report', dir, ...args]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(says);
  });
});
