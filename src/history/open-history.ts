// Opening the history named by --db (a file or a postgres:// URL), at the schema this meshbench
// knows, for one piece of work; the database's own failures come out as exit 3 naming it.
import { EnvironmentError, UsageError } from '../errors.ts';
import type { HistoryConnection } from './connection.ts';
import { dbLocation } from './db-location.ts';
import { migrate } from './migrate.ts';
import { openPostgres } from './postgres-connection.ts';
import { openSqlite } from './sqlite-connection.ts';

/** `create`: a missing SQLite file is made (history add); reads refuse it. */
export async function withHistory<T>(db: string, options: { create: boolean }, work: (connection: HistoryConnection) => Promise<T>): Promise<T> {
  const location = dbLocation(db);
  const connection = location.dialect === 'sqlite' ? await openSqlite(location.path, options) : await openPostgres(location.url, location.shown);
  try {
    await migrate(connection);
    return await work(connection);
  } catch (error) {
    if (error instanceof UsageError || error instanceof EnvironmentError) throw error;
    throw new EnvironmentError(`the history ${location.shown}: ${(error as Error).message}`, { cause: error });
  } finally {
    await connection.close().catch(() => {});
  }
}
