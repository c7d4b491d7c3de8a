// A real PostgreSQL server for the history tests: initdb on a temp dir, `postgres` on a random
// loopback port, stopped and removed afterwards. PostgreSQL refuses to run as root, and tests run
// as root here (and in CI), so the server runs as the `postgres` user (or `nobody`) through
// setpriv, which execs it in place: the pid we hold is the server's. .ci/run installs PostgreSQL
// where initdb is missing.
import { spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdtemp, readdir, realpath, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import pg from 'pg';

const SUPERUSER = 'meshbench';
const READY_WITHIN_MS = 30_000;

export interface PostgresServer {
  port: number;
  /** A new, empty database; its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** Debian's server binaries live in /usr/lib/postgresql/<major>/bin, off PATH: the newest there, else initdb on PATH. */
export async function postgresBinDir(): Promise<string> {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? (await readdir(root)).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const major of majors) {
    const dir = path.join(root, major, 'bin');
    if (existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'postgres'))) return dir;
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const initdb = path.join(dir, 'initdb');
    if (existsSync(initdb)) return path.dirname(await realpath(initdb));
  }
  throw new Error('PostgreSQL is not installed: no initdb in /usr/lib/postgresql/*/bin or on PATH (.ci/run installs it: apt-get install -y postgresql)');
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = await postgresBinDir();
  const user = await serverUser();
  const dir = await mkdtemp(path.join(tmpdir(), 'meshbench-pg-'));
  if (user) await chown(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const as = (program: string, args: string[]): [string, string[]] =>
    user ? ['setpriv', [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', path.join(bin, program), ...args]] : [path.join(bin, program), args];
  let server: { process: ChildProcess; exited: Promise<unknown> } | undefined;
  try {
    await execa(...as('initdb', ['-D', data, '-U', SUPERUSER, '--auth=trust', '--no-sync', '--no-locale', '-E', 'UTF8']), { cwd: dir });
    const port = await freePort();
    // Durability is not what is tested: fsync off keeps the server fast on a shared machine.
    const args = ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'synchronous_commit=off'];
    const child = spawn(...as('postgres', args), { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    const running = { process: child, exited: new Promise((resolve) => child.once('exit', resolve)) };
    server = running;
    let log = '';
    child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const url = (database: string) => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
    await ready(url('postgres'), running.exited, () => log);
    return {
      port,
      async createDatabase(name) {
        const client = new pg.Client({ connectionString: url('postgres') });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
        } finally {
          await client.end();
        }
        return url(name);
      },
      async stop() {
        await stopServer(running);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (server) await stopServer(server);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The server answers a query, or it exited (then its log says why). */
async function ready(url: string, exited: Promise<unknown>, log: () => string): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    if (gone) throw new Error(`postgres exited before accepting connections:\n${log()}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections within ${READY_WITHIN_MS} ms: ${(error as Error).message}\n${log()}`);
      await sleep(100);
    }
  }
}

/** SIGINT is PostgreSQL's fast shutdown; SIGKILL if it has not gone in 10 s. */
async function stopServer(server: { process: ChildProcess; exited: Promise<unknown> }): Promise<void> {
  const { process: child, exited } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Root may not run postgres: the postgres user the package creates, else nobody. */
async function serverUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    const uid = await execa('id', ['-u', name], { reject: false });
    const gid = await execa('id', ['-g', name], { reject: false });
    if (uid.exitCode === 0 && gid.exitCode === 0) return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
  }
  throw new Error('running as root and there is neither a postgres nor a nobody user to run PostgreSQL as');
}

/** A port nothing listens on now (the kernel's pick); the server binds it a moment later. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
