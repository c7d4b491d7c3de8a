// The PostgreSQL the history tests start (postgres.ts): a real server on loopback, run by an
// unprivileged user even when the tests run as root, and gone — process and files — after stop().
import { existsSync, statSync } from 'node:fs';
import pg from 'pg';
import { expect, it } from 'vitest';
import { startPostgres } from './postgres.ts';

it('serves a new database, as a user other than root, and leaves nothing behind when stopped', async () => {
  const server = await startPostgres();
  const url = await server.createDatabase('probe');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query("SELECT current_database() AS db, current_setting('data_directory') AS data, version() AS version");
  await client.end();
  expect(rows[0].db).toBe('probe');
  expect(rows[0].version).toMatch(/^PostgreSQL \d+/);
  const data: string = rows[0].data;
  expect(statSync(data).uid).not.toBe(0);

  await server.stop();
  expect(existsSync(data)).toBe(false);
  const after = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  after.on('error', () => {});
  await expect(after.connect()).rejects.toThrow(/ECONNREFUSED/);
});
