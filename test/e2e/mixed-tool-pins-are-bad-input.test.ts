// Issue 8: `run` and `plan --target kind` refuse a suite whose profiles pin several kind or Istio
// releases (one kind and one istioctl serve a run) as bad input — exit 2, each pin located — before
// asking any tool anything, and before a run directory exists.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakePath, type FakePath } from '../fakes/fake-path.ts';
import { meshbench } from './cli.ts';

// A local-target suite: only --target kind makes its pins matter.
const SUITE = 'test/fixtures/suites/mixed-tool-pins-local.yaml';
// Where the pins stand in the shipped profile file (its comments may change).
const lineOf = (key: string) => readFileSync('clusters/profiles/istio-1.4-mixer.yaml', 'utf8').split('\n').findIndex((line) => line.trimStart().startsWith(`${key}:`)) + 1;
const LOCATED = [
  new RegExp(`^error: clusters/profiles/istio-1\\.4-mixer\\.yaml:${lineOf('kindVersion')}:16: kubernetes\\.kindVersion: expected every profile to pin the same kind release`, 'm'),
  new RegExp(`^clusters/profiles/istio-1\\.4-mixer\\.yaml:${lineOf('version')}:12: mesh\\.version: expected every Istio profile to pin the same Istio release`, 'm'),
  /^test\/fixtures\/suites\/mixed-tool-pins-local\.yaml:17:16: profiles\[3\]\.mesh\.version: /m,
];

describe('a suite one PATH cannot serve, on --target kind', () => {
  let fakes: FakePath;
  let dir: string;
  beforeAll(async () => {
    fakes = await fakePath();
    dir = await mkdtemp(join(tmpdir(), 'meshbench-pins-'));
  });
  afterAll(async () => {
    await fakes.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  for (const command of ['run', 'plan']) {
    it(`${command} exits 2 naming every pin that differs, and runs nothing`, async () => {
      const runDir = join(dir, command);
      const result = await meshbench([command, SUITE, '--target', 'kind', '--out', runDir], { env: fakes.env });
      expect(result.exitCode, String(result.stderr)).toBe(2);
      for (const line of LOCATED) expect(result.stderr).toMatch(line);
      expect(result.stderr).toContain('split the suite, one per kind release');
      expect(await fakes.calls()).toEqual([]);
      expect(existsSync(runDir)).toBe(false);
    });
  }

  it('the same suite plans on its own (local) target', async () => {
    const result = await meshbench(['plan', SUITE], { env: fakes.env });
    expect(result.exitCode, String(result.stderr)).toBe(0);
  });
});
