// Which browser the browser tests get, decided from injected facts about the machine (no browser is
// uninstalled here), plus the two effects it rests on against the real file system: the PATH lookup
// and the lock that keeps two test runs from running apt-get at once.
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { decide, osIds, resolveExecutable, type Facts } from './chromium.ts';
import { withLockFile } from './lock-file.ts';

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n';
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const MINT = 'NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\n';
const ELEMENTARY = 'NAME="elementary OS"\nID=elementary\nID_LIKE=ubuntu\n';
const FEDORA = 'NAME="Fedora Linux"\nID=fedora\n';

/** A machine where exactly `executables` resolve (names on PATH as /usr/bin/<name>). */
function facts(executables: string[], rest: Partial<Omit<Facts, 'resolve'>> = {}): Facts {
  const resolve = (candidate: string) => {
    const file = candidate.includes('/') ? candidate : `/usr/bin/${candidate}`;
    return executables.includes(file) ? file : undefined;
  };
  return { env: {}, resolve, root: true, osRelease: DEBIAN, aptGet: true, ...rest };
}

describe('decide', () => {
  it('takes MESHBENCH_CHROMIUM over CHROME_PATH over any installed browser', () => {
    const all = ['/opt/a/chrome', '/opt/b/chrome', '/usr/bin/chromium'];
    expect(decide(facts(all, { env: { MESHBENCH_CHROMIUM: '/opt/a/chrome', CHROME_PATH: '/opt/b/chrome' } }))).toEqual({ found: '/opt/a/chrome' });
    expect(decide(facts(all, { env: { CHROME_PATH: '/opt/b/chrome' } }))).toEqual({ found: '/opt/b/chrome' });
    expect(decide(facts(all, { env: { MESHBENCH_CHROMIUM: '', CHROME_PATH: '' } }))).toEqual({ found: '/usr/bin/chromium' });
  });

  it('reports a variable that names no executable instead of falling back or installing', () => {
    expect(decide(facts(['/usr/bin/chromium'], { env: { MESHBENCH_CHROMIUM: '/nowhere/chrome' } }))).toEqual({
      fail: 'MESHBENCH_CHROMIUM=/nowhere/chrome is not an executable file: set it to the path of a Chromium or Chrome binary',
    });
    expect(decide(facts([], { env: { CHROME_PATH: 'chrome' } }))).toMatchObject({ fail: expect.stringMatching(/^CHROME_PATH=chrome is not/) });
  });

  it('prefers Debian and Ubuntu Chromium, then Google Chrome, the /opt binary last', () => {
    const order = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome'];
    order.forEach((winner, i) => expect(decide(facts(order.slice(i))), winner).toEqual({ found: winner }));
  });

  it('installs only as root on Debian or a derivative, with apt-get', () => {
    for (const osRelease of [DEBIAN, UBUNTU, MINT, ELEMENTARY]) expect(decide(facts([], { osRelease }))).toEqual({ install: true });
  });

  it('tells a non-root Debian user the one command that fixes it', () => {
    expect(decide(facts([], { root: false }))).toEqual({
      fail:
        'no Chromium found for the browser tests (looked at $MESHBENCH_CHROMIUM, $CHROME_PATH, /usr/bin/chromium, chromium, chromium-browser, google-chrome, google-chrome-stable, /opt/google/chrome/chrome): ' +
        'run `sudo apt-get install chromium`, or set MESHBENCH_CHROMIUM=/path/to/chrome',
    });
  });

  it('does not reach for apt-get elsewhere: another distribution, no os-release, or no apt-get', () => {
    for (const machine of [{ osRelease: FEDORA }, { osRelease: undefined }, { aptGet: false }, { osRelease: FEDORA, root: false }]) {
      expect(decide(facts([], machine)), JSON.stringify(machine)).toMatchObject({
        fail: expect.stringMatching(/: install Chromium or Google Chrome, or set MESHBENCH_CHROMIUM=\/path\/to\/chrome$/),
      });
    }
  });
});

describe('osIds', () => {
  it('reads ID and the quoted, space-separated ID_LIKE', () => {
    expect(osIds(MINT)).toEqual(['linuxmint', 'ubuntu', 'debian']);
    expect(osIds("ID='debian'\nVERSION_ID=12\n")).toEqual(['debian']);
  });
});

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'meshbench-chromium-'));
  dirs.push(dir);
  return dir;
};

describe('resolveExecutable', () => {
  it('finds the first executable file on PATH, skipping plain files, directories and relative entries', async () => {
    const [a, b, c] = [await tempDir(), await tempDir(), await tempDir()];
    await writeFile(join(a, 'chromium'), '');
    await mkdir(join(b, 'chromium'));
    await writeFile(join(c, 'chromium'), '#!/bin/sh\n');
    await chmod(join(c, 'chromium'), 0o755);
    expect(resolveExecutable('chromium', ['.', a, b, c].join(':'))).toBe(join(c, 'chromium'));
    expect(resolveExecutable(join(c, 'chromium'), '')).toBe(join(c, 'chromium'));
    expect(resolveExecutable(join(a, 'chromium'), '')).toBeUndefined();
    expect(resolveExecutable('chromium', [a, b].join(':'))).toBeUndefined();
  });
});

describe('withLockFile', () => {
  it('runs holders one at a time and releases the lock after a failure', async () => {
    const lock = join(await tempDir(), 'lock');
    const events: string[] = [];
    const hold = (name: string) =>
      withLockFile(lock, async () => {
        events.push(`${name} in`);
        await sleep(50);
        events.push(`${name} out`);
      }, 10);
    await Promise.all([hold('a'), hold('b'), hold('c')]);
    expect(events.filter((_, i) => i % 2 === 0).map((e) => e.split(' ')[0])).toEqual(events.filter((_, i) => i % 2 === 1).map((e) => e.split(' ')[0]));
    await expect(withLockFile(lock, () => Promise.reject(new Error('apt failed')))).rejects.toThrow('apt failed');
    await expect(withLockFile(lock, async () => 'free again')).resolves.toBe('free again');
  });

  it('takes over a lock left by a process that has died, and waits for a live one', async () => {
    const lock = join(await tempDir(), 'lock');
    await writeFile(lock, '999999999');
    await expect(withLockFile(lock, async () => readFile(lock, 'utf8'))).resolves.toBe(String(process.pid));
    await writeFile(lock, String(process.ppid));
    const waiting = withLockFile(lock, async () => 'got it', 10);
    await sleep(100);
    expect(await readFile(lock, 'utf8')).toBe(String(process.ppid));
    await rm(lock);
    await expect(waiting).resolves.toBe('got it');
  });
});
