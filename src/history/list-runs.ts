// `history list`: the recorded runs, oldest first, with their labels.
import type { RunEnvironment, RunStatus, StackRecord } from '../results/run-record.ts';
import type { HistoryConnection } from './connection.ts';
import type { LabelSource } from './history-run.ts';
import { withHistory } from './open-history.ts';

export interface ListedRun {
  runId: string;
  suite: string;
  startedAt: string;
  finishedAt: string | null;
  target: string;
  status: RunStatus;
  meshbenchVersion: string;
  /** Sorted by key. */
  labels: Record<string, string>;
  /** Which labels came from the profiles' pins rather than --label. */
  pinned: string[];
  cells: number;
  values: number;
  runDir: string;
  machine: RunEnvironment;
  stacks: StackRecord[];
}

export function listRuns(db: string): Promise<ListedRun[]> {
  return withHistory(db, { create: false }, readRuns);
}

export async function readRuns(connection: HistoryConnection, filter: { suite?: string } = {}): Promise<ListedRun[]> {
  const where = filter.suite === undefined ? '' : 'WHERE r.suite = ?';
  const rows = await connection.query(
    `SELECT r.run_id, r.suite, r.started_at, r.finished_at, r.target, r.status, r.meshbench_version, r.machine, r.stacks, r.run_dir,
            (SELECT COUNT(*) FROM cells c WHERE c.run_id = r.run_id) AS cells,
            (SELECT COUNT(*) FROM cell_values v WHERE v.run_id = r.run_id) AS values_count
     FROM runs r ${where} ORDER BY r.started_at, r.run_id`,
    filter.suite === undefined ? [] : [filter.suite],
  );
  const labelRows = await connection.query('SELECT run_id, key, value, source FROM run_labels');
  // Sorted here, not by ORDER BY: a PostgreSQL database's collation may order text otherwise than SQLite.
  labelRows.sort((a, b) => (String(a.key) < String(b.key) ? -1 : String(a.key) > String(b.key) ? 1 : 0));
  const labels = new Map<string, { key: string; value: string; source: LabelSource }[]>();
  for (const row of labelRows) {
    const id = String(row.run_id);
    labels.set(id, [...(labels.get(id) ?? []), { key: String(row.key), value: String(row.value), source: row.source as LabelSource }]);
  }
  return rows.map((row) => {
    const own = labels.get(String(row.run_id)) ?? [];
    return {
      runId: String(row.run_id),
      suite: String(row.suite),
      startedAt: isoTime(row.started_at)!,
      finishedAt: isoTime(row.finished_at) ?? null,
      target: String(row.target),
      status: row.status as RunStatus,
      meshbenchVersion: String(row.meshbench_version),
      labels: Object.fromEntries(own.map((label) => [label.key, label.value])),
      pinned: own.filter((label) => label.source === 'pin').map((label) => label.key),
      // COUNT(*) is a bigint in PostgreSQL, which pg hands over as text.
      cells: Number(row.cells),
      values: Number(row.values_count),
      runDir: String(row.run_dir),
      machine: JSON.parse(String(row.machine)) as RunEnvironment,
      stacks: JSON.parse(String(row.stacks)) as StackRecord[],
    };
  });
}

/** SQLite keeps the ISO text; pg turns timestamptz into a Date. */
export function isoTime(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}
