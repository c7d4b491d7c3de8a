// Temp file + rename, so a reader (or a crash) never sees half a file; a failed write removes its
// temp file and names the file it was for.
import { readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fsFault } from './fs-fault.ts';

/** The temp file for `target`; `tag` tells concurrent writers of one process apart. */
export function tempFor(target: string, tag = ''): string {
  return `${target}.${process.pid}${tag ? `.${tag}` : ''}.tmp`;
}

export async function writeAtomic(target: string, text: string, temp = tempFor(target)): Promise<void> {
  try {
    await writeFile(temp, text);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw fsFault('write', target, error);
  }
}

/** For the moment the process leaves at once (a second Ctrl-C): nothing asynchronous runs after it. */
export function writeAtomicSync(target: string, text: string, temp = tempFor(target)): void {
  try {
    writeFileSync(temp, text);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw fsFault('write', target, error);
  }
}

/** Remove the temp files this process left in `dir` (writes cut short by process.exit). */
export function removeOwnTempsSync(dir: string): void {
  const own = `.${process.pid}.`;
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.tmp') && name.includes(own)) rmSync(path.join(dir, name), { force: true });
  }
}
