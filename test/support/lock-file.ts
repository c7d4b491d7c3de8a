// A cross-process lock as a file holding its owner's pid, so concurrent test runs (other worktrees,
// other vitest processes) do not run apt-get at the same time. The file appears atomically with the
// pid already in it (written aside, then hard-linked into place), so a reader never sees it empty;
// a lock whose owner has died is taken over.
import { randomUUID } from 'node:crypto';
import { link, readFile, rm, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** Runs `fn` while holding the lock `file`, waiting for another holder to finish first. */
export async function withLockFile<T>(file: string, fn: () => Promise<T>, pollMs = 500): Promise<T> {
  const mine = `${file}.${randomUUID()}`;
  await writeFile(mine, String(process.pid));
  try {
    while (!(await tryLink(mine, file))) {
      if (!alive(Number(await readFile(file, 'utf8').catch(() => '')))) await rm(file, { force: true });
      else await sleep(pollMs);
    }
  } finally {
    await rm(mine, { force: true });
  }
  try {
    return await fn();
  } finally {
    await rm(file, { force: true });
  }
}

async function tryLink(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
