import { afterEach, describe, expect, it } from 'vitest';
import { createBuiltinDriver } from '../../src/drivers/builtin/index.ts';
import { connectionsDrain, loadCell, startServer } from './support.ts';
import type { TestServer } from './support.ts';

describe('abort mid-run', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  it.each(['open', 'closed'] as const)(
    '%s model: resolves promptly with aborted, the covered part of the window and its counts',
    async (model) => {
      // Slow responses, so requests are on the wire when the abort lands (8 connections / 0.4 s serve 20 rps).
      server = await startServer((_req, res) => setTimeout(() => res.end('ok'), 400));
      const controller = new AbortController();
      let measureStarts = 0;
      const run = createBuiltinDriver().run(
        loadCell({ model, rate: model === 'open' ? 10 : undefined, connections: 8, warmupMs: 500, durationMs: 20_000 }),
        { url: server.url },
        controller.signal,
        { onMeasureStart: () => measureStarts++ },
      );
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const abortedAt = performance.now();
      controller.abort();
      const outcome = await run;
      const settleMs = performance.now() - abortedAt;

      expect(outcome.aborted).toBe(true);
      expect(settleMs).toBeLessThan(1000);
      // The pool is closed: the server sees every socket go away.
      expect(await connectionsDrain(server)).toBe(true);
      expect(measureStarts).toBe(1);
      // About 1.5 s of the 20 s window was covered.
      expect(outcome.measuredMs).toBeGreaterThan(1000);
      expect(outcome.measuredMs).toBeLessThan(4000);
      expect(outcome.requests).toBeGreaterThan(0);
      // Requests cancelled by the abort are not server errors.
      expect(outcome.errors.total).toBe(0);
      expect(outcome.achievedRps).toBeCloseTo(outcome.requests / (outcome.measuredMs / 1000), 6);
    },
  );

  it.each(['open', 'closed'] as const)('%s model: an already aborted signal resolves at once', async (model) => {
    server = await startServer();
    const outcome = await createBuiltinDriver().run(
      loadCell({ model, warmupMs: 1000, durationMs: 10_000 }),
      { url: server.url },
      AbortSignal.abort(),
    );
    expect(outcome.aborted).toBe(true);
    expect(outcome.requests).toBe(0);
    expect(outcome.measuredMs).toBe(0);
    expect(server.hits()).toBe(0);
  });
});
