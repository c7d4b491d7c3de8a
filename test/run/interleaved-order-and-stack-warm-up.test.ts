// Issue 10, items 3 and 4 on the local schedule: every profile's session is prepared up front, load
// cells run round-robin (A B C, then C B A), and each stack is warmed with real load before its
// first measured cell. Each profile is a real HTTP server on 127.0.0.1 that records when requests
// arrived; the load is the real builtin driver.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinDriver } from '../../src/drivers/builtin/index.ts';
import { expandPlan } from '../../src/plan/expand.ts';
import { executePlan } from '../../src/run/execute.ts';
import type { CellResult } from '../../src/results/types.ts';
import type { Target } from '../../src/targets/target.ts';
import { suiteOf } from '../plan/suite-of.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A target whose profiles are loopback servers; `arrivals` holds each profile's request times (epoch ms). */
function loopbackTarget(events: string[], arrivals: Map<string, number[]>, refuse?: string): Target {
  return {
    name: 'local',
    emulation: true,
    async prepare(profile) {
      const times: number[] = [];
      arrivals.set(profile.name, times);
      const server = createServer((req, res) => {
        times.push(Date.now());
        req.resume();
        res.end('ok');
      });
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      events.push(`prepare ${profile.name}`);
      // A profile whose data path refuses connections: nothing listens on its url.
      const url = profile.name === refuse ? 'http://127.0.0.1:9/' : `http://127.0.0.1:${port}/`;
      return {
        profile: profile.name,
        url,
        dataPath: ['client', 'workload'],
        notes: [],
        sampler: () => ({ start() {}, measureFrom() {}, measureUntil() {}, stop: async () => [] }),
        close: async () => void events.push(`close ${profile.name}`),
      };
    },
    cleanup: async () => void events.push('cleanup'),
  };
}

const suite = suiteOf({
  profiles: ['baseline', 'istio-sidecar', 'knative'],
  experiments: [{ name: 'load', type: 'load', rates: [40], connections: [2], duration: '500ms', warmup: '200ms', repetitions: 2 }],
});

describe('the local schedule', () => {
  it('prepares every profile first, interleaves A B C / C B A, and warms each stack before its first cell', async () => {
    const plan = expandPlan(suite, { target: 'local' });
    const events: string[] = [];
    const arrivals = new Map<string, number[]>();
    const results: CellResult[] = [];
    const outcome = await executePlan(suite, plan, {
      target: loopbackTarget(events, arrivals),
      driverFor: (_cell, session) => ({ driver: builtinDriver, endpoint: { url: session.url } }),
      onResult: async (result) => void results.push(result),
      onEvent: (event) => {
        if (event.type === 'cell-start') events.push(`cell ${event.cellId}`);
        if (event.type === 'warmup') events.push(`warm ${event.profile}`);
      },
      signal: new AbortController().signal,
    });
    expect(outcome.status).toBe('complete');
    const order = ['baseline/load/rate=40,c=2/r1', 'istio-sidecar/load/rate=40,c=2/r1', 'knative/load/rate=40,c=2/r1', 'knative/load/rate=40,c=2/r2', 'istio-sidecar/load/rate=40,c=2/r2', 'baseline/load/rate=40,c=2/r2'];
    expect(plan.order).toEqual(order);
    expect(outcome.order).toEqual(order);
    expect(events).toEqual([
      'prepare baseline', 'prepare istio-sidecar', 'prepare knative',
      'warm baseline', `cell ${order[0]}`,
      'warm istio-sidecar', `cell ${order[1]}`,
      'warm knative', `cell ${order[2]}`,
      `cell ${order[3]}`, `cell ${order[4]}`, `cell ${order[5]}`,
      'close baseline', 'close istio-sidecar', 'close knative', 'cleanup',
    ]);
    for (const profile of suite.profiles) {
      // The server saw the warm-up's load (3 s at 40 rps) before its first cell began.
      const first = results.find((result) => result.cell.profile === profile.name)!;
      const before = arrivals.get(profile.name)!.filter((at) => at < Date.parse(first.startedAt));
      expect(before.length).toBeGreaterThanOrEqual(100);
      const stack = outcome.stacks.find((s) => s.profile === profile.name)!;
      expect(stack.warmup).toMatchObject({ rate: 40, connections: 2, errors: 0, driver: 'builtin' });
      expect(stack.warmup).toHaveProperty('ms', expect.closeTo(3_000, -2));
      // Unrecorded: no result is the warm-up's.
      expect(results.filter((result) => result.cell.profile === profile.name)).toHaveLength(2);
    }
    expect(outcome.drift).toMatchObject({ method: 'interleaved' });
  }, 30_000);

  it('reports a failed warm-up as that profile\'s problem: its cells are errored, the others measured', async () => {
    const pair = suiteOf({ profiles: ['baseline', 'istio-sidecar'], experiments: [{ name: 'load', type: 'load', rates: [40], duration: '500ms', warmup: '200ms', repetitions: 1 }] });
    const plan = expandPlan(pair, { target: 'local' });
    const results: CellResult[] = [];
    const outcome = await executePlan(pair, plan, {
      target: loopbackTarget([], new Map(), 'istio-sidecar'),
      driverFor: (_cell, session) => ({ driver: builtinDriver, endpoint: { url: session.url } }),
      onResult: async (result) => void results.push(result),
      signal: new AbortController().signal,
    });
    expect(outcome.status).toBe('complete');
    expect(results.map((result) => [result.cell.profile, result.status])).toEqual([['baseline', 'completed'], ['istio-sidecar', 'errored']]);
    expect(results[1]!.error).toMatch(/^not measured: the stack warm-up failed: none of its \d+ requests succeeded \(\d+ connect/);
    expect(outcome.stacks.find((stack) => stack.profile === 'istio-sidecar')!.warmup).toMatchObject({ failed: expect.stringContaining('none of its') });
  }, 30_000);
});
