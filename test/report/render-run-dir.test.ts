import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderRun } from '../../src/report/render.ts';
import { fixtureRun } from './fixtures.ts';
import { writeRunDir } from './run-dir.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('renderRun', () => {
  it('writes every report into the run directory from stored results alone', async () => {
    dir = await writeRunDir(fixtureRun());
    const written = await renderRun(dir);
    const files = ['latency.csv', 'coldstarts.csv', 'resources.csv', 'index.html', 'summary.md'];
    expect(written).toEqual(files.map((file) => path.join(dir!, file)));
    expect((await readdir(dir)).sort()).toEqual([...files, 'results.json', 'run.json'].sort());
    expect(await readFile(path.join(dir, 'summary.md'), 'utf8')).toMatch(/^# meshbench: sidecar-and-cold-start/);
  });

  it('writes no resources.csv when nothing was sampled', async () => {
    const run = fixtureRun();
    dir = await writeRunDir({ ...run, results: run.results.map((r) => ({ ...r, resources: [] })) });
    const written = (await renderRun(dir)).map((file) => path.basename(file));
    expect(written).not.toContain('resources.csv');
    expect(written).toContain('latency.csv');
  });

  it('refuses a directory that is not a run directory', async () => {
    await expect(renderRun('/nonexistent/meshbench-run')).rejects.toThrow('/nonexistent/meshbench-run/run.json does not exist');
  });
});
