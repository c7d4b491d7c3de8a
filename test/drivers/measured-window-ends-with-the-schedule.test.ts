// Issue 9, item 9: the builtin driver ends the measured window when its schedule ends — the
// samplers stop counting there, not when the last slow response has come back.
import { afterEach, describe, expect, it } from 'vitest';
import { createBuiltinDriver } from '../../src/drivers/builtin/index.ts';
import { loadCell, startServer, type TestServer } from './support.ts';

describe('the builtin driver announces the end of its window', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  it.each(['open', 'closed'] as const)('%s model: onMeasureEnd comes once, after onMeasureStart, before the responses still on the wire', async (model) => {
    server = await startServer((_req, res) => setTimeout(() => res.end('ok'), 300));
    const calls: string[] = [];
    let endedAt = 0;
    const startedAt = performance.now();
    await createBuiltinDriver().run(
      loadCell({ model, rate: model === 'open' ? 20 : undefined, connections: 4, warmupMs: 200, durationMs: 600 }),
      { url: server.url },
      new AbortController().signal,
      {
        onMeasureStart: () => calls.push('start'),
        onMeasureEnd: () => {
          calls.push('end');
          endedAt = performance.now();
        },
      },
    );
    const resolvedAt = performance.now();
    expect(calls).toEqual(['start', 'end']);
    expect(endedAt - startedAt).toBeGreaterThanOrEqual(800 - 5);
    // Requests sent just before the end take 300 ms more: outside the window.
    expect(resolvedAt - endedAt).toBeGreaterThan(100);
  });

  it('an abort ends the window at once', async () => {
    server = await startServer((_req, res) => res.end('ok'));
    const controller = new AbortController();
    const calls: string[] = [];
    const run = createBuiltinDriver().run(loadCell({ rate: 20, connections: 2, warmupMs: 0, durationMs: 10_000 }), { url: server.url }, controller.signal, {
      onMeasureStart: () => calls.push('start'),
      onMeasureEnd: () => calls.push('end'),
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    await run;
    expect(calls).toEqual(['start', 'end']);
  });
});
