// Shared by the fake CLIs in this folder: each call appends its argv as one JSON line to
// $FAKE_LOG, and cluster/image state lives in files under $FAKE_STATE_DIR, so a sequence of calls
// (create, get, delete) behaves like the real tool across processes.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Call {
  tool: string;
  argv: string[];
  /** Extra facts a test may want, e.g. the kind config file's content at create time. */
  seen?: Record<string, string>;
}

export function record(tool: string, argv: string[], seen?: Record<string, string>): void {
  const log = process.env.FAKE_LOG;
  if (log) appendFileSync(log, `${JSON.stringify(seen ? { tool, argv, seen } : { tool, argv })}\n`);
}

export function readState<T>(name: string, fallback: T): T {
  const file = stateFile(name);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : fallback;
}

export function writeState(name: string, value: unknown): void {
  writeFileSync(stateFile(name), JSON.stringify(value));
}

function stateFile(name: string): string {
  return join(process.env.FAKE_STATE_DIR ?? '.', `${name}.json`);
}

/** The value after `--flag` or in `--flag=value`. */
export function flag(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index >= 0) return argv[index + 1];
  return argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}

export function fail(stderr: string, code = 1): never {
  process.stderr.write(stderr.endsWith('\n') ? stderr : `${stderr}\n`);
  process.exit(code);
}

// What the docker client prints when no daemon answers (docker 28 on a machine without one).
export const DAEMON_DOWN = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?';

export const daemonDown = (): boolean => process.env.FAKE_DOCKER_DAEMON === 'down';
