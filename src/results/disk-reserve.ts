// Space held back for the last word. A run that fails because the disk filled up must still say
// so in run.json, and writing run.json needs free space (the new file exists next to the old one
// until the rename). So the run directory holds a reserve file while the run lives; the failure
// path deletes it first and then writes run.json into the room it leaves. Twice the first run.json
// (at least 64 KiB) covers the failed record: it is that record, compact, plus an error and notes.
import { rmSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fsFault } from './fs-fault.ts';

export const RESERVE_FILE = '.run.json.reserve';
const MIN_RESERVE = 64 * 1024;

export async function holdSpace(dir: string, runJsonBytes: number): Promise<void> {
  const file = path.join(dir, RESERVE_FILE);
  // Written, not truncated to size: a sparse file would hold no blocks.
  await writeFile(file, Buffer.alloc(Math.max(MIN_RESERVE, 2 * runJsonBytes))).catch((error: unknown) => {
    throw fsFault('write', file, error);
  });
}

export async function releaseSpace(dir: string): Promise<void> {
  await rm(path.join(dir, RESERVE_FILE), { force: true }).catch(() => {});
}

export function releaseSpaceSync(dir: string): void {
  try {
    rmSync(path.join(dir, RESERVE_FILE), { force: true });
  } catch {
    // leaving anyway
  }
}
