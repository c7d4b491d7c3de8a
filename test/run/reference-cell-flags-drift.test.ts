// Issue 10, item 4 on the cluster schedule: profiles run one after another, and the reference cell
// (the builtin driver against an echo on 127.0.0.1) runs at the start and the end. A shift of the
// end against the start whose 95 % interval excludes 0 is flagged as drift; one inside the noise is not.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { builtinDriver } from '../../src/drivers/builtin/index.ts';
import { expandPlan } from '../../src/plan/expand.ts';
import { referenceDrift } from '../../src/run/drift.ts';
import { executePlan } from '../../src/run/execute.ts';
import type { StartReference } from '../../src/run/reference-cell.ts';
import type { Target } from '../../src/targets/target.ts';
import { suiteOf } from '../plan/suite-of.ts';

async function listen(handler: (delayMs: number) => number, server: Server = createServer()): Promise<{ url: string; close(): Promise<void> }> {
  let calls = 0;
  server.on('request', async (req, res) => {
    req.resume();
    const delayMs = handler(calls++);
    if (delayMs > 0) await sleep(delayMs);
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('the reference cell on a sequential schedule', () => {
  it('runs before the first profile and after the last, and flags an injected drift', async () => {
    const suite = suiteOf({
      profiles: ['baseline', 'istio-sidecar'],
      experiments: [{ name: 'load', type: 'load', driver: 'builtin', rates: [20], connections: [1], duration: '500ms', warmup: '200ms', repetitions: 1 }],
    });
    const plan = expandPlan(suite, { target: 'kind' });
    expect(plan.schedule).toBe('sequential');
    expect(plan.reference).toMatchObject({ repetitions: 5, rate: 200, durationMs: 1_000 });
    // A cluster's warm-up is 30 s; this test is about the order, so warm for a moment.
    for (const group of plan.groups) if ('cell' in group.warmup) group.warmup.cell.durationMs = 300;
    const events: string[] = [];
    const target: Target = {
      name: 'kind',
      emulation: false,
      async prepare(profile) {
        const server = await listen(() => 0);
        events.push(`prepare ${profile.name}`);
        return {
          profile: profile.name,
          url: server.url,
          dataPath: ['client', 'workload'],
          notes: [],
          sampler: () => ({ start() {}, measureFrom() {}, measureUntil() {}, stop: async () => [] }),
          close: async () => (events.push(`close ${profile.name}`), server.close()),
        };
      },
      cleanup: async () => void events.push('cleanup'),
    };
    // The machine "drifts": the echo answering the end reference takes 4 ms longer.
    let starts = 0;
    const startReference: StartReference = async () => {
      const delayMs = starts++ === 0 ? 0 : 4;
      return listen(() => delayMs);
    };
    const outcome = await executePlan(suite, plan, {
      target,
      driverFor: (_cell, session) => ({ driver: builtinDriver, endpoint: { url: session.url } }),
      onResult: async () => {},
      onEvent: (event) => {
        if (event.type === 'reference') events.push(`reference ${event.phase}`);
        if (event.type === 'cell-start') events.push(`cell ${event.cellId}`);
      },
      startReference,
      signal: new AbortController().signal,
    });
    expect(outcome.status).toBe('complete');
    expect(events).toEqual([
      'reference start',
      'prepare baseline', 'cell baseline/load/rate=20,c=1/r1', 'close baseline',
      'prepare istio-sidecar', 'cell istio-sidecar/load/rate=20,c=1/r1', 'close istio-sidecar',
      'reference end',
      'cleanup',
    ]);
    expect(outcome.order).toEqual(['baseline/load/rate=20,c=1/r1', 'istio-sidecar/load/rate=20,c=1/r1']);
    const drift = outcome.drift;
    if (drift?.method !== 'reference' || 'error' in drift) throw new Error(`no drift check: ${JSON.stringify(drift)}`);
    expect(drift.start).toHaveLength(5);
    expect(drift.end).toHaveLength(5);
    expect(drift.shiftMs).toBeGreaterThan(3);
    expect(drift.ci!.low).toBeGreaterThan(0);
    expect(drift.flagged).toBe(true);
  }, 60_000);

  it('does not flag a shift inside the noise, and flags one beyond it either way', () => {
    const start = [0.81, 0.79, 0.84, 0.8, 0.83];
    expect(referenceDrift(start, [0.82, 0.78, 0.85, 0.8, 0.81])).toMatchObject({ flagged: false, ci: { low: expect.any(Number), high: expect.any(Number) } });
    const same = referenceDrift(start, [0.8, 0.83, 0.79, 0.84, 0.81]);
    expect(same.ci!.low).toBeLessThan(0);
    expect(same.ci!.high).toBeGreaterThan(0);
    expect(referenceDrift(start, start.map((value) => value - 0.2))).toMatchObject({ flagged: true });
    expect(referenceDrift(start, start.map((value) => value + 0.2))).toMatchObject({ flagged: true, shiftMs: expect.closeTo(0.2, 5) });
  });

  it('records why there is no check when a reference phase fails', async () => {
    const suite = suiteOf({ profiles: ['baseline'], experiments: [{ name: 'load', type: 'load', driver: 'builtin', rates: [20], connections: [1], duration: '500ms', warmup: '200ms', repetitions: 1 }] });
    const plan = expandPlan(suite, { target: 'existing' });
    for (const group of plan.groups) if ('cell' in group.warmup) group.warmup.cell.durationMs = 300;
    const server = await listen(() => 0);
    const target: Target = {
      name: 'existing',
      emulation: false,
      prepare: async (profile) => ({ profile: profile.name, url: server.url, dataPath: [], notes: [], sampler: () => ({ start() {}, measureFrom() {}, measureUntil() {}, stop: async () => [] }), close: async () => {} }),
      cleanup: async () => {},
    };
    const outcome = await executePlan(suite, plan, {
      target,
      driverFor: (_cell, session) => ({ driver: builtinDriver, endpoint: { url: session.url } }),
      onResult: async () => {},
      startReference: async () => { throw new Error('no port'); },
      signal: new AbortController().signal,
    });
    await server.close();
    expect(outcome.status).toBe('complete');
    expect(outcome.drift).toEqual({ method: 'reference', error: 'the start reference failed: no port' });
  }, 30_000);
});
