import { afterAll, describe, expect, it } from 'vitest';
import { createLocalTarget } from '../../../src/targets/local/index.ts';
import { profileSchema } from '../../../src/suite/schema.ts';
import type { ColdStartCell } from '../../../src/plan/types.ts';

const target = createLocalTarget();
const signal = new AbortController().signal;
const knative = profileSchema.parse({ name: 'knative', serving: { type: 'knative' } });
const PHASES = ['received', 'spawned', 'port_open', 'ready', 'forwarded', 'first_byte'];

const cell = (overrides: Partial<ColdStartCell>): ColdStartCell => ({
  type: 'cold-start',
  id: 'knative/scale-from-zero/s2/r1',
  profile: 'knative',
  experiment: 'scale-from-zero',
  repetition: 1,
  estimatedMs: 0,
  services: 2,
  iterations: 2,
  idleMs: 700,
  gracePeriodMs: 200,
  timeoutMs: 20_000,
  ...overrides,
});

afterAll(() => target.cleanup());

describe('local knative cold start', () => {
  it('measures each service from zero with ordered phases on one clock', async () => {
    const session = await target.prepare(knative, { delay: 0, size: 256, startupDelay: 250 }, signal);
    const { iterations, discardedWarm } = await session.coldStart!(cell({}), signal);
    expect(discardedWarm).toBe(0);
    expect(iterations.map((it) => `${it.iteration}/${it.service}`)).toEqual(['1/svc-1', '1/svc-2', '2/svc-1', '2/svc-2']);
    for (const it of iterations) {
      expect(it).toMatchObject({ cold: true, ok: true });
      expect(Object.keys(it.phases)).toEqual(PHASES);
      const marks = PHASES.map((phase) => it.phases[phase]!);
      expect(marks[0]).toBeGreaterThanOrEqual(0);
      for (let i = 1; i < marks.length; i++) expect(marks[i]).toBeGreaterThanOrEqual(marks[i - 1]!);
      expect(it.phases.port_open! - it.phases.spawned!).toBeGreaterThanOrEqual(250);
      expect(it.totalMs).toBe(it.phases.first_byte);
    }
    await session.close();
  });

  it('records an iteration that was not at zero as warm and discards it', async () => {
    const session = await target.prepare(knative, { delay: 0, size: 1024, startupDelay: 0 }, signal);
    // A grace period far longer than the idle time: the second iteration finds svc-1 still up.
    const { iterations, discardedWarm } = await session.coldStart!(
      cell({ services: 1, iterations: 2, idleMs: 0, gracePeriodMs: 60_000 }),
      signal,
    );
    expect(iterations.map((it) => it.cold)).toEqual([true, false]);
    expect(iterations[1]!.ok).toBe(true);
    expect(iterations[1]!.phases.received).toBeUndefined();
    expect(discardedWarm).toBe(1);
    await session.close();
  });

  it('times a warm request right after each cold one when asked, without counting it as discarded', async () => {
    const session = await target.prepare(knative, { delay: 0, size: 1024, startupDelay: 300 }, signal);
    const { iterations, discardedWarm } = await session.coldStart!(cell({ services: 1, iterations: 2, warmBaseline: true }), signal);
    expect(iterations.map((it) => `${it.iteration}/${it.kind ?? 'cold'}/${it.cold}`)).toEqual(['1/cold/true', '1/warm/false', '2/cold/true', '2/warm/false']);
    expect(discardedWarm).toBe(0);
    for (const warm of iterations.filter((it) => it.kind === 'warm')) {
      expect(warm.ok).toBe(true);
      // Not held by the activator: no start phases, and far quicker than the 300 ms startup delay.
      expect(Object.keys(warm.phases)).toEqual(['first_byte']);
      expect(warm.totalMs).toBeLessThan(300);
    }
    for (const cold of iterations.filter((it) => it.cold)) expect(cold.totalMs).toBeGreaterThanOrEqual(300);
    await session.close();
  });

  it('sends a burst to one cold service at once: one start, every first byte kept, the total the slowest', async () => {
    const session = await target.prepare(knative, { delay: 0, size: 1024, startupDelay: 200 }, signal);
    const { iterations, discardedWarm } = await session.coldStart!(cell({ services: 1, iterations: 1, burst: 4 }), signal);
    expect(discardedWarm).toBe(0);
    expect(iterations).toHaveLength(1);
    const [it] = iterations;
    expect(it).toMatchObject({ cold: true, ok: true });
    expect(it!.firstBytes).toHaveLength(4);
    expect(it!.totalMs).toBe(Math.max(...it!.firstBytes!));
    expect(it!.phases.first_byte).toBe(Math.min(...it!.firstBytes!));
    // Every request waited for the one shared start (≥ the 200 ms startup delay), none for a second one.
    for (const firstByte of it!.firstBytes!) expect(firstByte).toBeGreaterThanOrEqual(200);
    expect(it!.totalMs).toBeLessThan(it!.phases.spawned! + 200 + 1_000);
    expect(Object.keys(it!.phases)).toEqual(PHASES);
    await session.close();
  });

  it('fails prepare with the reason when the workload cannot start: the load service is started first', async () => {
    const broken = { delay: 0, size: 1.5, startupDelay: 0 }; // the echo server refuses a fractional size
    await expect(target.prepare(knative, broken, signal)).rejects.toThrow(/load service echo did not start: HTTP 503: .*echo failed to start.*bad flags/s);
  });

  it('stops between iterations when aborted and keeps what it measured', async () => {
    const session = await target.prepare(knative, { delay: 0, size: 1024, startupDelay: 0 }, signal);
    const controller = new AbortController();
    const running = session.coldStart!(cell({ services: 1, iterations: 50, idleMs: 300 }), controller.signal);
    setTimeout(() => controller.abort(), 1_500);
    const { iterations } = await running;
    expect(iterations.length).toBeGreaterThan(0);
    expect(iterations.length).toBeLessThan(50);
    await session.close();
  });
});
