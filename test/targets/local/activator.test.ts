import { afterEach, describe, expect, it } from 'vitest';
import { startChild } from '../../../src/targets/local/processes.ts';
import type { Child } from '../../../src/targets/local/processes.ts';
import { ACTIVATOR_PHASES, TIMELINE_HEADER } from '../../../src/targets/local/activator-protocol.ts';
import type { ActivatorState, ColdTimeline, ProcessEvent } from '../../../src/targets/local/activator-protocol.ts';
import { ACTIVATOR_SERVER, call, eventually, isAlive } from './support.ts';

let activator: Child | undefined;
afterEach(async () => {
  await activator?.stop();
  activator = undefined;
});

async function startActivator(gracePeriod: string, startupDelay = '300ms', extra: string[] = []) {
  const events: ProcessEvent[] = [];
  activator = await startChild({
    name: 'activator',
    args: [ACTIVATOR_SERVER, '--port', '0', '--grace-period', gracePeriod, '--startup-delay', startupDelay, '--size', '512', ...extra],
    onEvent: (event) => events.push(event as unknown as ProcessEvent),
  });
  const base = `http://127.0.0.1:${activator.port}`;
  const state = async () => (await call(`${base}/__meshbench/state`)).body.toString();
  return { base, events, state: async () => JSON.parse(await state()) as ActivatorState };
}

const timelineOf = (headers: Record<string, unknown>) => {
  const header = headers[TIMELINE_HEADER];
  return typeof header === 'string' ? (JSON.parse(header) as ColdTimeline) : undefined;
};

describe('activator emulation', () => {
  it('holds a cold request, starts the instance, and reports ordered phases', async () => {
    const { base, events } = await startActivator('30s');
    const sent = process.hrtime.bigint();
    const answer = await call(`${base}/svc-1/?size=64`, { fresh: true });
    expect(answer.status).toBe(200);
    expect(answer.body.length).toBe(64);
    expect(answer.headers['x-meshbench-hop']).toBe('workload, queue-proxy, activator');
    const timeline = timelineOf(answer.headers)!;
    const marks = ACTIVATOR_PHASES.map((phase) => BigInt(timeline[phase]));
    expect(marks[0]).toBeGreaterThan(sent);
    for (let i = 1; i < marks.length; i++) expect(marks[i]).toBeGreaterThanOrEqual(marks[i - 1]!);
    // port_open − spawned covers at least the workload's startup delay.
    expect(Number(BigInt(timeline.port_open) - BigInt(timeline.spawned)) / 1e6).toBeGreaterThanOrEqual(300);
    expect(events.filter((e) => e.state === 'started').map((e) => e.component).sort()).toEqual(['queue-proxy', 'workload']);
  });

  it('shares one scale-up between concurrent cold requests and keeps the next one warm', async () => {
    const { base, events, state } = await startActivator('30s');
    const answers = await Promise.all([1, 2, 3].map(() => call(`${base}/svc-1/`, { fresh: true })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.body.length)).toEqual([512, 512, 512]);
    const spawned = new Set(answers.map((a) => timelineOf(a.headers)!.spawned));
    expect(spawned.size).toBe(1);
    expect(events.filter((e) => e.component === 'workload' && e.state === 'started')).toHaveLength(1);
    const warm = await call(`${base}/svc-1/`);
    expect(warm.status).toBe(200);
    expect(timelineOf(warm.headers)).toBeUndefined();
    const { services, timelines } = await state();
    expect(services['svc-1']!.instance!.state).toBe('ready');
    expect(timelines).toHaveLength(3);
  });

  it('scales to zero after the grace period, and a later request is cold again', async () => {
    const { base, events, state } = await startActivator('400ms', '0ms');
    await call(`${base}/svc-2/`);
    const within = await call(`${base}/svc-2/`); // inside the grace period: warm
    expect(timelineOf(within.headers)).toBeUndefined();
    const pids = events.filter((e) => e.state === 'started').map((e) => e.pid);
    await eventually(async () => Object.keys((await state()).services).length === 0);
    expect(pids.every((pid) => !isAlive(pid))).toBe(true);
    expect(events.filter((e) => e.state === 'exited')).toHaveLength(2);
    const again = await call(`${base}/svc-2/`);
    expect(timelineOf(again.headers)?.service).toBe('svc-2');
  });

  it('scales to zero on demand and takes a new grace period from the control endpoint', async () => {
    const { base, state } = await startActivator('30s', '0ms');
    await call(`${base}/svc-1/`);
    await call(`${base}/svc-2/`);
    expect(Object.keys((await state()).services).sort()).toEqual(['svc-1', 'svc-2']);
    const zero = await call(`${base}/__meshbench/scale-to-zero`, { method: 'POST' });
    expect(JSON.parse(zero.body.toString()).services).toEqual({});
    const config = await call(`${base}/__meshbench/config`, { method: 'POST', body: '{"gracePeriodMs":250}' });
    expect(JSON.parse(config.body.toString()).gracePeriodMs).toBe(250);
    await call(`${base}/svc-1/`);
    await eventually(async () => Object.keys((await state()).services).length === 0, 5_000);
  });

  it('holds a --min-scale-one service at one instance past its grace period and a scale-to-zero, and no other', async () => {
    const { base, events, state } = await startActivator('100ms', '0ms', ['--min-scale-one', 'echo']);
    await call(`${base}/echo/`);
    await call(`${base}/svc-1/`);
    await eventually(async () => Object.keys((await state()).services).join() === 'echo', 5_000);
    await call(`${base}/__meshbench/scale-to-zero`, { method: 'POST' });
    await new Promise((resolve) => setTimeout(resolve, 300)); // three grace periods
    const echo = (await state()).services.echo!;
    expect(echo.instance?.state).toBe('ready');
    // Still the first instance: never stopped and started again.
    expect(events.filter((e) => e.service === 'echo' && e.state === 'started')).toHaveLength(2);
  });

  it('takes its instances down with it when it exits', async () => {
    const { base, events } = await startActivator('30s', '0ms');
    await call(`${base}/svc-1/`);
    const pids = events.map((e) => e.pid);
    expect(pids).toHaveLength(2);
    process.kill(activator!.pid, 'SIGKILL'); // no chance to clean up: the stdin pipes must do it
    await eventually(() => pids.every((pid) => !isAlive(pid)));
  });
});
