// Issue 13: the suite's cost: block is refused at its key when a price, traffic or count is not a
// positive number within bounds, and loads with the currency defaulted.
import { describe, expect, it } from 'vitest';
import { loadSuite } from '../../src/suite/load.ts';
import { problemsOf } from './problems-of.ts';
import { smallSuite, suiteFile } from './suite-file.ts';

const VALID = { vcpuHour: '0.04', gibHour: '0.005', trafficRps: '2000', meshedPods: '100' };

/** A suite whose cost block is the valid one with `values` replacing or adding keys. */
function cost(values: Record<string, string> = {}): string {
  const keys = Object.entries({ ...VALID, ...values }).map(([key, value]) => `${key}: ${value}`);
  return smallSuite({ top: `cost: { ${keys.join(', ')} }` });
}

describe('the suite cost: block', () => {
  it('loads, with USD as the default currency', async () => {
    const { file } = await suiteFile(cost());
    expect((await loadSuite(file)).cost).toEqual({ currency: 'USD', vcpuHour: 0.04, gibHour: 0.005, trafficRps: 2000, meshedPods: 100 });
  });

  it.each([
    ['vcpuHour', '0', 'expected a number > 0; got 0'],
    ['gibHour', '-1', 'expected a number > 0; got -1'],
    ['trafficRps', '1e12', '100000000'],
    ['meshedPods', '1.5', 'expected a whole number; got 1.5'],
    ['nodes', '0', '1'],
    ['currency', 'dollars', 'a three-letter currency code such as USD or EUR'],
    ['vcpuHour', 'cheap', 'number'],
    ['perPod', '3', 'unknown key'],
  ])('%s: %s is refused at its key', async (key, value, says) => {
    const { file } = await suiteFile(cost({ [key]: value }));
    expect(await problemsOf(file)).toEqual([expect.objectContaining({ file, key: `cost.${key}`, line: 5, message: expect.stringContaining(says) })]);
  });

  it('needs every price and count', async () => {
    const { file } = await suiteFile(smallSuite({ top: 'cost: { vcpuHour: 0.04, gibHour: 0.005, trafficRps: 2000 }' }));
    expect(await problemsOf(file)).toEqual([expect.objectContaining({ key: 'cost.meshedPods' })]);
  });
});
