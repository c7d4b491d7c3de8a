// The history in one SQLite file, through Node's built-in node:sqlite (no native module to build).
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { EnvironmentError } from '../errors.ts';
import type { HistoryConnection, Row } from './connection.ts';
import { loadSqlite } from './sqlite-module.ts';

type Bindable = null | number | bigint | string | Uint8Array;

/** `create`: make the file (and its directory) when missing; otherwise a missing file is refused. */
export async function openSqlite(file: string, options: { create: boolean }): Promise<HistoryConnection> {
  if (!options.create && !existsSync(file)) {
    throw new EnvironmentError(`no history at ${file}: the file does not exist`, { hint: 'record a run first: meshbench history add <run-dir>' });
  }
  const { DatabaseSync } = await loadSqlite();
  let db: InstanceType<typeof DatabaseSync>;
  try {
    if (options.create) mkdirSync(path.dirname(file), { recursive: true });
    // Wait for another writer's transaction rather than fail at once.
    db = new DatabaseSync(file, { timeout: 10_000 });
  } catch (cause) {
    throw new EnvironmentError(`cannot open the history ${file}: ${(cause as Error).message}`, { cause });
  }
  const bind = (params: readonly unknown[]) => params.map((value) => (value === undefined ? null : (value as Bindable)));
  return {
    dialect: 'sqlite',
    shown: file,
    async query(sql, params = []) {
      return db.prepare(sql).all(...bind(params)) as Row[];
    },
    async run(sql, params = []) {
      return Number(db.prepare(sql).run(...bind(params)).changes);
    },
    async exec(sql) {
      db.exec(sql);
    },
    async hasTable(name) {
      return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").all(name).length > 0;
    },
    async exclusive(work) {
      // IMMEDIATE takes the write lock at once, so two adds cannot both read "not there yet".
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work();
        db.exec('COMMIT');
        return result;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    async close() {
      db.close();
    },
  };
}
