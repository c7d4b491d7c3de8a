import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalTarget } from '../../../src/targets/local/index.ts';
import { profileSchema } from '../../../src/suite/schema.ts';
import type { Profile, Workload } from '../../../src/suite/schema.ts';
import type { ProfileSession } from '../../../src/targets/target.ts';
import type { PlanCell } from '../../../src/plan/types.ts';
import type { ActivatorState } from '../../../src/targets/local/activator-protocol.ts';
import { call, isAlive, median } from './support.ts';

const workload: Workload = { delay: 0, size: 1024, startupDelay: 0 };
const profile = (raw: Record<string, unknown>): Profile => profileSchema.parse(raw);
const target = createLocalTarget();
const signal = new AbortController().signal;
/** The local target samples its processes whatever the cell. */
const CELL = { type: 'load' } as PlanCell;

/** Every pid a session's sampler can see right now (activator instances included). */
async function pidsOf(session: ProfileSession): Promise<number[]> {
  const sampler = session.sampler(CELL);
  sampler.start();
  return (await sampler.stop(0)).map((usage) => Number(usage.source.replace('pid ', '')));
}

afterAll(() => target.cleanup());

describe('local target', () => {
  it('serves a deployment profile straight from the workload', async () => {
    const session = await target.prepare(profile({ name: 'baseline' }), workload, signal);
    expect(session.dataPath).toEqual(['client', 'workload']);
    const answer = await call(session.url);
    expect(answer.headers['x-meshbench-hop']).toBe('workload');
    expect(answer.body.length).toBe(1024);
    const pids = await pidsOf(session);
    expect(pids).toHaveLength(1);
    await session.close();
    expect(pids.some(isAlive)).toBe(false);
  });

  it('refuses a plain Deployment cold start with a clear error, naming the targets that measure it', async () => {
    const session = await target.prepare(profile({ name: 'baseline' }), workload, signal);
    const cell = { type: 'cold-start' as const, id: 'baseline/cold/services=1/r1', profile: 'baseline', experiment: 'cold', repetition: 1, estimatedMs: 0, services: 1, iterations: 1, idleMs: 0, gracePeriodMs: 0, timeoutMs: 1_000 };
    await expect(session.coldStart!(cell, signal)).rejects.toThrow(/does not emulate a plain Deployment scaled 0 → 1 .*--target kind or --target existing/);
    // The warm workload is untouched by the refusal.
    expect((await call(session.url)).body.length).toBe(1024);
    await session.close();
  });

  // Issue 9.8: the emulated sidecar does what Istio's default one does: metrics, no access log.
  it('puts the built-in proxy hop in front of the workload for istio-sidecar, with metrics and no access log', async () => {
    const runDir = await mkdtemp(join(tmpdir(), 'meshbench-local-sidecar-'));
    const own = createLocalTarget({ runDir });
    try {
      const session = await own.prepare(profile({ name: 'istio-sidecar', mesh: { type: 'istio-sidecar' } }), workload, signal);
      expect(session.dataPath).toEqual(['client', 'sidecar (built-in proxy)', 'workload']);
      expect(session.notes).toContain('proxy hop: built-in reverse proxy (no envoy on PATH)');
      expect(session.notes).toContain("sidecar telemetry: on (Istio's stats filter: request counter, duration and size histograms; no access log, as in Istio's default)");
      for (let i = 0; i < 3; i++) expect((await call(session.url)).headers['x-meshbench-hop']).toBe('workload, sidecar');
      const stats = await call(`${session.url}__meshbench/proxy-stats`);
      expect(JSON.parse(stats.body.toString()).requests['GET 200']).toBe(3);
      await session.close();
      // Stopping the hop would have flushed an access log: there is none.
      expect(readdirSync(runDir)).toEqual([]);
    } finally {
      await own.cleanup();
      await rm(runDir, { recursive: true, force: true });
    }
  });

  // Issue 12.5: a profile's emulation.proxyDelay is the regression a user rehearses (and calibrate injects).
  it("adds the profile's emulation.proxyDelay to every request in the sidecar hop, and notes it", async () => {
    const sidecar = { name: 'sidecar', mesh: { type: 'istio-sidecar', telemetry: 'off' } };
    const plain = await target.prepare(profile(sidecar), workload, signal);
    const delayed = await target.prepare(profile({ ...sidecar, name: 'slower', emulation: { proxyDelay: '25ms' } }), workload, signal);
    expect(delayed.notes).toContain('emulated regression: proxy +25 ms per request');
    expect(plain.notes.filter((note) => note.startsWith('emulated regression'))).toEqual([]);
    const p50 = async (url: string) => {
      for (let i = 0; i < 5; i++) await call(url); // warm the connections
      const times: number[] = [];
      for (let i = 0; i < 40; i++) times.push((await call(url)).ms);
      return median(times);
    };
    const difference = (await p50(delayed.url)) - (await p50(plain.url));
    expect(difference).toBeGreaterThan(20);
    expect(difference).toBeLessThan(60);
    await Promise.all([plain.close(), delayed.close()]);
  });

  it('turns the sidecar telemetry off for mesh.telemetry: off', async () => {
    const session = await target.prepare(
      profile({ name: 'no-telemetry', mesh: { type: 'istio-sidecar', telemetry: 'off' } }),
      workload,
      signal,
    );
    expect(session.notes).toContain('sidecar telemetry: off (no stats filter, what the Telemetry object removes; no access log either way)');
    expect((await call(`${session.url}__meshbench/proxy-stats`)).status).toBe(404);
    await session.close();
  });

  it('routes a knative profile through the activator and queue-proxy', async () => {
    const session = await target.prepare(profile({ name: 'knative', serving: { type: 'knative' } }), workload, signal);
    expect(session.dataPath).toEqual(['client', 'activator', 'queue-proxy', 'workload']);
    expect(session.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/echo\/$/);
    const answer = await call(session.url);
    expect(answer.status).toBe(200);
    expect(answer.headers['x-meshbench-hop']).toBe('workload, queue-proxy, activator');
    const sampler = session.sampler(CELL);
    sampler.start();
    const components = (await sampler.stop(1)).map((usage) => usage.component).sort();
    expect(components).toEqual(['activator', 'queue-proxy', 'workload']);
    await session.close();
  });

  it('refuses what it cannot emulate, with a clear reason', async () => {
    await expect(target.prepare(profile({ name: 'ambient', mesh: { type: 'istio-ambient' } }), workload, signal)).rejects.toThrow(
      /istio-ambient .* not emulated/,
    );
    await expect(
      target.prepare(profile({ name: 'mixer', mesh: { type: 'istio-sidecar', telemetry: 'mixer' } }), workload, signal),
    ).rejects.toThrow(/Mixer .* not emulated/);
  });

  it('fails prepare with the stderr of a child that exits early', async () => {
    const broken = { ...workload, size: 1.5 }; // the echo server refuses a fractional size
    await expect(target.prepare(profile({ name: 'broken' }), broken, signal)).rejects.toThrow(/exited early.*echo: bad flags/s);
  });

  it('stops a start that is aborted', async () => {
    const controller = new AbortController();
    const slow = { ...workload, startupDelay: 5_000 };
    const preparing = target.prepare(profile({ name: 'slow' }), slow, controller.signal);
    setTimeout(() => controller.abort(), 300);
    await expect(preparing).rejects.toThrow(/start aborted/);
  });

  it('leaves no process behind after cleanup(), knative instances included', async () => {
    const sessions = await Promise.all([
      target.prepare(profile({ name: 'a', mesh: { type: 'istio-sidecar' } }), workload, signal),
      target.prepare(profile({ name: 'k', serving: { type: 'knative' } }), workload, signal),
    ]);
    await call(sessions[1]!.url);
    await call(sessions[1]!.url.replace('echo', 'svc-1'));
    const state = JSON.parse((await call(sessions[1]!.url.replace('echo/', '__meshbench/state'))).body.toString()) as ActivatorState;
    const instancePids = Object.values(state.services).flatMap((service) => service.instance!.pids);
    expect(instancePids).toHaveLength(4);
    const pids = [...(await pidsOf(sessions[0]!)), ...(await pidsOf(sessions[1]!))];
    expect(pids).toHaveLength(2 + 1 + 4);
    expect(pids.every(isAlive)).toBe(true);
    await target.cleanup();
    expect(pids.filter(isAlive)).toEqual([]);
    await target.cleanup(); // idempotent
  });
});
