// `meshbench compare` through the real CLI on recorded runs: exit 0 on a comparable pair, 2 on bad
// input — an unknown run directory, runs that cannot be compared (every reason), a bad rule, a
// --map naming an absent profile, a non-empty --out — each naming what is wrong.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORDED } from '../compare/runs.ts';
import { writeRunDir } from '../report/run-dir.ts';
import { meshbench } from './cli.ts';

describe('meshbench compare on recorded runs', () => {
  let dir: string;
  let other: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'meshbench-compare-'));
    const record = JSON.parse(await readFile(join(RECORDED, 'run.json'), 'utf8'));
    const { results } = JSON.parse(await readFile(join(RECORDED, 'results.json'), 'utf8'));
    record.suite.workload.delay = 5;
    record.target = 'kind';
    other = await writeRunDir({ record, results });
  });
  afterAll(() => Promise.all([dir, other].map((d) => rm(d, { recursive: true, force: true }))));

  it('compares a run with itself: exit 0, three files, no measurable change', async () => {
    const out = join(dir, 'same');
    const cli = await meshbench(['compare', RECORDED, RECORDED, '--out', out, '--fail-on', 'p50>+1ms']);
    expect(cli.exitCode, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/^# meshbench compare: passed\n/);
    expect(cli.stdout).toMatch(/\d+ figures compared, 0 changed measurably\./);
    expect((await readdir(out)).sort()).toEqual(['compare.html', 'compare.json', 'compare.md']);
  });

  it('refuses runs that cannot be compared, listing every reason: exit 2', async () => {
    const cli = await meshbench(['compare', RECORDED, other, '--out', join(dir, 'x')]);
    expect(cli.exitCode).toBe(2);
    expect(cli.stderr).toMatch(/the runs cannot be compared:\n {2}- target: local in the baseline, kind in the candidate\n {2}- workload: /);
  });

  it('refuses bad input naming it: exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['compare', join(dir, 'nope'), RECORDED], /nope is not a meshbench run directory/],
      [['compare', RECORDED, RECORDED, '--fail-on', 'p95>+1ms'], /--fail-on p95>\+1ms: unknown metric p95/],
      [['compare', RECORDED, RECORDED, '--map', 'istio-1.27=istio-sidecar'], /--map istio-1\.27=istio-sidecar: the baseline run has no profile istio-1\.27/],
    ];
    for (const [args, message] of cases) {
      const cli = await meshbench(args);
      expect(cli.exitCode, args.join(' ')).toBe(2);
      expect(cli.stderr).toMatch(message);
    }
    const full = join(dir, 'full');
    await rm(full, { recursive: true, force: true });
    await meshbench(['compare', RECORDED, RECORDED, '--out', full]);
    await writeFile(join(full, 'mine.txt'), 'keep');
    const again = await meshbench(['compare', RECORDED, RECORDED, '--out', full]);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/--out .*full is not empty/);
  });
});
