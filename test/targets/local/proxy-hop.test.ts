import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChild } from '../../../src/targets/local/processes.ts';
import type { Child } from '../../../src/targets/local/processes.ts';
import { ECHO_SERVER, PROXY_SERVER, call, median } from './support.ts';

const children: Child[] = [];
let workload: Child;
let dir: string;

async function proxy(...flags: string[]): Promise<string> {
  const child = await startChild({
    name: 'sidecar',
    args: [PROXY_SERVER, '--upstream', `http://127.0.0.1:${workload.port}`, '--port', '0', ...flags],
  });
  children.push(child);
  return `http://127.0.0.1:${child.port}`;
}

async function p50(url: string, n = 40): Promise<number> {
  for (let i = 0; i < 5; i++) await call(url); // warm the connections
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push((await call(url)).ms);
  return median(times);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'meshbench-proxy-'));
  workload = await startChild({ name: 'workload', args: [ECHO_SERVER, '--port', '0'] });
  children.push(workload);
});
afterAll(async () => {
  await Promise.all(children.map((child) => child.stop()));
  await rm(dir, { recursive: true, force: true });
});

describe('built-in proxy hop', () => {
  it('adds its --delay to every request (the calibration knob)', async () => {
    const plain = await proxy('--telemetry', 'off');
    const delayed = await proxy('--telemetry', 'off', '--delay', '25ms');
    const difference = (await p50(`${delayed}/`)) - (await p50(`${plain}/`));
    expect(difference).toBeGreaterThan(20);
    expect(difference).toBeLessThan(60);
  });

  it('passes status, headers and bodies through both ways and names itself in x-meshbench-hop', async () => {
    const base = await proxy('--role', 'queue-proxy');
    const posted = await call(`${base}/`, { method: 'POST', body: 'x'.repeat(100_000) });
    expect(posted.status).toBe(200);
    expect(posted.body.length).toBe(100_000);
    expect(posted.headers['x-meshbench-hop']).toBe('workload, queue-proxy');
    expect(posted.headers['content-type']).toBe('application/octet-stream');
    expect((await call(`${base}/?size=nope`)).status).toBe(400);
    expect((await call(`${base}/?size=3000`)).body.length).toBe(3000);
  });

  // Issue 9.8: like Istio's default sidecar, metrics (the stats filter's work) but no access log.
  it("keeps Istio's standard metrics only with telemetry on, and writes no access log either way", async () => {
    const on = await proxy('--telemetry', 'on');
    const off = await proxy('--telemetry', 'off');
    for (let i = 0; i < 3; i++) {
      await call(`${on}/echo?size=10`, { method: 'POST', body: 'abcd' });
      await call(`${off}/echo?size=10`);
    }
    const stats = JSON.parse((await call(`${on}/__meshbench/proxy-stats`)).body.toString());
    expect(stats.requests['POST 200']).toBe(3);
    expect(stats.durationMs.counts.at(-1)).toBe(3);
    expect(stats.requestBytes.sum).toBe(12);
    expect(stats.responseBytes.sum).toBe(30);
    expect((await call(`${off}/__meshbench/proxy-stats`)).status).toBe(404);
  });

  it('answers 502 when the upstream is gone', async () => {
    const dead = await startChild({ name: 'workload', args: [ECHO_SERVER, '--port', '0'] });
    const child = await startChild({
      name: 'sidecar',
      args: [PROXY_SERVER, '--upstream', `http://127.0.0.1:${dead.port}`, '--port', '0'],
    });
    children.push(child);
    await dead.stop();
    const answer = await call(`http://127.0.0.1:${child.port}/`);
    expect(answer.status).toBe(502);
    expect(answer.headers['x-meshbench-hop']).toBe('sidecar');
  });
});
