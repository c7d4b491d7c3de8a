// The history in a PostgreSQL database, for a team sharing one: the same tables as the SQLite file.
import pg from 'pg';
import { EnvironmentError } from '../errors.ts';
import type { HistoryConnection, Row } from './connection.ts';

/** Held for the length of a writing transaction, so adds and migrations from many CI jobs take turns. */
const WRITER_LOCK = 0x6d657368; // "mesh"

/** An unreachable server gives up after this long instead of hanging a CI job. */
const CONNECT_TIMEOUT_MS = 10_000;

/** `shown`: the URL without its password, for messages. */
export async function openPostgres(url: string, shown: string): Promise<HistoryConnection> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A server that goes away between queries emits 'error' on the client; the failing query reports it.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (cause) {
    await client.end().catch(() => {});
    throw new EnvironmentError(`cannot connect to the history ${shown}: ${describe(cause)}`, { cause, hint: 'check that the server runs and the URL (user, host, port, database) is right' });
  }
  const query = async (sql: string, params: readonly unknown[] = []) => client.query(numbered(sql), params as unknown[]);
  return {
    dialect: 'postgres',
    shown,
    async query(sql, params) {
      return (await query(sql, params)).rows as Row[];
    },
    async run(sql, params) {
      return (await query(sql, params)).rowCount ?? 0;
    },
    async exec(sql) {
      await client.query(sql);
    },
    async hasTable(name) {
      // The catalog as a query sees it, not to_regclass's cache: a table another job just
      // created (and committed while this one waited for the lock) must be seen.
      const { rows } = await query('SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = ?) AS present', [name]);
      return rows[0]?.present === true;
    },
    async exclusive(work) {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [WRITER_LOCK]);
        const result = await work();
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    },
    async close() {
      await client.end();
    },
  };
}

/** `?` placeholders (the SQL the history shares with SQLite) → PostgreSQL's `$1`, `$2`, …; no statement here has a `?` in a literal. */
function numbered(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

/** Connection errors may have an empty message (an AggregateError of every address tried). */
function describe(error: unknown): string {
  const { message, code, errors } = error as { message?: string; code?: string; errors?: unknown[] };
  if (message) return code && !message.includes(code) ? `${message} (${code})` : message;
  const inner = errors?.[0] as { message?: string } | undefined;
  return inner?.message ?? code ?? String(error);
}
