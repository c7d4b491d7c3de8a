// Issue 11.2: every number, duration and name in a suite has bounds (src/suite/bounds.ts), so a
// typo is refused by `validate` at its line and key instead of exhausting the heap, blocking the
// event loop, overflowing Node's timers or failing at prepare time with a stack trace.
import { describe, expect, it } from 'vitest';
import { suiteJsonSchema } from '../../src/suite/json-schema.ts';
import { loadSuite } from '../../src/suite/load.ts';
import { problemsOf } from './problems-of.ts';
import { smallSuite, suiteFile } from './suite-file.ts';

const load = (lines: string) => `    rates: [50]\n    duration: 1s\n    repetitions: 1\n${lines}`;

// Each: what is written, the key refused and what the message says.
const cases = [
  { what: 'repetitions: 1000000000', suite: smallSuite({ experiment: '    rates: [50]\n    duration: 1s\n    repetitions: 1000000000' }), key: 'experiments[0].repetitions', says: 'expected a number ≤ 1000; got 1000000000' },
  { what: 'rates: [1e9]', suite: smallSuite({ experiment: '    rates: [1e9]\n    duration: 1s\n    repetitions: 1' }), key: 'experiments[0].rates[0]', says: 'expected a number ≤ 100000; got 1000000000' },
  { what: 'connections: [1e6]', suite: smallSuite({ experiment: load('    connections: [1000000]') }), key: 'experiments[0].connections[0]', says: '≤ 10000' },
  { what: 'k6 parallelism 1000', suite: smallSuite({ experiment: load('    k6: { parallelism: 1000 }') }), key: 'experiments[0].k6.parallelism', says: '≤ 100' },
  { what: 'delay: 597h (past 2^31 − 1 ms)', suite: smallSuite({ top: 'workload: { delay: 597h }' }), key: 'workload.delay', says: 'expected a duration at most 1m; got 597h' },
  { what: 'a duration of 330 digits (Infinity)', suite: smallSuite({ top: `stackWarmup: ${'9'.repeat(330)}s` }), key: 'stackWarmup', says: `expected a duration at most 10m; got "${'9'.repeat(80)}…" (331 characters)` },
  { what: 'duration: 0ms', suite: smallSuite({ experiment: '    rates: [50]\n    duration: 0ms\n    repetitions: 1' }), key: 'experiments[0].duration', says: 'expected a duration from 100ms to 1h; got 0ms' },
  { what: 'duration: 2h', suite: smallSuite({ experiment: '    rates: [50]\n    duration: 2h\n    repetitions: 1' }), key: 'experiments[0].duration', says: 'from 100ms to 1h; got 2h' },
  { what: 'timeout: 0ms', suite: smallSuite({ experiment: load('    timeout: 0ms') }), key: 'experiments[0].timeout', says: 'expected a duration from 100ms to 5m; got 0ms' },
  { what: 'size: 1e12', suite: smallSuite({ top: 'workload: { size: 1e12 }' }), key: 'workload.size', says: 'expected a number ≤ 67108864; got 1000000000000' },
  { what: 'a 250-character suite name', suite: smallSuite({ name: 'a'.repeat(250) }), key: 'name', says: 'expected at most 63 characters; got 250' },
] as const;

describe('absurd values in a suite', () => {
  it.each(cases)('$what: refused at $key', async ({ suite, key, says }) => {
    const { file } = await suiteFile(suite);
    const problems = await problemsOf(file);
    expect(problems).toEqual([expect.objectContaining({ file, key, message: expect.stringContaining(says) })]);
    expect(problems[0]!.line).toBeGreaterThan(0);
  });

  it.each([
    [{ services: '[1000000]' }, 'services[0]', '≤ 100'],
    [{ burst: '100000' }, 'burst', '≤ 1000'],
    [{ iterations: '100000' }, 'iterations', '≤ 1000'],
    [{ timeout: '100ms' }, 'timeout', 'from 1s to 30m; got 100ms'],
    [{ idle: '2h' }, 'idle', 'at most 1h; got 2h'],
  ])('cold start %o: refused at its key', async (values, key, says) => {
    const keys = Object.entries({ name: 'cold', type: 'cold-start', idle: '1s', gracePeriod: '500ms', ...values });
    const text = `apiVersion: meshbench.dev/v1alpha1
kind: Suite
name: cold
profiles: [knative-kourier]
experiments:
  - { ${keys.map(([name, value]) => `${name}: ${value}`).join(', ')} }
`;
    const { file } = await suiteFile(text);
    expect(await problemsOf(file)).toEqual([expect.objectContaining({ file, line: 6, key: `experiments[0].${key}`, message: expect.stringContaining(says) })]);
  });

  it('a workload delay no shorter than a timeout is refused at the timeout, since every request would time out', async () => {
    const { file } = await suiteFile(smallSuite({ top: 'workload: { delay: 10s }' }));
    expect(await problemsOf(file)).toEqual([
      expect.objectContaining({ key: 'experiments[0].timeout', message: 'expected a timeout above the workload delay, 10s, or every request times out; got 10s' }),
    ]);
  });

  it('a cold-start timeout no longer than delay + startupDelay is refused', async () => {
    const text = `apiVersion: meshbench.dev/v1alpha1
kind: Suite
name: cold
profiles: [knative-kourier]
workload: { delay: 1m, startupDelay: 1m }
experiments:
  - { name: cold, type: cold-start, idle: 1s, gracePeriod: 500ms, timeout: 2m }
`;
    const { file } = await suiteFile(text);
    expect(await problemsOf(file)).toEqual([expect.objectContaining({ key: 'experiments[0].timeout', message: expect.stringContaining('delay + startupDelay, 1m + 1m, or every cold request times out; got 2m') })]);
  });

  it('values at the bounds load', async () => {
    const experiment = '    rates: [100000]\n    connections: [10000]\n    duration: 1h\n    warmup: 10m\n    timeout: 5m\n    repetitions: 4\n    k6: { parallelism: 100 }';
    const { file } = await suiteFile(smallSuite({ name: 'a'.repeat(63), experiment, top: 'workload: { delay: 1m, size: 67108864, startupDelay: 5m }\nstackWarmup: 10m' }));
    const suite = await loadSuite(file);
    expect(suite.experiments[0]).toMatchObject({ rates: [100_000], duration: 3_600_000, timeout: 300_000 });
    expect(suite.workload.size).toBe(64 * 2 ** 20);
  });

  it('a file past 1 MiB is refused before it is parsed', async () => {
    const { file } = await suiteFile(`${smallSuite()}# ${'x'.repeat(2 ** 20)}\n`);
    expect(await problemsOf(file)).toEqual([expect.objectContaining({ file, line: 1, key: '', message: expect.stringMatching(/^expected a file of at most 1 MiB/) })]);
  });

  it('the JSON Schema states the bounds: editors refuse the same values', () => {
    const load = (suiteJsonSchema() as { properties: { experiments: { items: { oneOf: { properties: Record<string, { maximum?: number; description?: string; items?: { maximum?: number } }> }[] } } } }).properties.experiments.items.oneOf[0]!.properties;
    expect(load.repetitions?.maximum).toBe(1000);
    expect(load.rates?.items?.maximum).toBe(100_000);
    expect(load.duration?.description).toMatch(/from 100ms to 1h\.$/);
    expect(load.timeout?.description).toMatch(/from 100ms to 5m\.$/);
  });
});
