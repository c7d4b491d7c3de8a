import { Pool } from 'undici';

/**
 * One keep-alive connection pool per run, HTTP/1.1 without pipelining (like
 * the Istio benchmark's clients). When every connection is busy, undici queues
 * the request; in the open model that wait is part of the latency, as it should be.
 */
export function createPool(origin: string, connections: number): Pool {
  return new Pool(origin, { connections, pipelining: 1 });
}

/** One GET with the body read to the end, so latency covers the whole response. Resolves to the status code. */
export async function getFully(pool: Pool, path: string, signal: AbortSignal): Promise<number> {
  const { statusCode, body } = await pool.request({ method: 'GET', path, signal });
  for await (const _chunk of body) {
    // Discard: only the time to the last byte matters.
  }
  return statusCode;
}
