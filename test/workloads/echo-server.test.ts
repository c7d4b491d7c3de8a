import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startChild } from '../../src/targets/local/processes.ts';
import type { Child } from '../../src/targets/local/processes.ts';
import { ECHO_SERVER, call, eventually, isAlive } from '../targets/local/support.ts';

let children: Child[] = [];
afterEach(async () => {
  await Promise.all(children.map((child) => child.stop()));
  children = [];
});

async function echo(...flags: string[]): Promise<{ child: Child; base: string; spawnedAt: bigint }> {
  let spawnedAt = 0n;
  const child = await startChild({
    name: 'workload',
    args: [ECHO_SERVER, '--port', '0', ...flags],
    onSpawn: () => (spawnedAt = process.hrtime.bigint()),
  });
  children.push(child);
  return { child, base: `http://127.0.0.1:${child.port}`, spawnedAt };
}

describe('echo workload', () => {
  it('waits --startup-delay before listening and then answers /healthz', async () => {
    const { child, base, spawnedAt } = await echo('--startup-delay', '300ms');
    expect(Number(child.listeningAt! - spawnedAt) / 1e6).toBeGreaterThanOrEqual(300);
    const health = await call(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(health.body.toString()).toBe('ok');
  });

  it('answers with --size bytes by default and ?size= bytes when asked', async () => {
    const { base } = await echo('--size', '2048');
    const byDefault = await call(`${base}/`);
    expect(byDefault.status).toBe(200);
    expect(byDefault.body.length).toBe(2048);
    expect(byDefault.headers['x-meshbench-hop']).toBe('workload');
    expect((await call(`${base}/echo?size=10`)).body.length).toBe(10);
    expect((await call(`${base}/?size=0`)).body.length).toBe(0);
  });

  it('waits ?delay= (or --delay) before answering', async () => {
    const { base } = await echo('--delay', '0ms');
    const delayed = await call(`${base}/?delay=150ms`);
    expect(delayed.status).toBe(200);
    expect(delayed.ms).toBeGreaterThanOrEqual(149);
    const { base: slow } = await echo('--delay', '120ms');
    expect((await call(`${slow}/`)).ms).toBeGreaterThanOrEqual(119);
  });

  it('refuses malformed ?delay= and ?size= with 400', async () => {
    const { base } = await echo();
    expect((await call(`${base}/?delay=10`)).status).toBe(400);
    expect((await call(`${base}/?size=-1`)).status).toBe(400);
  });

  it('echoes a request body when no ?size= is given', async () => {
    const { base } = await echo();
    const answer = await call(`${base}/`, { method: 'POST', body: 'hello mesh' });
    expect(answer.body.toString()).toBe('hello mesh');
  });

  it('exits when its stdin closes (its parent is gone)', async () => {
    const orphan = spawn(process.execPath, [ECHO_SERVER, '--port', '0'], { stdio: ['pipe', 'pipe', 'ignore'] });
    await new Promise((resolve) => orphan.stdout!.once('data', resolve));
    expect(isAlive(orphan.pid!)).toBe(true);
    orphan.stdin!.end();
    await eventually(() => !isAlive(orphan.pid!));
  });

  it('exits on SIGTERM', async () => {
    const { child } = await echo();
    process.kill(child.pid, 'SIGTERM');
    await child.exited;
    expect(isAlive(child.pid)).toBe(false);
  });
});
