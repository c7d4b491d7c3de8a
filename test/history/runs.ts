// Run directories for the history tests: the recorded fixtures, a synthetic partial run on the
// kind target derived from one of them, and a failed run; and what the history must give back
// for them, computed from cellMetrics of their results.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cellMetrics, cellPoint } from '../../src/results/cell-metrics.ts';
import { loadRun } from '../../src/results/store.ts';
import type { CellResult } from '../../src/results/types.ts';

const fixtures = fileURLToPath(new URL('../fixtures/runs/', import.meta.url));
export const OLD_RUN = path.join(fixtures, 'local-e81825c');
export const CURRENT_RUN = path.join(fixtures, 'local-412cb26');

async function fixture(dir: string): Promise<{ record: Record<string, unknown>; results: CellResult[] }> {
  const record = JSON.parse(await readFile(path.join(dir, 'run.json'), 'utf8'));
  const { results } = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8'));
  return { record, results };
}

async function writeRun(record: unknown, results: unknown[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'meshbench-history-run-'));
  await writeFile(path.join(dir, 'run.json'), JSON.stringify(record));
  await writeFile(path.join(dir, 'results.json'), JSON.stringify({ schemaVersion: 1, results }));
  return dir;
}

/**
 * The current fixture's suite run again a day later on kind, interrupted before its last three
 * cells, with latencies 1.5 times the recorded ones: a partial run whose profiles pin releases.
 */
export async function writeSyntheticRun(): Promise<string> {
  const { record, results } = await fixture(CURRENT_RUN);
  const day = 24 * 3600 * 1000;
  const later = (iso: unknown) => new Date(Date.parse(String(iso)) + day).toISOString();
  const scaled = results.slice(0, -3).map((result) =>
    'latency' in result && result.latency
      ? { ...result, latency: Object.fromEntries(Object.entries(result.latency).map(([key, value]) => [key, key === 'count' ? value : value * 1.5])) }
      : result,
  );
  return writeRun({ ...record, target: 'kind', emulation: false, status: 'partial', interruptedBy: 'SIGINT', startedAt: later(record.startedAt), finishedAt: later(record.finishedAt) }, scaled);
}

/** The current fixture as a run in which nothing could be measured. */
export async function writeFailedRun(): Promise<string> {
  const { record } = await fixture(CURRENT_RUN);
  return writeRun({ ...record, status: 'failed', error: 'nothing was measured: every cell errored' }, []);
}

/** "suite|profile|experiment|point|metric" → the runs' start times → values by repetition, from cellMetrics. */
export type Expected = Map<string, Map<string, number[]>>;

export async function expectedSeries(dirs: readonly string[], suite?: string): Promise<Expected> {
  const expected: Expected = new Map();
  const runs = await Promise.all(dirs.map((dir) => loadRun(dir)));
  runs.sort((a, b) => Date.parse(a.record.startedAt) - Date.parse(b.record.startedAt));
  for (const { record, results } of runs) {
    if (suite !== undefined && record.suite.name !== suite) continue;
    const ordered = [...results].sort((a, b) => a.cell.repetition - b.cell.repetition || (a.cell.id < b.cell.id ? -1 : 1));
    for (const result of ordered) {
      const { profile, experiment, point } = cellPoint(result.cell);
      for (const { metric, value } of cellMetrics(result)) {
        const key = [record.suite.name, profile, experiment, point, metric].join('|');
        const byRun = expected.get(key) ?? new Map<string, number[]>();
        const start = new Date(record.startedAt).toISOString();
        byRun.set(start, [...(byRun.get(start) ?? []), value]);
        expected.set(key, byRun);
      }
    }
  }
  return expected;
}
