// However a run ends, run.json says so: a second Ctrl-C rewrites it synchronously as partial, a
// run that cannot be finished is marked failed into the space the reserve held, and neither the
// reserve nor a temp file is left behind.
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RESERVE_FILE } from '../../src/results/disk-reserve.ts';
import { createRun, loadRun, type NewRunRecord } from '../../src/results/store.ts';
import { fixtureRun } from '../report/fixtures.ts';

let outDir: string;
beforeEach(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'meshbench-store-end-'));
});
afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

function newRecord(): NewRunRecord {
  const { schemaVersion, status, startedAt, finishedAt, interruptedBy, error, analysis, ...rest } = fixtureRun().record;
  return rest;
}

const runJson = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8'));

describe('the end of a run in run.json', () => {
  it('holds a reserve of at least twice the first run.json while the run lives', async () => {
    const store = await createRun({ outDir, suiteName: 'q', record: newRecord() });
    const reserve = await stat(path.join(store.dir, RESERVE_FILE));
    const first = await stat(path.join(store.dir, 'run.json'));
    expect(reserve.size).toBeGreaterThanOrEqual(Math.max(64 * 1024, 2 * first.size));
    await store.close();
    expect((await readdir(store.dir)).sort()).toEqual(['results.json', 'run.json']);
  });

  it('a second interrupt rewrites a running run.json as partial at once, with no reserve or temp file left', async () => {
    const store = await createRun({ outDir, suiteName: 'q', record: newRecord() });
    await store.addResult(fixtureRun().results[0]!);
    // A write cut short by process.exit leaves a temp file of this process.
    await writeFile(path.join(store.dir, `results.json.${process.pid}.9.tmp`), '{"half":');
    store.markInterruptedSync('SIGINT');
    // Synchronous: read at once, no await in between.
    const record = runJson(store.dir);
    expect(record).toMatchObject({ status: 'partial', interruptedBy: 'SIGINT' });
    expect(record.notes.at(-1)).toMatch(/second interrupt: not analysed and no reports rendered \(meshbench report .+ renders them\)/);
    expect((await readdir(store.dir)).sort()).toEqual(['results.json', 'run.json']);
    expect((await loadRun(store.dir)).results).toHaveLength(1);
  });

  it('a second interrupt after the final run.json was written leaves it as it is', async () => {
    const store = await createRun({ outDir, suiteName: 'q', record: newRecord() });
    await store.finish('complete', { notes: ['all cells ran'] });
    store.markInterruptedSync('SIGTERM');
    const record = runJson(store.dir);
    expect(record.status).toBe('complete');
    expect(record.interruptedBy).toBeUndefined();
    expect(record.notes.at(-1)).toBe('all cells ran');
  });

  it('fail() marks the run failed with the error, leaves the analysis to the reports and gives the reserve back', async () => {
    const { analysis } = fixtureRun().record;
    const store = await createRun({ outDir, suiteName: 'q', record: newRecord() });
    await store.finish('complete', { analysis });
    expect(await store.fail('cannot write x/index.html: no space left on device (ENOSPC)')).toBeUndefined();
    const { record } = await loadRun(store.dir);
    expect(record).toMatchObject({ status: 'failed', error: 'cannot write x/index.html: no space left on device (ENOSPC)' });
    expect(record.analysis).toBeUndefined();
    expect((await readdir(store.dir)).sort()).toEqual(['results.json', 'run.json']);
  });
});
