import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRun, loadRun, type NewRunRecord } from '../../src/results/store.ts';
import { fixtureRun } from '../report/fixtures.ts';

let outDir: string;
beforeEach(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'meshbench-store-'));
});
afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

function newRecord(): NewRunRecord {
  const { schemaVersion, status, startedAt, finishedAt, interruptedBy, error, analysis, ...rest } = fixtureRun().record;
  return rest;
}

const NOW = new Date('2026-11-26T03:38:06.789Z');

describe('RunStore', () => {
  it('creates reports/<UTC timestamp>-<suite> with run.json in status running', async () => {
    const store = await createRun({ outDir, suiteName: 'quickstart', record: newRecord(), now: NOW });
    expect(path.basename(store.dir)).toBe('20261126T033806Z-quickstart');
    const run = JSON.parse(await readFile(path.join(store.dir, 'run.json'), 'utf8'));
    expect(run).toMatchObject({ schemaVersion: 1, status: 'running', startedAt: NOW.toISOString(), target: 'local' });
  });

  it('gives two runs started in the same second different directories', async () => {
    const first = await createRun({ outDir, suiteName: 'quickstart', record: newRecord(), now: NOW });
    const second = await createRun({ outDir, suiteName: 'quickstart', record: newRecord(), now: NOW });
    expect(second.dir).not.toBe(first.dir);
    expect((await readdir(outDir)).sort()).toEqual(['20261126T033806Z-quickstart', '20261126T033806Z-quickstart-2']);
  });

  it('refuses an exact run directory that already holds a run', async () => {
    const runDir = path.join(outDir, 'exact');
    await createRun({ runDir, suiteName: 'quickstart', record: newRecord() });
    await expect(createRun({ runDir, suiteName: 'quickstart', record: newRecord() })).rejects.toThrow(/already holds a run/);
  });

  it('rewrites results.json after every cell, keeping the earlier ones, with no temp file left', async () => {
    const [first, second] = fixtureRun().results;
    const store = await createRun({ outDir, suiteName: 'quickstart', record: newRecord() });
    await store.addResult(first!);
    const afterOne = JSON.parse(await readFile(path.join(store.dir, 'results.json'), 'utf8'));
    expect(afterOne.results.map((r: { cell: { id: string } }) => r.cell.id)).toEqual([first!.cell.id]);

    await store.addResult(second!);
    // An interrupted run stops here: loading must give both cells, histograms included.
    const { record, results } = await loadRun(store.dir);
    expect(record.status).toBe('running');
    expect(results.map((r) => r.cell.id)).toEqual([first!.cell.id, second!.cell.id]);
    expect(results[0]).toHaveProperty('histogram', (first as { histogram: string }).histogram);
    // The reserve holds space for the last run.json while the run lives (disk-reserve.ts).
    expect((await readdir(store.dir)).sort()).toEqual(['.run.json.reserve', 'results.json', 'run.json']);
  });

  it('finish() records the status, the interrupt, the analysis and extra notes in run.json', async () => {
    const { analysis } = fixtureRun().record;
    const store = await createRun({ outDir, suiteName: 'quickstart', record: newRecord() });
    await store.finish('partial', { interruptedBy: 'SIGINT', analysis, notes: ['stopped after 1 cell'] });
    const { record } = await loadRun(store.dir);
    expect(record.status).toBe('partial');
    expect(record.interruptedBy).toBe('SIGINT');
    expect(record.analysis?.comparisons).toHaveLength(2);
    expect(record.notes).toEqual([...newRecord().notes, 'stopped after 1 cell']);
    expect(Date.parse(record.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(record.startedAt));
  });

  it('keeps every write when addResult calls overlap', async () => {
    const results = fixtureRun().results;
    const store = await createRun({ outDir, suiteName: 'quickstart', record: newRecord() });
    await Promise.all(results.map((r) => store.addResult(r)));
    expect((await loadRun(store.dir)).results).toHaveLength(results.length);
  });
});

describe('loadRun', () => {
  it('names the missing run.json when the directory is not a run directory', async () => {
    const notARun = path.join(outDir, 'somewhere-else');
    await expect(loadRun(notARun)).rejects.toThrow(`${notARun} is not a meshbench run directory: ${path.join(notARun, 'run.json')} does not exist`);
  });

  it('refuses a run.json from another schema version', async () => {
    await writeFile(path.join(outDir, 'run.json'), JSON.stringify({ schemaVersion: 99 }));
    await expect(loadRun(outDir)).rejects.toThrow(/run.json: schemaVersion: expected 1, the version this meshbench reads; got 99/);
  });

  it('reads a run that stopped before its first cell as having no results', async () => {
    await writeFile(path.join(outDir, 'run.json'), JSON.stringify({ ...fixtureRun().record, status: 'failed' }));
    expect((await loadRun(outDir)).results).toEqual([]);
  });
});
