// File-system faults, real ones: a small tmpfs that fills up (bytes mid-run, inodes while the
// reports are written, inodes before the run can start) and a read-only mount, each in a mount
// namespace of its own (unshare, util-linux; mount — both in Debian's base system). Every time:
// exit 3, the path and the cause named, no temp or reserve file left, and run.json — when there
// is one — "failed" with that error, never "running" or a "complete" without its reports.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from './cli.ts';
import { writeSuite } from './suites.ts';

const BIN = join(root, 'bin/meshbench.js');
const SUITE = `apiVersion: meshbench.dev/v1alpha1
kind: Suite
name: disk
target: local
profiles: [baseline]
workload: { delay: 0ms, size: 512, startupDelay: 0ms }
stackWarmup: 2s
experiments:
  - name: load
    type: load
    rates: [50]
    connections: [2]
    duration: 1s
    warmup: 200ms
    repetitions: 2
`;

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

interface Outcome {
  exitCode: number;
  stderr: string;
  /** The run directory's entries, or undefined when there is none. */
  files: string[] | undefined;
  record: { status: string; error?: string } | undefined;
  mnt: string;
}

/**
 * Runs `script` (sh) in a new mount namespace with $MNT a fresh mount point, $RUN the meshbench
 * command line and $OUT a directory outside the mount. The script mounts, runs meshbench and
 * leaves "$OUT/rc"; the run directory $MNT/run is copied out before the namespace goes.
 */
async function inMountNamespace(script: string): Promise<Outcome> {
  const suite = await writeSuite(SUITE);
  dirs.push(suite.dir);
  const mnt = join(suite.dir, 'mnt');
  const out = join(suite.dir, 'out');
  await mkdir(mnt);
  await mkdir(out);
  const run = `${process.execPath} ${BIN} run ${suite.file}`;
  const full = `set -u\n${script}\nif [ -d "$MNT/run" ]; then ls -A "$MNT/run" > "$OUT/files"; cp -a "$MNT/run" "$OUT/run"; fi\n`;
  // As root a mount namespace is enough; otherwise a user namespace maps us to root in it.
  const unshare = process.getuid?.() === 0 ? ['--mount'] : ['--map-root-user', '--mount'];
  const shell = await execa('unshare', [...unshare, 'sh', '-c', full], { env: { MNT: mnt, OUT: out, RUN: run }, reject: false, timeout: 90_000 });
  if (shell.exitCode !== 0) throw new Error(`the namespace script failed (${shell.exitCode}): ${shell.stderr}`);
  const read = (file: string) => readFile(join(out, file), 'utf8').catch(() => undefined);
  const files = await read('files');
  const record = await read('run/run.json');
  return {
    exitCode: Number(await read('rc')),
    stderr: (await read('stderr')) ?? '',
    files: files === undefined ? undefined : files.split('\n').filter(Boolean).sort(),
    record: record === undefined ? undefined : JSON.parse(record),
    mnt,
  };
}

describe('a full disk', () => {
  it('mid-run: results.json cannot be written → exit 3, run.json failed naming it, no temp file', async () => {
    // Fill the disk once the run directory exists, during the stack warm-up: the first cell's
    // results.json is the first write to find it full.
    const run = await inMountNamespace(`
      mount -t tmpfs -o size=4m tmpfs "$MNT"
      $RUN --out "$MNT/run" > "$OUT/stdout" 2> "$OUT/stderr" &
      pid=$!
      while [ ! -e "$MNT/run/results.json" ]; do sleep 0.05; done
      cat /dev/zero > "$MNT/fill" 2> /dev/null
      wait $pid; echo $? > "$OUT/rc"`);
    const results = join(run.mnt, 'run', 'results.json');
    expect(run.exitCode, run.stderr).toBe(3);
    expect(run.stderr).toContain(`error: cannot write ${results}: no space left on device (ENOSPC)`);
    expect(run.record?.status).toBe('failed');
    expect(run.record?.error).toMatch(new RegExp(`^cannot write ${results}: no space left on device \\(ENOSPC\\)`));
    expect(run.files).toEqual(['results.json', 'run.json']);
  }, 120_000);

  it('while the reports are written: run.json failed naming the report, no report left half-written', async () => {
    // Inodes for everything the run itself writes (reserve, run.json, results.json and one temp
    // file at a time), none for a report.
    const run = await inMountNamespace(`
      mount -t tmpfs -o size=8m tmpfs "$MNT"
      mkdir "$MNT/run"
      used=$(df --output=iused "$MNT" | tail -n 1)
      mount -o remount,nr_inodes=$((used + 4)) "$MNT"
      $RUN --out "$MNT/run" > "$OUT/stdout" 2> "$OUT/stderr"; echo $? > "$OUT/rc"`);
    expect(run.exitCode, run.stderr).toBe(3);
    const report = /cannot write \S+\/run\/(latency\.csv|coldstarts\.csv|resources\.csv|index\.html|summary\.md): no space left on device \(ENOSPC\)/;
    expect(run.stderr).toMatch(report);
    expect(run.record?.status).toBe('failed');
    expect(run.record?.error).toMatch(report);
    expect(run.files).toEqual(['results.json', 'run.json']);
  }, 120_000);

  it('before the run can start: exit 3 naming the file, and the directory meshbench made is gone', async () => {
    const run = await inMountNamespace(`
      mount -t tmpfs -o size=8m tmpfs "$MNT"
      mkdir "$MNT/run"
      used=$(df --output=iused "$MNT" | tail -n 1)
      mount -o remount,nr_inodes=$((used + 1)) "$MNT"
      $RUN --out "$MNT/run/sub" > "$OUT/stdout" 2> "$OUT/stderr"; echo $? > "$OUT/rc"`);
    expect(run.exitCode, run.stderr).toBe(3);
    expect(run.stderr).toContain(`error: cannot write ${join(run.mnt, 'run/sub/.run.json.reserve')}: no space left on device (ENOSPC)`);
    expect(run.files).toEqual([]); // run/sub was made by meshbench, and removed again
  }, 120_000);
});

describe('a read-only mount', () => {
  it('--out on it: exit 3, "cannot create directory …: read-only file system (EROFS)"', async () => {
    const run = await inMountNamespace(`
      mount -t tmpfs -o ro tmpfs "$MNT"
      $RUN --out "$MNT/run" > "$OUT/stdout" 2> "$OUT/stderr"; echo $? > "$OUT/rc"`);
    expect(run.exitCode, run.stderr).toBe(3);
    expect(run.stderr).toContain(`error: cannot create directory ${join(run.mnt, 'run')}: read-only file system (EROFS)`);
    expect(run.files).toBeUndefined();
  }, 120_000);

  it('the default reports/ in a read-only working directory: the same, naming reports', async () => {
    const run = await inMountNamespace(`
      mount -t tmpfs -o ro tmpfs "$MNT"
      cd "$MNT" && $RUN > "$OUT/stdout" 2> "$OUT/stderr"; echo $? > "$OUT/rc"`);
    expect(run.exitCode, run.stderr).toBe(3);
    expect(run.stderr).toContain('error: cannot create directory reports: read-only file system (EROFS)');
  }, 120_000);
});
