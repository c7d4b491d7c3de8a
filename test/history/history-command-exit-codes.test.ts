// `meshbench history` through the real CLI (bin/meshbench.js): what it prints and its exit codes
// — 0 recorded or already there, 2 bad input (a failed run, a --label without "=", not a run
// directory), 3 a history it cannot use (unreachable PostgreSQL, unwritable file, newer schema).
import { execa } from 'execa';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meshbench } from '../e2e/cli.ts';
import { freePort, startPostgres, type PostgresServer } from '../support/postgres.ts';
import { CURRENT_RUN, OLD_RUN, writeFailedRun } from './runs.ts';

let dir: string;
let server: PostgresServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'meshbench-history-cli-'));
  server = await startPostgres();
}, 120_000); // initdb and a first start, on a machine other tests may be loading

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

// Each case runs the CLI several times, seconds each on a loaded machine.
describe('meshbench history', { timeout: 180_000 }, () => {
  it('adds runs, says when one is there already, and lists them oldest first as a table or JSON', async () => {
    const db = path.join(dir, 'cli.sqlite');
    const added = await meshbench(['history', 'add', CURRENT_RUN, '--db', db, '--label', 'sha=412cb26', '--label', 'branch=main']);
    expect(added.exitCode).toBe(0);
    expect(added.stdout).toMatch(/^recorded 20261202T051606Z-tiny-current-[0-9a-f]{8} in .*cli\.sqlite: 13 cells, \d+ values; labels branch=main sha=412cb26$/);
    const again = await meshbench(['history', 'add', CURRENT_RUN, '--db', db, '--label', 'sha=other']);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/^20261202T051606Z-tiny-current-[0-9a-f]{8} is already in .*cli\.sqlite: nothing changed$/);
    expect((await meshbench(['history', 'add', OLD_RUN, '--db', db])).exitCode).toBe(0);

    const table = await meshbench(['history', '--db', db]);
    expect(table.exitCode).toBe(0);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toMatch(/^started\s+run\s+target\s+status\s+cells\s+values\s+labels$/);
    expect(lines[1]).toMatch(/^2026-12-02 05:15:41 UTC\s+20261202T051541Z-tiny-old-\w+\s+local\s+complete\s+7\s+\d+$/);
    expect(lines[2]).toMatch(/^2026-12-02 05:16:06 UTC\s+20261202T051606Z-tiny-current-\w+\s+local\s+complete\s+13\s+\d+\s+branch=main sha=412cb26$/);
    expect(lines[3]).toBe(`2 runs in ${db}`);

    const json = await meshbench(['history', 'list', '--db', db, '--json']);
    expect(json.exitCode).toBe(0);
    const runs = JSON.parse(json.stdout);
    expect(runs.map((run: { suite: string }) => run.suite)).toEqual(['tiny-old', 'tiny-current']);
    expect(Object.keys(runs[1])).toEqual(['runId', 'suite', 'startedAt', 'finishedAt', 'target', 'status', 'meshbenchVersion', 'labels', 'pinned', 'cells', 'values', 'runDir', 'machine', 'stacks']);
    expect(runs[1]).toMatchObject({ startedAt: '2026-12-02T05:16:06.989Z', labels: { branch: 'main', sha: '412cb26' }, runDir: CURRENT_RUN, machine: { hostname: 'vm' } });
    // Stable: the same history lists the same bytes.
    expect((await meshbench(['history', 'list', '--db', db, '--json'])).stdout).toBe(json.stdout);
  });

  it('two processes adding the same run to a new SQLite file at once record it once', async () => {
    const db = path.join(dir, 'together.sqlite');
    const both = await Promise.all([meshbench(['history', 'add', CURRENT_RUN, '--db', db]), meshbench(['history', 'add', CURRENT_RUN, '--db', db])]);
    expect(both.map((result) => [result.exitCode, result.stderr])).toEqual([[0, ''], [0, '']]);
    expect(both.map((result) => result.stdout.split(' ')[0] === 'recorded').sort()).toEqual([false, true]);
    expect(JSON.parse((await meshbench(['history', '--json', '--db', db])).stdout)).toHaveLength(1);
  });

  it('writes reports/history.sqlite by default, making its directory', async () => {
    const cwd = await mkdtemp(path.join(dir, 'default-'));
    const bin = fileURLToPath(new URL('../../bin/meshbench.js', import.meta.url));
    const added = await execa(process.execPath, [bin, 'history', 'add', CURRENT_RUN], { cwd, reject: false });
    expect(added.exitCode).toBe(0);
    expect(added.stdout).toContain('in reports/history.sqlite');
    expect(existsSync(path.join(cwd, 'reports', 'history.sqlite'))).toBe(true);
    expect((await execa(process.execPath, [bin, 'history'], { cwd, reject: false })).stdout).toContain('1 run in reports/history.sqlite');
  });

  it('records into and lists from a PostgreSQL URL', async () => {
    const url = await server.createDatabase('cli');
    expect((await meshbench(['history', 'add', OLD_RUN, '--db', url, '--label', 'sha=e81825c'])).exitCode).toBe(0);
    expect((await meshbench(['history', 'add', OLD_RUN, '--db', url])).stdout).toContain('nothing changed');
    const runs = JSON.parse((await meshbench(['history', '--json', '--db', url])).stdout);
    expect(runs.map((run: { suite: string; labels: object }) => [run.suite, run.labels])).toEqual([['tiny-old', { sha: 'e81825c' }]]);
  });

  it('refuses a failed run, exit 2, with the reason, and creates no history for it', async () => {
    const failed = await writeFailedRun();
    const db = path.join(dir, 'failed.sqlite');
    const result = await meshbench(['history', 'add', failed, '--db', db]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`error: ${failed}: the run failed and measured nothing to record (nothing was measured: every cell errored)`);
    expect(existsSync(db)).toBe(false);
    await rm(failed, { recursive: true, force: true });
  });

  it('refuses a --label without "=" and a directory that is not a run, exit 2', async () => {
    const label = await meshbench(['history', 'add', CURRENT_RUN, '--db', path.join(dir, 'x.sqlite'), '--label', 'sha']);
    expect(label.exitCode).toBe(2);
    expect(label.stderr).toContain('error: --label "sha": expected key=value');
    const notRun = await meshbench(['history', 'add', dir, '--db', path.join(dir, 'x.sqlite')]);
    expect(notRun.exitCode).toBe(2);
    expect(notRun.stderr).toContain('is not a meshbench run directory');
  });

  it('an unreachable PostgreSQL is exit 3, named without its password', async () => {
    const port = await freePort();
    const result = await meshbench(['history', 'add', CURRENT_RUN, '--db', `postgres://ci:s3cret@127.0.0.1:${port}/history`]);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(`error: cannot connect to the history postgres://ci:***@127.0.0.1:${port}/history: `);
    expect(result.stderr).toMatch(/ECONNREFUSED/);
    expect(result.stderr).not.toContain('s3cret');
    const list = await meshbench(['history', '--db', `postgresql://ci:s3cret@127.0.0.1:${port}/history`]);
    expect(list.exitCode).toBe(3);
    expect(list.stderr).not.toContain('s3cret');
  });

  it('a history file that cannot be written or does not exist is exit 3, named', async () => {
    const file = path.join(dir, 'a-file');
    await writeFile(file, 'not a directory');
    const unwritable = await meshbench(['history', 'add', CURRENT_RUN, '--db', path.join(file, 'history.sqlite')]);
    expect(unwritable.exitCode).toBe(3);
    expect(unwritable.stderr).toContain(`error: cannot open the history ${path.join(file, 'history.sqlite')}: `);
    const notADatabase = await meshbench(['history', '--db', file]);
    expect(notADatabase.exitCode).toBe(3);
    expect(notADatabase.stderr).toContain(`error: the history ${file}: `);
    const missing = await meshbench(['history', '--db', path.join(dir, 'missing.sqlite')]);
    expect(missing.exitCode).toBe(3);
    expect(missing.stderr).toContain('does not exist');
  });

  it('a history at a newer schema version is exit 3 and left untouched', async () => {
    const db = path.join(dir, 'newer.sqlite');
    expect((await meshbench(['history', 'add', OLD_RUN, '--db', db])).exitCode).toBe(0);
    const sqlite = new DatabaseSync(db);
    sqlite.exec("INSERT INTO schema_version (version, description, applied_at) VALUES (7, 'from the future', '2027-01-01T00:00:00.000Z')");
    sqlite.close();
    for (const args of [['history', '--db', db], ['history', 'add', CURRENT_RUN, '--db', db]]) {
      const result = await meshbench(args);
      expect(result.exitCode).toBe(3);
      expect(result.stderr).toContain(`error: the history ${db} is at schema version 7, newer than the 1 this meshbench knows`);
      expect(result.stderr).toContain('hint: upgrade meshbench');
    }
    const check = new DatabaseSync(db);
    expect(check.prepare('SELECT COUNT(*) AS n FROM runs').get()).toEqual({ n: 1 });
    check.close();
  });
});
