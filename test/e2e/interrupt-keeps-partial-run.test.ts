// Ctrl-C in the middle of a run: exit within 5 s, no process left behind, a run directory
// marked partial whose measured cells still render.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { meshbench } from './cli.ts';
import { descendantsOf, isRunning } from './process-tree.ts';
import { tinySuite, writeSuite } from './suites.ts';

async function resultCount(runDir: string): Promise<number> {
  try {
    return JSON.parse(await readFile(join(runDir, 'results.json'), 'utf8')).results.length;
  } catch {
    return 0;
  }
}

describe('SIGINT during meshbench run', () => {
  let dir = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('stops within 5 s, leaves no process and a partial run that renders', async () => {
    const suite = await writeSuite(tinySuite({ duration: '4s', repetitions: 3 }));
    dir = suite.dir;
    const runDir = join(dir, 'run');
    const child = meshbench(['run', suite.file, '--out', runDir]);

    // Interrupt once two cells are stored and the third is under way, with its processes up.
    while ((await resultCount(runDir)) < 2) await sleep(100);
    await sleep(1_500);
    const processes = descendantsOf(child.pid!);
    expect(processes.length).toBeGreaterThan(0);

    const sent = performance.now();
    child.kill('SIGINT');
    const result = await child;
    const tookMs = performance.now() - sent;

    expect(tookMs).toBeLessThan(5_000);
    expect(result.exitCode, String(result.stderr)).toBe(130);
    expect(result.stderr).toMatch(/SIGINT received/);
    await sleep(200); // let the kernel reap
    expect(processes.filter(isRunning)).toEqual([]);

    const record = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8'));
    expect(record.status).toBe('partial');
    expect(record.interruptedBy).toBe('SIGINT');
    const measured = await resultCount(runDir);
    expect(measured).toBeGreaterThanOrEqual(2);

    await rm(join(runDir, 'index.html'));
    const report = await meshbench(['report', runDir]);
    expect(report.exitCode, String(report.stderr)).toBe(0);
    expect(existsSync(join(runDir, 'index.html'))).toBe(true);
    expect(await readFile(join(runDir, 'summary.md'), 'utf8')).toMatch(/partial/i);
  }, 90_000);
});
