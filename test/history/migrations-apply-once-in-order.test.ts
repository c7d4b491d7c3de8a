// Migrations are explicit and versioned: an empty database gets every one, a database at version
// 1 gets only what it lacks (none today; a later migration in the test's list), and one at a
// version newer than this meshbench knows is refused, exit 3 — in SQLite and in PostgreSQL.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvironmentError, exitCodeOf } from '../../src/errors.ts';
import type { HistoryConnection } from '../../src/history/connection.ts';
import { migrate, schemaVersion } from '../../src/history/migrate.ts';
import { MIGRATIONS, type Migration } from '../../src/history/migrations/index.ts';
import { openPostgres } from '../../src/history/postgres-connection.ts';
import { openSqlite } from '../../src/history/sqlite-connection.ts';
import { startPostgres, type PostgresServer } from '../support/postgres.ts';

const TABLES = ['schema_version', 'runs', 'run_labels', 'cells', 'cell_values'];

/** A later migration, as a future meshbench would add one. */
const ADD_NOTE: Migration = { version: 2, description: 'a note per run', sql: { sqlite: 'ALTER TABLE runs ADD COLUMN note TEXT', postgres: 'ALTER TABLE runs ADD COLUMN note TEXT' } };

async function versions(connection: HistoryConnection): Promise<number[]> {
  return (await connection.query('SELECT version FROM schema_version ORDER BY version')).map((row) => Number(row.version));
}

async function addRow(connection: HistoryConnection): Promise<void> {
  await connection.run(
    'INSERT INTO runs (run_id, suite, started_at, finished_at, target, status, meshbench_version, machine, stacks, run_dir, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ['r1', 's', '2026-12-01T00:00:00.000Z', null, 'local', 'complete', '0.1.0', '{}', '[]', '/runs/r1', '2026-12-01T00:00:00.000Z'],
  );
}

function migrations(name: string, open: () => Promise<HistoryConnection>) {
  describe(name, () => {
    it('an empty database gets every migration, each recorded in schema_version', async () => {
      const connection = await open();
      try {
        expect(await schemaVersion(connection)).toBe(0);
        expect(await migrate(connection)).toEqual({ from: 0, to: MIGRATIONS.at(-1)!.version });
        expect(await versions(connection)).toEqual(MIGRATIONS.map((m) => m.version));
        for (const table of TABLES) expect(await connection.hasTable(table), table).toBe(true);
      } finally {
        await connection.close();
      }
    });

    it('a database at version 1 is left as it is, its rows kept; a later migration is applied alone', async () => {
      const connection = await open();
      try {
        await migrate(connection);
        await addRow(connection);
        expect(await migrate(connection)).toEqual({ from: 1, to: 1 });
        expect(await versions(connection)).toEqual([1]);
        expect(await migrate(connection, [...MIGRATIONS, ADD_NOTE])).toEqual({ from: 1, to: 2 });
        expect(await versions(connection)).toEqual([1, 2]);
        expect(await connection.query('SELECT run_id, note FROM runs')).toEqual([{ run_id: 'r1', note: null }]);
        expect(await migrate(connection, [...MIGRATIONS, ADD_NOTE])).toEqual({ from: 2, to: 2 });
      } finally {
        await connection.close();
      }
    });

    it('a database newer than this meshbench is refused, exit 3, and left untouched', async () => {
      const connection = await open();
      try {
        await migrate(connection, [...MIGRATIONS, ADD_NOTE]);
        const refused = await migrate(connection).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(EnvironmentError);
        expect(exitCodeOf(refused)).toBe(3);
        expect((refused as Error).message).toMatch(/is at schema version 2, newer than the 1 this meshbench knows/);
        expect(await versions(connection)).toEqual([1, 2]);
      } finally {
        await connection.close();
      }
    });
  });
}

let dir: string;
let server: PostgresServer;
let databases = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'meshbench-migrations-'));
  server = await startPostgres();
}, 120_000); // initdb and a first start, on a machine other tests may be loading

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

migrations('SQLite', () => openSqlite(path.join(dir, `h${++databases}.sqlite`), { create: true }));
migrations('PostgreSQL', async () => {
  const url = await server.createDatabase(`migrations_${++databases}`);
  return openPostgres(url, url);
});
