// `--out DIR` writes a run only into a directory that does not exist or is empty: someone's files
// (or an earlier run) are never overwritten, a file is bad input, and a path no directory can be
// made at (/proc/x, where Node's recursive mkdir spins forever) fails at once, naming it.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exitCodeOf } from '../../src/errors.ts';
import { createRun, type NewRunRecord } from '../../src/results/store.ts';
import { fixtureRun } from '../report/fixtures.ts';

let base: string;
beforeEach(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'meshbench-out-'));
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

function newRecord(): NewRunRecord {
  const { schemaVersion, status, startedAt, finishedAt, interruptedBy, error, analysis, ...rest } = fixtureRun().record;
  return rest;
}

async function refusal(runDir: string): Promise<{ message: string; exitCode: number }> {
  const error = await createRun({ runDir, suiteName: 'q', record: newRecord() }).then(
    () => undefined,
    (caught: unknown) => caught as Error,
  );
  if (!error) throw new Error(`createRun accepted ${runDir}`);
  return { message: error.message, exitCode: exitCodeOf(error) };
}

describe('--out', () => {
  it("refuses a directory holding someone's files, naming it and them, and touches none of them", async () => {
    const dir = path.join(base, 'mine');
    await mkdir(dir);
    for (const file of ['index.html', 'summary.md', 'latency.csv', 'notes.txt']) await writeFile(path.join(dir, file), `my ${file}`);
    expect(await refusal(dir)).toEqual({
      message: `--out ${dir} is not empty (it holds index.html, latency.csv, notes.txt and 1 more); meshbench writes a run only into a new or an empty directory, so no file there is overwritten`,
      exitCode: 2,
    });
    expect(await readFile(path.join(dir, 'index.html'), 'utf8')).toBe('my index.html');
    expect((await readdir(dir)).sort()).toEqual(['index.html', 'latency.csv', 'notes.txt', 'summary.md']);
  });

  it('refuses a directory holding a run, even one that never finished (runs are not resumed)', async () => {
    const dir = path.join(base, 'earlier');
    await createRun({ runDir: dir, suiteName: 'q', record: newRecord() }); // left "running"
    expect(await refusal(dir)).toEqual({ message: `${dir} already holds a run (run.json); choose another directory`, exitCode: 2 });
  });

  it('takes an empty directory and a path whose parents do not exist yet', async () => {
    const empty = path.join(base, 'empty');
    await mkdir(empty);
    expect((await createRun({ runDir: empty, suiteName: 'q', record: newRecord() })).dir).toBe(empty);
    const nested = path.join(base, 'a', 'b', 'c');
    await createRun({ runDir: nested, suiteName: 'q', record: newRecord() });
    expect(existsSync(path.join(nested, 'run.json'))).toBe(true);
  });

  it('is bad input (exit 2) on a file, or on a path under a file', async () => {
    const file = path.join(base, 'a-file');
    await writeFile(file, 'x');
    expect(await refusal(file)).toEqual({ message: `--out ${file} exists and is not a directory; --out takes a new or an empty directory`, exitCode: 2 });
    expect(await refusal(path.join(file, 'run'))).toEqual({ message: `cannot create ${path.join(file, 'run')}: ${file} exists and is not a directory`, exitCode: 2 });
  });

  it('is bad input on an empty string (which would otherwise mean the working directory)', async () => {
    expect(await refusal('')).toEqual({ message: '--out needs a directory; got an empty string', exitCode: 2 });
  });

  it('fails at once where no directory can be made (/proc/x), naming the path, exit 3', async () => {
    expect(await refusal('/proc/meshbench-x/run')).toEqual({ message: 'cannot create directory /proc/meshbench-x: /proc does not take new directories (ENOENT)', exitCode: 3 });
  }, 5_000);
});
