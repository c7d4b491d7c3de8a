// A child that fails to start (a port taken — what port exhaustion looks like to it — or a value
// it cannot allocate) is reported by its error line, once; the stack it printed only with --verbose.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatError } from '../../../src/cli/format-error.ts';
import { profileSchema } from '../../../src/suite/schema.ts';
import { createLocalTarget } from '../../../src/targets/local/index.ts';
import { startChild } from '../../../src/targets/local/processes.ts';
import { PROXY_SERVER } from './support.ts';

const occurrences = (text: string, part: string) => text.split(part).length - 1;
const STACK_FRAME = /^\s+at /m;

let taken: Server;
let port = 0;
beforeAll(async () => {
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  port = (taken.address() as { port: number }).port;
});
afterAll(() => new Promise((resolve) => taken.close(resolve)));

describe('a child that cannot start', () => {
  it('is reported by its error line, its stack kept for --verbose', async () => {
    const error = await startChild({ name: 'istio-proxy', args: [PROXY_SERVER, '--upstream', 'http://127.0.0.1:1', '--port', String(port)] }).then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toMatch(/^istio-proxy \(.+\) exited early \(code 1\): Error: listen EADDRINUSE: address already in use 127\.0\.0\.1:\d+$/);
    expect(formatError(error, false)).not.toMatch(STACK_FRAME);
    const verbose = formatError(error, true);
    expect(verbose).toContain('istio-proxy stderr:');
    expect(verbose).toMatch(/at Server\.setupListenHandle/); // the child's own stack
  });

  it("appears once in the prepare failure's chain", async () => {
    const target = createLocalTarget();
    try {
      // One past Buffer's limit: the echo workload dies at start with a RangeError and its stack.
      const workload = { delay: 0, size: 2 ** 53, startupDelay: 0 };
      const error = await target.prepare(profileSchema.parse({ name: 'baseline' }), workload, new AbortController().signal).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      const shown = formatError(error, false);
      expect(shown).toMatch(/^error: local target: could not prepare profile baseline: workload \(.+\) exited early \(code 1\): RangeError \[ERR_OUT_OF_RANGE\]: The value of "size" is out of range/);
      expect(occurrences(shown, 'ERR_OUT_OF_RANGE')).toBe(1);
      expect(shown).not.toMatch(STACK_FRAME);
    } finally {
      await target.cleanup();
    }
  });
});
