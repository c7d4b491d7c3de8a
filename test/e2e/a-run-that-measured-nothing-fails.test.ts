// A run in which every cell errored is no success: exit 3, run.json "failed" saying nothing was
// measured, one note per errored cell naming it and why; the summary is still printed.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { meshbench } from './cli.ts';
import { writeSuite } from './suites.ts';

// The local target refuses to time a plain Deployment 0 → 1: both cells error.
const SUITE = `apiVersion: meshbench.dev/v1alpha1
kind: Suite
name: nothing
target: local
profiles: [baseline]
workload: { delay: 0ms, size: 512, startupDelay: 0ms }
experiments:
  - name: cold
    type: cold-start
    profiles: [baseline]
    iterations: 1
    idle: 100ms
  - name: again
    type: cold-start
    profiles: [baseline]
    iterations: 1
    idle: 100ms
`;

let dir = '';
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a run that measured nothing', () => {
  it('exits 3 with run.json failed and a note per errored cell', async () => {
    const suite = await writeSuite(SUITE);
    dir = suite.dir;
    const runDir = join(dir, 'run');
    const result = await meshbench(['run', suite.file, '--out', runDir]);
    expect(result.exitCode, String(result.stderr)).toBe(3);
    expect(result.stderr).toContain('error: nothing was measured: none of the 2 cells produced a sample without an error');
    expect(result.stdout).toMatch(/FAILED/);
    const record = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8'));
    expect(record.status).toBe('failed');
    expect(record.error).toMatch(/^nothing was measured/);
    const errored = record.notes.filter((note: string) => note.includes(' errored: '));
    expect(errored).toEqual(['cold', 'again'].map((experiment) => `cell baseline/${experiment}/services=1/r1 errored: the local target does not emulate a plain Deployment scaled 0 → 1 (profile baseline); run this cold-start experiment with --target kind or --target existing`));
  }, 60_000);
});
