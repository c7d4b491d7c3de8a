// Brings a history database to the schema this meshbench knows, applying the missing migrations
// in order inside one exclusive transaction, each recorded in schema_version. A database already
// at the latest version is only read, so listing needs no write access.
import { EnvironmentError } from '../errors.ts';
import type { HistoryConnection } from './connection.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

/** The schema version of the database: 0 when it has none yet (empty). */
export async function schemaVersion(connection: HistoryConnection): Promise<number> {
  if (!(await connection.hasTable('schema_version'))) return 0;
  const [row] = await connection.query('SELECT MAX(version) AS version FROM schema_version');
  return Number(row?.version ?? 0);
}

/** Applies what is missing; returns the versions before and after. */
export async function migrate(connection: HistoryConnection, migrations: readonly Migration[] = MIGRATIONS): Promise<{ from: number; to: number }> {
  const latest = migrations.at(-1)?.version ?? 0;
  const before = await schemaVersion(connection);
  refuseNewer(connection, before, latest);
  if (before === latest) return { from: before, to: latest };
  return connection.exclusive(async () => {
    // Another process may have migrated since the look above: decide again under the lock.
    const from = await schemaVersion(connection);
    refuseNewer(connection, from, latest);
    await connection.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const migration of migrations) {
      if (migration.version <= from) continue;
      await connection.exec(migration.sql[connection.dialect]);
      await connection.run('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)', [migration.version, migration.description, new Date().toISOString()]);
    }
    return { from, to: latest };
  });
}

function refuseNewer(connection: HistoryConnection, version: number, latest: number): void {
  if (version <= latest) return;
  throw new EnvironmentError(`the history ${connection.shown} is at schema version ${version}, newer than the ${latest} this meshbench knows: a newer meshbench wrote it`, {
    hint: 'upgrade meshbench to read it, or pass another --db',
  });
}
