// k6Usable: `k6 version` on PATH, read in the format k6 prints (cmd/version.go).
import { expect, it } from 'vitest';
import { k6Usable, parseK6Version } from '../../../src/drivers/k6/availability.ts';
import { execaRunner } from '../../../src/exec/runner.ts';
import { RecordingRunner } from '../../fakes/recording-runner.ts';
import { fakePath } from '../../fakes/fake-path.ts';

it('reads v1.x and v0.x version lines', () => {
  expect(parseK6Version('k6 v1.3.0 (commit/5870e99ae8, go1.25.1, linux/amd64)\n')).toBe('v1.3.0');
  expect(parseK6Version('k6 v0.27.1 (2020-07-30T10:43:48+0000/v0.27.1-0-gcc26d3a3, go1.14.4, linux/amd64)')).toBe('v0.27.1');
  expect(parseK6Version('xk6 build ok')).toBeUndefined();
});

it('finds the fake k6 on PATH, and reports none when PATH has no k6', async () => {
  const runner = execaRunner();
  const withK6 = await fakePath({ tools: ['k6'] });
  const without = await fakePath({ tools: ['kind'] });
  try {
    expect(await k6Usable({ run: (c, a, o) => runner.run(c, a, { ...o, env: withK6.env }) })).toEqual({ usable: true, version: 'v1.3.0' });
    expect(await k6Usable({ run: (c, a, o) => runner.run(c, a, { ...o, env: without.env }) })).toEqual({ usable: false, reason: 'k6 not found on PATH' });
  } finally {
    await withK6.cleanup();
    await without.cleanup();
  }
});

it('refuses a k6 too old to run TypeScript scripts', async () => {
  const old = new RecordingRunner(() => ({ stdout: 'k6 v0.49.0 (go1.21.6, linux/amd64)\n', stderr: '' }));
  expect(await k6Usable(old)).toEqual({ usable: false, reason: 'k6 v0.49.0 cannot run TypeScript scripts; v0.57.0 or newer is needed' });
});
