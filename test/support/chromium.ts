// The Chromium the browser tests drive (through playwright-core), so `npm test` passes on a fresh
// machine with no set-up step: an explicit path from the environment, else the usual Chromium and
// Chrome installs, else — as root on Debian or Ubuntu — Debian's `chromium`, installed once.
// `decide` is the pure choice over facts about the machine; `chromiumForTests` gathers them and acts.
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { execa, ExecaError } from 'execa';
import { withLockFile } from './lock-file.ts';

/** Environment variables naming the browser, first wins. CHROME_PATH is the name other tools read. */
export const ENV_VARS = ['MESHBENCH_CHROMIUM', 'CHROME_PATH'] as const;

/** Where a browser usually is, in order: Debian's and Ubuntu's Chromium, then Google Chrome. */
export const CANDIDATES = ['/usr/bin/chromium', 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', '/opt/google/chrome/chrome'];

const INSTALL_COMMANDS: readonly (readonly string[])[] = [
  ['apt-get', 'update', '-qq'],
  ['apt-get', 'install', '-y', '-qq', 'chromium'],
];

export interface Facts {
  env: Readonly<Record<string, string | undefined>>;
  /** The executable file a candidate (an absolute path, or a name looked up on PATH) is, if any. */
  resolve: (candidate: string) => string | undefined;
  root: boolean;
  /** The text of /etc/os-release, if there is one. */
  osRelease: string | undefined;
  aptGet: boolean;
}

export type Decision = { found: string } | { install: true } | { fail: string };

export function decide(facts: Facts): Decision {
  for (const name of ENV_VARS) {
    const value = facts.env[name];
    if (!value) continue;
    // Named explicitly: a wrong path is a mistake to report, not a reason to try something else.
    const found = facts.resolve(value);
    return found ? { found } : { fail: `${name}=${value} is not an executable file: set it to the path of a Chromium or Chrome binary` };
  }
  for (const candidate of CANDIDATES) {
    const found = facts.resolve(candidate);
    if (found) return { found };
  }
  const debianLike = osIds(facts.osRelease ?? '').some((id) => id === 'debian' || id === 'ubuntu');
  if (debianLike && facts.aptGet && facts.root) return { install: true };
  const looked = `looked at ${ENV_VARS.map((name) => `$${name}`).join(', ')}, ${CANDIDATES.join(', ')}`;
  const fix = debianLike && facts.aptGet ? 'run `sudo apt-get install chromium`' : 'install Chromium or Google Chrome';
  return { fail: `no Chromium found for the browser tests (${looked}): ${fix}, or set MESHBENCH_CHROMIUM=/path/to/chrome` };
}

/** ID and ID_LIKE of an os-release file ("ID_LIKE=\"ubuntu debian\"" → ubuntu, debian). */
export function osIds(osRelease: string): string[] {
  return [...osRelease.matchAll(/^(?:ID|ID_LIKE)=(.*)$/gm)].flatMap((m) => m[1]!.replace(/^["']|["']$/g, '').split(/\s+/).filter(Boolean));
}

/** The executable file `candidate` names: itself when it is a path, else the first match on PATH. */
export function resolveExecutable(candidate: string, path: string): string | undefined {
  const files = candidate.includes('/') ? [candidate] : path.split(delimiter).filter(isAbsolute).map((dir) => join(dir, candidate));
  return files.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

export function machineFacts(env: NodeJS.ProcessEnv = process.env): Facts {
  const path = env.PATH ?? '';
  let osRelease: string | undefined;
  try {
    osRelease = readFileSync('/etc/os-release', 'utf8');
  } catch {
    osRelease = undefined;
  }
  return {
    env,
    resolve: (candidate) => resolveExecutable(candidate, path),
    root: process.getuid?.() === 0,
    osRelease,
    aptGet: resolveExecutable('apt-get', path) !== undefined,
  };
}

const LOCK = join(tmpdir(), 'meshbench-chromium-install.lock');

/**
 * The browser's path, installing Debian's chromium when `decide` says so. Called from the browser
 * test's beforeAll rather than a globalSetup, so runs without a browser test never look or install.
 */
export async function chromiumForTests(): Promise<string> {
  const first = decide(machineFacts());
  if ('found' in first) return first.found;
  if ('fail' in first) throw new Error(first.fail);
  return withLockFile(LOCK, async () => {
    // Another run may have installed it while this one waited for the lock.
    const again = decide(machineFacts());
    if ('found' in again) return again.found;
    if ('fail' in again) throw new Error(again.fail);
    process.stderr.write('no Chromium found: installing Debian\'s chromium for the browser tests (apt-get update, apt-get install chromium)\n');
    for (const [file, ...args] of INSTALL_COMMANDS) await run(file!, args);
    const after = decide(machineFacts());
    if ('found' in after) return after.found;
    throw new Error(`apt-get installed chromium, yet none of ${CANDIDATES.join(', ')} is an executable file`);
  });
}

async function run(file: string, args: string[]): Promise<void> {
  try {
    await execa(file, args, { all: true, env: { DEBIAN_FRONTEND: 'noninteractive' } });
  } catch (error) {
    if (!(error instanceof ExecaError)) throw error;
    throw new Error(`installing chromium for the browser tests failed: ${error.shortMessage}\n${error.all ?? ''}`, { cause: error });
  }
}
