// k6 is required by doctor only when a suite runs the k6 binary on this machine; k6 cannot be
// installed on the development machines, so this is what they report.
import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { meshbench } from '../e2e/cli.ts';
import { writeSuite } from '../e2e/suites.ts';

const suite = (driver: string) => `apiVersion: meshbench.dev/v1alpha1
kind: Suite
name: k6-here
target: local
driver: ${driver}
profiles: [baseline]
experiments:
  - { name: load, type: load, rates: [10], duration: 1s }
`;

describe('meshbench doctor and k6', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('a local suite with driver k6 needs the k6 binary: missing → exit 3 with how to install it', async () => {
    const { dir, file } = await writeSuite(suite('k6'));
    dirs.push(dir);
    const result = await meshbench(['doctor', file]);
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toMatch(/missing +k6 /);
    expect(result.stdout).toContain('fix: install k6 v0.57 or newer');
  });

  it('a builtin-driver suite only mentions k6 as optional', async () => {
    const { dir, file } = await writeSuite(suite('builtin'));
    dirs.push(dir);
    const result = await meshbench(['doctor', file]);
    expect(result.exitCode, String(result.stdout)).toBe(0);
    expect(result.stdout).toMatch(/warning +k6 .*optional/);
  });
});
