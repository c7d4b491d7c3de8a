// Writes a fixture run as a run directory on disk, the way `meshbench run` leaves it.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FixtureRun } from './fixtures.ts';

export async function writeRunDir(run: FixtureRun): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'meshbench-run-'));
  await writeFile(path.join(dir, 'run.json'), JSON.stringify(run.record));
  await writeFile(path.join(dir, 'results.json'), JSON.stringify({ schemaVersion: 1, results: run.results }));
  return dir;
}
