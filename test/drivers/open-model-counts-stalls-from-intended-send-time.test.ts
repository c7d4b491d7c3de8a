// The coordinated-omission point: when the server stalls, the open model keeps
// sending on schedule and every request caught behind the stall shows its full
// wait; the closed model stops sending, so only the requests on the wire at the
// moment of the stall look slow.
import { afterEach, describe, expect, it } from 'vitest';
import { createBuiltinDriver } from '../../src/drivers/builtin/index.ts';
import { countAbove, loadCell, startServer } from './support.ts';
import type { TestServer } from './support.ts';

const STALL_FROM_MS = 1000;
const STALL_UNTIL_MS = 2000;
const SERVICE_MS = 5;

/** Answers after SERVICE_MS, except that everything arriving during the stall waits until it ends. */
async function stallingServer(): Promise<TestServer> {
  const t0 = performance.now();
  return startServer((_req, res) => {
    const t = performance.now() - t0;
    const wait = t >= STALL_FROM_MS && t < STALL_UNTIL_MS ? STALL_UNTIL_MS - t : SERVICE_MS;
    setTimeout(() => res.end('ok'), wait);
  });
}

describe('latency under a one-second server stall', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  it('open model records the stall for every request behind it; closed model only for those in flight', async () => {
    const driver = createBuiltinDriver();
    const cell = { durationMs: 3000, warmupMs: 0, timeoutMs: 5000 };

    server = await stallingServer();
    const open = await driver.run(
      loadCell({ ...cell, model: 'open', rate: 100, connections: 4 }),
      { url: server.url },
      new AbortController().signal,
    );
    await server.close();

    // One closed client answering in ~5 ms sends at most ~200 rps: the same order of load.
    server = await stallingServer();
    const closed = await driver.run(
      loadCell({ ...cell, model: 'closed', rate: undefined, connections: 1 }),
      { url: server.url },
      new AbortController().signal,
    );

    expect(open.errors.total).toBe(0);
    expect(open.latency!.p99).toBeGreaterThanOrEqual(800);
    expect(open.latency!.max).toBeGreaterThanOrEqual(900);
    // ~100 requests were scheduled during the stall; about half waited more than 500 ms.
    const openSlow = countAbove(open.histogram!, 500);
    expect(openSlow).toBeGreaterThanOrEqual(30);

    expect(closed.errors.total).toBe(0);
    expect(closed.latency!.max).toBeGreaterThanOrEqual(800);
    const closedSlow = countAbove(closed.histogram!, 500);
    expect(closedSlow).toBeGreaterThanOrEqual(1);
    expect(closedSlow).toBeLessThanOrEqual(2);
    expect(openSlow).toBeGreaterThan(10 * closedSlow);
  });
});
