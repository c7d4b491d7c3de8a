import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { cpuBetween, ProcSampler } from '../../src/measure/proc-sampler.ts';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A child running `code`, killed in afterEach; should we die first, the bounded loops and the stdin watch end it. */
async function child(code: string): Promise<number> {
  const proc = spawn(process.execPath, ['-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(proc);
  await new Promise((resolve) => proc.stdout!.once('data', resolve));
  return proc.pid!;
}

const WATCH_STDIN = 'process.stdin.on("end", () => process.exit()).resume();';
const IDLE = `console.log("up"); ${WATCH_STDIN}`;
const BURN = 'console.log("up"); const end = Date.now() + 10000; while (Date.now() < end) {}';
// Burns for 1.5 s, then idles: what a warm-up that must be cut looks like.
const BURN_THEN_IDLE = `console.log("up"); const end = Date.now() + 1500; while (Date.now() < end) {} ${WATCH_STDIN}`;

describe('ProcSampler', () => {
  it('sees a busy process above 200 millicores and an idle one below 50, with memory', async () => {
    const busy = await child(BURN);
    const idle = await child(IDLE);
    const sampler = new ProcSampler(() => [
      { component: 'busy', pid: busy },
      { component: 'idle', pid: idle },
    ], { intervalMs: 100 });
    sampler.start();
    sampler.measureFrom();
    await sleep(1_200);
    const usage = await sampler.stop(500);
    const byName = Object.fromEntries(usage.map((u) => [u.component, u]));
    expect(byName.busy!.cpuMillicores.avg).toBeGreaterThan(200);
    expect(byName.busy!.cpuMillicores.max).toBeGreaterThanOrEqual(byName.busy!.cpuMillicores.min);
    expect(byName.idle!.cpuMillicores.avg).toBeLessThan(50);
    expect(byName.busy!.memoryMiB.min).toBeGreaterThan(0);
    expect(byName.idle!.source).toBe(`pid ${idle}`);
    expect(byName.busy!.samples).toBeGreaterThanOrEqual(5);
    // ~1.2 s of one burning core over 500 requests ≈ 2.4 CPU-seconds per 1000 requests.
    expect(byName.busy!.cpuSecondsPer1000Requests).toBeGreaterThan(0.5);
    expect(byName.busy!.cpuSecondsPer1000Requests).toBeLessThan(5);
  });

  it('never reports more than the machine has: no rate from a sliver of an interval', async () => {
    const busy = await child(BURN);
    const ceiling = availableParallelism() * 1000;
    // The window opens 2 ms before a sampling tick would fire: 10 ms CPU ticks over that sliver read
    // as 0 or 5000 m. Many short cells, like a quick start's, make one such sliver all but certain.
    let max = 0;
    for (let cell = 0; cell < 16; cell++) {
      const sampler = new ProcSampler(() => [{ component: 'busy', pid: busy }], { intervalMs: 100 });
      sampler.start();
      await sleep(98);
      sampler.measureFrom();
      await sleep(150);
      const [usage] = await sampler.stop(100);
      max = Math.max(max, usage!.cpuMillicores.max);
      // One spinning thread: about a core on average, CPU time ÷ wall time of the window.
      expect(usage!.cpuMillicores.avg).toBeGreaterThan(400);
      expect(usage!.cpuMillicores.avg).toBeLessThanOrEqual(ceiling);
    }
    expect(max).toBeLessThanOrEqual(ceiling);
  }, 20_000);

  it('cuts the window at measureUntil(): CPU burnt after it is not counted', async () => {
    const pid = await child(`console.log("up"); ${WATCH_STDIN} process.stdin.once("data", () => { const end = Date.now() + 600; while (Date.now() < end) {} });`);
    const sampler = new ProcSampler(() => [{ component: 'workload', pid }], { intervalMs: 50 });
    sampler.start();
    sampler.measureFrom();
    await sleep(300);
    sampler.measureUntil();
    children.at(-1)!.stdin!.write('burn\n'); // the tail: a k6 Job finishing, logs read, deletes
    await sleep(700);
    const [usage] = await sampler.stop(100);
    expect(usage!.cpuMillicores.max).toBeLessThan(100);
    expect(usage!.cpuSecondsPer1000Requests).toBeLessThan(0.5);
  });

  it('sums the threads it saw at both readings, a thread born in between whole', () => {
    expect(cpuBetween(new Map([[1, 100n], [2, 50n]]), new Map([[1, 160n], [2, 50n], [3, 40n]]))).toBe(100n);
    // A thread gone since: its last partial interval is lost, never a negative.
    expect(cpuBetween(new Map([[1, 100n], [2, 500n]]), new Map([[1, 130n]]))).toBe(30n);
  });

  it('cuts the warm-up: CPU burnt before measureFrom() is not counted', async () => {
    const pid = await child(BURN_THEN_IDLE);
    const sampler = new ProcSampler(() => [{ component: 'workload', pid }], { intervalMs: 100 });
    sampler.start();
    await sleep(1_800); // the burst is over
    sampler.measureFrom();
    await sleep(600);
    const [usage] = await sampler.stop(100);
    expect(usage!.cpuMillicores.avg).toBeLessThan(50);
    expect(usage!.cpuSecondsPer1000Requests).toBeLessThan(0.5);
    expect(usage!.samples).toBeLessThan(12); // ~7 readings in the window, not the ~25 since start()
  });

  it('summarises a process that vanished mid-cell and follows a changing process list', async () => {
    const first = await child(IDLE);
    const second = await child(IDLE);
    let current = [{ component: 'workload', pid: first }];
    const sampler = new ProcSampler(() => current, { intervalMs: 100 });
    sampler.start();
    sampler.measureFrom();
    await sleep(400);
    children[0]!.kill('SIGKILL');
    current = [...current, { component: 'workload', pid: second }];
    await sleep(400);
    const usage = await sampler.stop(0);
    expect(usage.map((u) => u.source).sort()).toEqual([`pid ${first}`, `pid ${second}`].sort());
    for (const u of usage) {
      expect(u.samples).toBeGreaterThan(0);
      expect(u.cpuSecondsPer1000Requests).toBeUndefined();
    }
  });
});
