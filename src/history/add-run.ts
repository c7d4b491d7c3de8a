// `history add`: one run directory into the history, all of it or nothing, once.
import { loadRun } from '../results/store.ts';
import type { HistoryConnection } from './connection.ts';
import { historyRun, type HistoryRun } from './history-run.ts';
import { withHistory } from './open-history.ts';

export interface AddOutcome {
  runId: string;
  /** false: the history already held this run, and nothing was changed. */
  added: boolean;
  cells: number;
  values: number;
  labels: HistoryRun['labels'];
}

export async function addRun(db: string, runDir: string, userLabels: Record<string, string>): Promise<AddOutcome> {
  // The run is read and judged before the database is touched: a broken or failed run creates no file.
  const { record, results } = await loadRun(runDir);
  const run = historyRun(record, results, runDir, userLabels);
  const added = await withHistory(db, { create: true }, (connection) => connection.exclusive(() => insertRun(connection, run)));
  return { runId: run.runId, added, cells: run.cells.length, values: run.cells.reduce((sum, cell) => sum + cell.metrics.length, 0), labels: run.labels };
}

/** false when the run is there already (its id is the key); otherwise every row of it. */
async function insertRun(connection: HistoryConnection, run: HistoryRun): Promise<boolean> {
  const inserted = await connection.run(
    `INSERT INTO runs (run_id, suite, started_at, finished_at, target, status, meshbench_version, machine, stacks, run_dir, added_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id) DO NOTHING`,
    [run.runId, run.suite, run.startedAt, run.finishedAt ?? null, run.target, run.status, run.meshbenchVersion, JSON.stringify(run.machine), JSON.stringify(run.stacks), run.runDir, new Date().toISOString()],
  );
  if (inserted === 0) return false;
  for (const label of run.labels) {
    await connection.run('INSERT INTO run_labels (run_id, key, value, source) VALUES (?, ?, ?, ?)', [run.runId, label.key, label.value, label.source]);
  }
  for (const cell of run.cells) {
    await connection.run('INSERT INTO cells (run_id, cell_id, profile, experiment, point, repetition, status) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      run.runId, cell.cellId, cell.profile, cell.experiment, cell.point, cell.repetition, cell.status,
    ]);
    for (const metric of cell.metrics) {
      await connection.run('INSERT INTO cell_values (run_id, cell_id, metric, unit, value) VALUES (?, ?, ?, ?, ?)', [run.runId, cell.cellId, metric.metric, metric.unit, metric.value]);
    }
  }
  return true;
}
