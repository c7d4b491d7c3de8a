// Issue 3: on the development machines (a docker client without a daemon, or no docker at all, and
// no kind) `meshbench run --target kind` fails fast — exit 3, the missing tools named with how to
// install them — and creates nothing. Deliberately unconditional: kind cannot be installed here,
// and a skipped test proves nothing.
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meshbench, root } from './cli.ts';

// Only the machine's own tool directories: no test fakes, no developer shims.
const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const onPath = (tool: string) =>
  PATH.split(':').some((dir) => {
    try {
      accessSync(join(dir, tool), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

// The shipped quickstart (its load cells default to k6 on kind), and the same suite pinned to the
// builtin driver, so the preflight is exercised whatever the state of the k6 driver. Both without
// the quickstart's gracePeriod, which only the local target applies (a cluster refuses it, exit 2:
// validate-exits-2-on-bad-suites.test.ts).
const quickstart = async (dir: string, name: string, edit: (text: string) => string = (text) => text) => {
  // Its 0.5s cell warm-up is a local choice too: k6 (the default driver on kind) refuses under 1s.
  const text = edit((await readFile(join(root, 'scenarios/quickstart.yaml'), 'utf8')).replace(/^ +gracePeriod: .*\n/m, '').replace(/^( +warmup:) 0\.5s$/m, '$1 1s'));
  expect(text).not.toMatch(/^ +gracePeriod:/m);
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
};
const SUITES: { label: string; suite: (dir: string) => Promise<string> }[] = [
  { label: 'scenarios/quickstart.yaml (no gracePeriod)', suite: (dir) => quickstart(dir, 'quickstart.yaml') },
  {
    label: 'quickstart with driver: builtin',
    suite: (dir) =>
      quickstart(dir, 'quickstart-builtin.yaml', (text) => {
        const edited = text.replace(/^target: local$/m, 'target: local\ndriver: builtin');
        expect(edited).toContain('\ndriver: builtin\n');
        return edited;
      }),
  },
];

for (const { label, suite } of SUITES) describe(`meshbench run ${label} --target kind on this machine`, () => {
  let dir: string;
  let runDir: string;
  let reportsBefore: string[];
  let result: Awaited<ReturnType<typeof meshbench>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'meshbench-failfast-'));
    runDir = join(dir, 'run');
    const file = await suite(dir);
    reportsBefore = readdirSync(join(root, 'reports'));
    result = await meshbench(['run', file, '--target', 'kind', '--out', runDir], { env: { PATH } });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is a machine without kind (the premise of this test, asserted rather than skipped on)', () => {
    expect(onPath('kind')).toBe(false);
  });

  it('exits 3 naming kind as missing, with how to install it', () => {
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(3);
    const stderr = String(result.stderr);
    expect(stderr).toContain('the kind target cannot run here');
    expect(stderr).toMatch(/missing +kind +not found on PATH/);
    expect(stderr).toContain('fix: install kind v0.30.0: https://kind.sigs.k8s.io/docs/user/quick-start/#installation');
    expect(stderr).toContain('(nothing was created)');
  });

  it('names docker as missing too: either not installed or its daemon not running', () => {
    const stderr = String(result.stderr);
    if (onPath('docker')) {
      expect(stderr).toMatch(/missing +docker +client \S+, but the daemon is not running/);
      expect(stderr).toContain('fix: start the Docker daemon');
    } else {
      expect(stderr).toMatch(/missing +docker +not found on PATH/);
      expect(stderr).toContain('fix: install Docker Engine: https://docs.docker.com/engine/install/');
    }
    expect(stderr).toMatch(/cannot run here: docker, kind\b/);
  });

  it('created nothing: no run directory and no new entry in reports/', () => {
    expect(existsSync(runDir)).toBe(false);
    expect(readdirSync(dir).filter((entry) => !entry.endsWith('.yaml'))).toEqual([]);
    expect(readdirSync(join(root, 'reports')).filter((entry) => !reportsBefore.includes(entry))).toEqual([]);
  });
});
