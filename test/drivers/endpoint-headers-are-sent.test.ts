// A Knative route behind an ingress is chosen by the Host header: every request must carry it.
import { afterEach, describe, expect, it } from 'vitest';
import { createBuiltinDriver } from '../../src/drivers/builtin/index.ts';
import { loadCell, startServer, type TestServer } from './support.ts';

describe('endpoint headers', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  it.each(['open', 'closed'] as const)('%s model sends the endpoint headers with every request', async (model) => {
    const hosts = new Set<string | undefined>();
    server = await startServer((req, res) => {
      hosts.add(req.headers.host);
      res.end('ok');
    });
    const outcome = await createBuiltinDriver().run(
      loadCell({ model, rate: model === 'open' ? 50 : undefined, connections: 2, durationMs: 500 }),
      { url: server.url, headers: { host: 'echo.meshbench-run.meshbench.local' } },
      new AbortController().signal,
    );
    expect(outcome.requests).toBeGreaterThan(5);
    expect([...hosts]).toEqual(['echo.meshbench-run.meshbench.local']);
  });
});
