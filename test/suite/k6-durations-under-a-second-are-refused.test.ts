// k6 refuses executor durations under 1 s (grafana/k6 lib/executor/constant_arrival_rate.go,
// constant_vus.go: minDuration): a k6 cell's measured window and warm-up (each a scenario of
// k6/load.ts) are refused at load time with file, line and key — on clusters, where k6 is the
// default driver, not on the local target, where the builtin driver is.
import { expect, it } from 'vitest';
import { loadSuite } from '../../src/suite/load.ts';
import { FIXTURES, problemsOf } from './problems-of.ts';

const FILE = `${FIXTURES}/k6-under-a-second.yaml`;

it('refuses the duration and warm-up of k6 cells, not of builtin ones', async () => {
  const problems = await problemsOf(FILE);
  expect(problems.map((p) => `${p.line}:${p.column} ${p.key}: ${p.message}`)).toEqual([
    '10:15 experiments[0].duration: expected at least 1s for the k6 driver (k6 refuses executor durations under 1s); got 800ms — or use driver: builtin',
    '11:13 experiments[0].warmup: expected at least 1s (or 0ms for none) for the k6 driver (k6 refuses executor durations under 1s); got 500ms — or use driver: builtin',
  ]);
});

it('decides by the target the suite will run on: the local target defaults to the builtin driver', async () => {
  await expect(loadSuite(FILE, { target: 'local' })).resolves.toMatchObject({ name: 'k6-under-a-second' });
});
