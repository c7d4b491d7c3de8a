// A terminal's Ctrl-C goes to the whole process group. The emulation's children ignore it, so
// they are still serving when meshbench stops the cell; they still go when meshbench stops them.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startChild } from '../../../src/targets/local/processes.ts';
import { ECHO_SERVER, call, isAlive } from './support.ts';

describe('a child of the local target', () => {
  it('keeps serving after SIGINT and exits when stopped', async () => {
    const child = await startChild({ name: 'workload', args: [ECHO_SERVER, '--port', '0', '--size', '16'] });
    try {
      process.kill(child.pid, 'SIGINT');
      await sleep(300);
      expect(isAlive(child.pid)).toBe(true);
      expect((await call(`http://127.0.0.1:${child.port}/`, { fresh: true })).status).toBe(200);
    } finally {
      await child.stop();
    }
    expect(isAlive(child.pid)).toBe(false);
  });
});
