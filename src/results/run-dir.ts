// Making the run directory, and undoing it when the run cannot even start. The contract of
// `--out DIR`: DIR must not exist or be an empty directory. meshbench never writes into a
// directory holding anything else — someone's files, or an earlier run (even an interrupted one:
// runs are not resumed, so its run.json stays as it is).
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.ts';
import { fsFault } from './fs-fault.ts';

/** A run directory and the directories meshbench created for it (outermost first). */
export interface RunDir {
  dir: string;
  created: string[];
}

const SHOWN_ENTRIES = 3;

/** An exact run directory (`--out`): created if absent, used if empty, refused otherwise. */
export async function claimDir(dir: string): Promise<RunDir> {
  if (dir.trim() === '') throw new UsageError('--out needs a directory; got an empty string');
  const kind = await kindOf(dir);
  if (kind === 'other') throw new UsageError(`--out ${dir} exists and is not a directory; --out takes a new or an empty directory`);
  if (kind === 'missing') return { dir, created: await makeDirs(dir) };
  const entries = await readdir(dir).catch((error: unknown) => {
    throw fsFault('read directory', dir, error);
  });
  if (entries.includes('run.json')) throw new UsageError(`${dir} already holds a run (run.json); choose another directory`);
  if (entries.length > 0) {
    const shown = entries.sort().slice(0, SHOWN_ENTRIES).join(', ');
    const more = entries.length > SHOWN_ENTRIES ? ` and ${entries.length - SHOWN_ENTRIES} more` : '';
    throw new UsageError(`--out ${dir} is not empty (it holds ${shown}${more}); meshbench writes a run only into a new or an empty directory, so no file there is overwritten`);
  }
  return { dir, created: [] };
}

/** parent/base, or parent/base-2, -3 …: mkdir without `recursive` fails on an existing directory, which makes the name check atomic. */
export async function makeUniqueDir(parent: string, base: string): Promise<RunDir> {
  const created = await makeDirs(parent);
  for (let attempt = 1; ; attempt++) {
    const dir = path.join(parent, attempt === 1 ? base : `${base}-${attempt}`);
    try {
      await mkdir(dir);
      return { dir, created: [...created, dir] };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      await removeDirs(created);
      throw fsFault('create directory', dir, error);
    }
  }
}

/** Remove the directories meshbench created (innermost first), only if they are still empty. */
export async function removeDirs(created: readonly string[]): Promise<void> {
  for (const dir of [...created].reverse()) await rmdir(dir).catch(() => {});
}

/**
 * mkdir -p, one level at a time: Node's `mkdir({ recursive: true })` spins forever at 100 % CPU
 * where mkdir answers ENOENT under a parent that exists (/proc/x). Returns what it created.
 */
async function makeDirs(dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (let current = path.normalize(dir); ; current = path.dirname(current)) {
    const kind = await kindOf(current);
    if (kind === 'directory') break;
    if (kind === 'other') throw new UsageError(`cannot create ${dir}: ${current} exists and is not a directory`);
    missing.unshift(current);
    if (path.dirname(current) === current) break;
  }
  const created: string[] = [];
  for (const level of missing) {
    try {
      await mkdir(level);
      created.push(level);
    } catch (error) {
      const { code } = error as NodeJS.ErrnoException;
      if (code === 'EEXIST' && (await kindOf(level)) === 'directory') continue; // made by someone else meanwhile
      await removeDirs(created);
      // ENOENT under a parent that exists: a file system that takes no new directories (/proc).
      if (code === 'ENOENT') throw new Error(`cannot create directory ${level}: ${path.dirname(level)} does not take new directories (ENOENT)`, { cause: error });
      throw fsFault('create directory', level, error);
    }
  }
  return created;
}

async function kindOf(file: string): Promise<'directory' | 'other' | 'missing'> {
  try {
    return (await stat(file)).isDirectory() ? 'directory' : 'other';
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    // ENOTDIR: an ancestor is a file; the walk up finds it and says so.
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw fsFault('read', file, error);
  }
}
