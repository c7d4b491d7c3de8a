import { afterEach, describe, expect, it } from 'vitest';
import { createBuiltinDriver } from '../../src/drivers/builtin/index.ts';
import { closedPortUrl, loadCell, startServer } from './support.ts';
import type { TestServer } from './support.ts';

const signal = () => new AbortController().signal;

describe('error classes', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  it.each(['open', 'closed'] as const)('%s model: non-2xx responses are counted by status code', async (model) => {
    server = await startServer((_req, res, hit) => {
      res.statusCode = hit % 3 === 0 ? 503 : 200;
      res.end('x');
    });
    const outcome = await createBuiltinDriver().run(
      loadCell({ model, rate: model === 'open' ? 150 : undefined, connections: 2, durationMs: 1000 }),
      { url: server.url },
      signal(),
    );
    const failed = outcome.errors.http['503'] ?? 0;
    expect(Object.keys(outcome.errors.http)).toEqual(['503']);
    // Every third request overall; the window holds all of them here (no warm-up).
    expect(Math.abs(failed - outcome.requests / 3)).toBeLessThanOrEqual(2);
    expect(outcome.errors.total).toBe(failed);
    expect(outcome.errors.timeout + outcome.errors.connect + outcome.errors.other).toBe(0);
    // Only 2xx latencies enter the histogram; the 503s are counted, not timed.
    expect(outcome.latency!.count).toBe(outcome.requests - failed);
  });

  it('a closed port gives connection errors and no responses', async () => {
    const outcome = await createBuiltinDriver().run(
      loadCell({ rate: 50, durationMs: 1000 }),
      { url: await closedPortUrl() },
      signal(),
    );
    expect(outcome.requests).toBe(0);
    expect(outcome.errors.connect).toBeGreaterThanOrEqual(40);
    expect(outcome.errors.total).toBe(outcome.errors.connect);
    // Nothing succeeded: no latency at all, never a summary of zeros.
    expect(outcome.latency).toBeUndefined();
    expect(outcome.histogram).toBeUndefined();
  });

  it.each(['open', 'closed'] as const)(
    '%s model: a server that never answers gives timeouts after the per-request timeout',
    async (model) => {
      server = await startServer(() => {
        // Hold every request: never respond.
      });
      const started = performance.now();
      const outcome = await createBuiltinDriver().run(
        loadCell({ model, rate: model === 'open' ? 20 : undefined, connections: 2, durationMs: 1000, timeoutMs: 300 }),
        { url: server.url },
        signal(),
      );
      const elapsed = performance.now() - started;
      expect(outcome.requests).toBe(0);
      expect(outcome.errors.timeout).toBeGreaterThanOrEqual(model === 'open' ? 15 : 4);
      expect(outcome.errors.total).toBe(outcome.errors.timeout);
      // The last requests time out, they are not waited for indefinitely.
      expect(elapsed).toBeLessThan(1000 + 300 + 1500);
      expect(outcome.aborted).toBe(false);
    },
  );
});
