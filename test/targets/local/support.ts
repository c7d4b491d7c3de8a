// Helpers for the local-target tests: plain HTTP calls with timing, and process liveness.
import { Agent, request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { fileURLToPath } from 'node:url';

export const ECHO_SERVER = fileURLToPath(new URL('../../../src/workloads/echo/server.ts', import.meta.url));
export const PROXY_SERVER = fileURLToPath(new URL('../../../src/targets/local/proxy-server.ts', import.meta.url));
export const ACTIVATOR_SERVER = fileURLToPath(new URL('../../../src/targets/local/activator-server.ts', import.meta.url));

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  ms: number;
}

const agent = new Agent({ keepAlive: true });

export function call(url: string, options: { method?: string; body?: string; fresh?: boolean } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = request(url, { method: options.method ?? 'GET', agent: options.fresh ? false : agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - start }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Wait until `check` holds, polling; fails after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
