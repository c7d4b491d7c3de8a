// Writes compare.html, compare.md and compare.json, each atomically (temp + rename) and all or
// none, as `report` writes a run's reports.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomic } from '../results/atomic-write.ts';
import { claimDir } from '../results/run-dir.ts';
import { fsFault } from '../results/fs-fault.ts';
import type { CompareResult } from './compare-runs.ts';
import { renderCompareHtml } from './html.ts';
import { renderCompareMarkdown } from './markdown.ts';

const WRITERS: Record<string, (result: CompareResult) => string> = {
  'compare.html': renderCompareHtml,
  'compare.md': renderCompareMarkdown,
  'compare.json': (result) => `${JSON.stringify(result, null, 2)}\n`,
};

/**
 * `out` given: a new or empty directory, as `run --out` (nothing of anyone's is overwritten).
 * Default: `<candidate>/compare/`, meshbench's own, where a later compare replaces the files.
 */
export async function writeCompare(result: CompareResult, out: string | undefined): Promise<string[]> {
  let dir: string;
  if (out === undefined) {
    dir = path.join(result.candidate.dir, 'compare');
    await mkdir(dir, { recursive: true }).catch((error: unknown) => {
      throw fsFault('create directory', dir, error);
    });
  } else dir = (await claimDir(out)).dir;
  const written: string[] = [];
  try {
    for (const [file, writer] of Object.entries(WRITERS)) {
      const target = path.join(dir, file);
      await writeAtomic(target, writer(result));
      written.push(target);
    }
  } catch (error) {
    await Promise.all(written.map((file) => rm(file, { force: true }).catch(() => {})));
    throw error;
  }
  return written;
}
