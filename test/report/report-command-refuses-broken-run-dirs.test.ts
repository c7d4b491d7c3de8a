// Issue 11, item 7, through the real CLI: `meshbench report <dir>` on corrupted run directories
// of the kinds the probe found (TypeErrors with exit 3, "NaNh") exits 2 with one located line on
// stderr and no stack; on the recorded run it still writes every report.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { meshbench } from '../e2e/cli.ts';

const recorded = path.join(import.meta.dirname, '../fixtures/runs/local-412cb26');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'meshbench-report-cli-'));
  await cp(recorded, dir, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function edit(file: 'run.json' | 'results.json', change: (data: Record<string, any>) => void): Promise<void> {
  const target = path.join(dir, file);
  const data = JSON.parse(await readFile(target, 'utf8'));
  change(data);
  await writeFile(target, JSON.stringify(data, null, 2));
}

describe('meshbench report <dir> on a broken run directory', () => {
  it.each([
    // Was: TypeError "Cannot read properties of null (reading 'filter')", exit 3.
    ['results: null', () => edit('results.json', (d) => (d.results = null)), 'results.json: results: expected a list; got null'],
    // Was: TypeError "text.replace is not a function", exit 3.
    ['a note that is a number', () => edit('results.json', (d) => (d.results[2].notes = [42])), 'results.json: results[2].notes[0]: expected a string; got 42'],
    // Was: "warmed NaNh at 100 rps" in both reports, exit 0.
    ['a warm-up length that is text', () => edit('run.json', (d) => (d.stacks[1].warmup.ms = 'long')), 'run.json: stacks[1].warmup.ms: expected a number ≥ 0; got "long"'],
    // Was: "(-849467181983ms)" in the report header, exit 0.
    ['a start time that is not a time', () => edit('run.json', (d) => (d.startedAt = 'sometime')), 'run.json: startedAt: expected a UTC time like "2026-11-26T03:38:06.000Z"; got "sometime"'],
    ['a truncated results.json', async () => writeFile(path.join(dir, 'results.json'), (await readFile(path.join(dir, 'results.json'), 'utf8')).slice(0, 300)), 'results.json: not valid JSON: '],
  ])('%s: exit 2, stderr names the file and the field', async (_name, corrupt, expected) => {
    await corrupt();
    const { exitCode, stderr, stdout } = await meshbench(['report', dir]);
    expect(exitCode).toBe(2);
    expect(stderr.split('\n')[0]).toContain(`error: ${path.join(dir, expected)}`);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
  });

  it('a directory that holds no run.json: exit 2, the path named', async () => {
    const { exitCode, stderr } = await meshbench(['report', path.join(dir, 'nope')]);
    expect(exitCode).toBe(2);
    expect(stderr).toContain(`error: ${path.join(dir, 'nope')} is not a meshbench run directory: ${path.join(dir, 'nope', 'run.json')} does not exist`);
  });

  it('the recorded run itself: exit 0, every report written', async () => {
    const { exitCode, stdout, stderr } = await meshbench(['report', dir]);
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    expect(stdout.trim().split('\n')).toEqual(['latency.csv', 'coldstarts.csv', 'resources.csv', 'index.html', 'summary.md'].map((file) => `wrote ${path.join(dir, file)}`));
  });
});
