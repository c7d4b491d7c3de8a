// Interrupted is partial, in every way a user can interrupt: Ctrl-C in a terminal signals the
// whole process group — the emulation's children too — in the middle of a cold start; a second
// Ctrl-C 30 ms later leaves at once; SIGTERM does the same. Each time: exit 130, run.json
// partial with the signal, the interrupted cold-start cell partial (never "errored: fetch
// failed"), no temp or reserve file, and no process left behind.
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { meshbench } from './cli.ts';
import { descendantsOf, isRunning } from './process-tree.ts';
import { writeSuite } from './suites.ts';

/** One Knative profile, cold starts only; the workload's 2 s start-up leaves time to interrupt one. */
const COLD_SUITE = `apiVersion: meshbench.dev/v1alpha1
kind: Suite
name: cold
target: local
profiles: [knative-kourier]
workload: { delay: 0ms, size: 512, startupDelay: 2s }
experiments:
  - name: cold
    type: cold-start
    iterations: 5
    idle: 300ms
    gracePeriod: 200ms
`;
/** Under meshbench: the activator, the load service's queue-proxy and workload (prepared)… */
const PREPARED = 3;
/** …then the two processes of the instance a cold request waits for. */
const COLD_START_UNDER_WAY = 5;

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function interruptColdStart(signals: NodeJS.Signals[], gapMs: number, options: { childrenFirst?: boolean } = {}) {
  const suite = await writeSuite(COLD_SUITE);
  dirs.push(suite.dir);
  const runDir = join(suite.dir, 'run');
  const child = meshbench(['run', suite.file, '--out', runDir], { detached: true });
  const pid = child.pid!;
  const deadline = Date.now() + 60_000;
  const untilDescendants = async (count: number) => {
    while (descendantsOf(pid).length < count) {
      if (Date.now() > deadline) throw new Error(`fewer than ${count} processes under meshbench after 60 s: ${String((child.kill(), await child).stderr)}`);
      await sleep(20);
    }
    return descendantsOf(pid);
  };
  // The prepared profile's processes live until meshbench stops them; a cold instance may come and go.
  const prepared = await untilDescendants(PREPARED);
  // Under way: the activator has spawned the instance the cold request waits for.
  const processes = await untilDescendants(COLD_START_UNDER_WAY);
  let childrenOutlivedSigint = true;
  if (options.childrenFirst) {
    // The group's signal reaches its members in no promised order: let the children have it first.
    for (const member of processes) process.kill(member, 'SIGINT');
    await sleep(300);
    childrenOutlivedSigint = prepared.every(isRunning);
  }
  const sent = performance.now();
  for (const [i, signal] of signals.entries()) {
    if (i > 0) await sleep(gapMs);
    process.kill(-pid, signal); // the whole group, as a terminal does
  }
  const result = await child;
  const tookMs = performance.now() - sent;
  // Orphans of a process that left at once follow it when their stdin pipe closes.
  const left = Date.now() + 5_000;
  while (processes.some(isRunning) && Date.now() < left) await sleep(50);
  const record = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8'));
  const { results } = JSON.parse(await readFile(join(runDir, 'results.json'), 'utf8'));
  return { result, tookMs, processes, childrenOutlivedSigint, record, results, files: await readdir(runDir), runDir };
}

describe('interrupting a cold start', () => {
  it('Ctrl-C to the process group: exit 130, the cold-start cell partial, nothing left running', async () => {
    const run = await interruptColdStart(['SIGINT'], 0);
    expect(run.result.exitCode, String(run.result.stderr)).toBe(130);
    expect(run.tookMs).toBeLessThan(10_000);
    expect(run.record).toMatchObject({ status: 'partial', interruptedBy: 'SIGINT' });
    // The cell under way is recorded as what it is: interrupted, not failed.
    expect(run.results.map((r: { status: string; error?: string }) => [r.status, r.error])).toEqual([['partial', undefined]]);
    expect(run.record.notes.filter((note: string) => note.includes('errored'))).toEqual([]);
    expect(run.processes.filter(isRunning)).toEqual([]);
    expect(existsSync(join(run.runDir, 'index.html'))).toBe(true);
    expect(run.files.filter((file: string) => file.endsWith('.tmp') || file.includes('reserve'))).toEqual([]);
  }, 120_000);

  it("the children outlive a SIGINT that reaches them before meshbench, until meshbench stops the cell", async () => {
    const run = await interruptColdStart(['SIGINT'], 0, { childrenFirst: true });
    expect(run.childrenOutlivedSigint).toBe(true);
    expect(run.result.exitCode, String(run.result.stderr)).toBe(130);
    expect(run.results.map((r: { status: string; error?: string }) => [r.status, r.error])).toEqual([['partial', undefined]]);
    expect(run.processes.filter(isRunning)).toEqual([]);
  }, 120_000);

  it('a second Ctrl-C 30 ms later: exit 130 at once, run.json partial, not "running"', async () => {
    const run = await interruptColdStart(['SIGINT', 'SIGINT'], 30);
    expect(run.result.exitCode, String(run.result.stderr)).toBe(130);
    expect(run.tookMs).toBeLessThan(10_000);
    expect(run.record).toMatchObject({ status: 'partial', interruptedBy: 'SIGINT' });
    // Either the second Ctrl-C rewrote run.json on its way out (and says so), or the first one's
    // orderly finish had already written it, analysed, within those 30 ms: never "running" either way.
    const leftAtOnce = /second interrupt/.test(run.record.notes.at(-1) ?? '');
    expect(leftAtOnce || run.record.analysis !== undefined, JSON.stringify(run.record.notes)).toBe(true);
    expect(run.processes.filter(isRunning)).toEqual([]);
    expect(run.files.filter((file: string) => file.endsWith('.tmp') || file.includes('reserve'))).toEqual([]);
  }, 120_000);

  it('SIGTERM to the process group: exit 130, the cold-start cell partial', async () => {
    const run = await interruptColdStart(['SIGTERM'], 0);
    expect(run.result.exitCode, String(run.result.stderr)).toBe(130);
    expect(run.record).toMatchObject({ status: 'partial', interruptedBy: 'SIGTERM' });
    expect(run.results.map((r: { status: string; error?: string }) => [r.status, r.error])).toEqual([['partial', undefined]]);
    expect(run.processes.filter(isRunning)).toEqual([]);
  }, 120_000);

  it('two SIGTERMs 30 ms apart: exit 130, run.json partial, not "running"', async () => {
    const run = await interruptColdStart(['SIGTERM', 'SIGTERM'], 30);
    expect(run.result.exitCode, String(run.result.stderr)).toBe(130);
    expect(run.record).toMatchObject({ status: 'partial', interruptedBy: 'SIGTERM' });
    expect(run.processes.filter(isRunning)).toEqual([]);
    expect(run.files.filter((file: string) => file.endsWith('.tmp') || file.includes('reserve'))).toEqual([]);
  }, 120_000);
});
