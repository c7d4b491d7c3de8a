// `run --out` through the CLI: a file or a directory holding someone's files is bad input (exit 2,
// the path named, nothing touched), and /proc/x fails at once (exit 3) instead of spinning forever.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { meshbench } from './cli.ts';
import { tinySuite, writeSuite } from './suites.ts';

let dir = '';
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('run --out', () => {
  it("refuses a file and a directory with someone's files (exit 2), and /proc/x at once (exit 3)", async () => {
    const suite = await writeSuite(tinySuite({ duration: '1s' }));
    dir = suite.dir;
    const file = join(dir, 'a-file');
    await writeFile(file, 'mine');
    const onFile = await meshbench(['run', suite.file, '--out', file]);
    expect(onFile.exitCode, String(onFile.stderr)).toBe(2);
    expect(onFile.stderr).toContain(`error: --out ${file} exists and is not a directory`);
    expect(await readFile(file, 'utf8')).toBe('mine');

    const theirs = join(dir, 'theirs');
    await mkdir(theirs);
    await writeFile(join(theirs, 'index.html'), '<p>my page</p>');
    const onTheirs = await meshbench(['run', suite.file, '--out', theirs]);
    expect(onTheirs.exitCode, String(onTheirs.stderr)).toBe(2);
    expect(onTheirs.stderr).toContain(`error: --out ${theirs} is not empty (it holds index.html)`);
    expect(await readdir(theirs)).toEqual(['index.html']);
    expect(await readFile(join(theirs, 'index.html'), 'utf8')).toBe('<p>my page</p>');

    const onProc = await meshbench(['run', suite.file, '--out', '/proc/meshbench-x']);
    expect(onProc.exitCode, String(onProc.stderr)).toBe(3);
    expect(onProc.stderr).toContain('error: cannot create directory /proc/meshbench-x: /proc does not take new directories (ENOENT)');
  }, 60_000);
});
