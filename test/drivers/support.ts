// Shared by the driver tests: real node:http servers on 127.0.0.1 port 0, and cells.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LoadCell } from '../../src/plan/types.ts';
import { decodeHistogram } from '../../src/results/histogram.ts';

export interface TestServer {
  url: string;
  /** Requests the server has seen. */
  hits: () => number;
  /** Connections currently open to the server. */
  openConnections: () => Promise<number>;
  close: () => Promise<void>;
}

export async function startServer(
  handler: (req: IncomingMessage, res: ServerResponse, hit: number) => void = (_req, res) => res.end('ok'),
): Promise<TestServer> {
  let hits = 0;
  const server = createServer((req, res) => handler(req, res, ++hits));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    hits: () => hits,
    openConnections: () =>
      new Promise<number>((resolve, reject) => server.getConnections((err, n) => (err ? reject(err) : resolve(n)))),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls until the server sees no open connection (the client closed its sockets); false after `ms`. */
export async function connectionsDrain(server: TestServer, ms = 1000): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    if ((await server.openConnections()) === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

/** A port nothing listens on: bind one, note it, close it. */
export async function closedPortUrl(): Promise<string> {
  const server = await startServer();
  const { url } = server;
  await server.close();
  return url;
}

export function loadCell(overrides: Partial<LoadCell>): LoadCell {
  return {
    type: 'load',
    id: 'local/test/cell/r1',
    profile: 'local',
    experiment: 'test',
    repetition: 1,
    estimatedMs: 0,
    driver: 'builtin',
    model: 'open',
    arrival: 'constant',
    rate: 100,
    connections: 4,
    durationMs: 1000,
    warmupMs: 0,
    timeoutMs: 2000,
    ...overrides,
  };
}

/** How many recorded latencies exceed `ms`, from an encoded histogram (binary search over ranks). */
export function countAbove(encoded: string, ms: number): number {
  const h = decodeHistogram(encoded);
  const n = h.totalCount;
  const valueAtRank = (rank: number): number => h.getValueAtPercentile((rank / n) * 100);
  let lo = 1;
  let hi = n + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (valueAtRank(mid) > ms * 1000) hi = mid;
    else lo = mid + 1;
  }
  return n + 1 - lo;
}
