// The harness's own cold request through the cluster's ingress: sent from this process so the
// request, the watch events and the first byte share one monotonic clock (performance.now()).
import { request } from 'undici';

export interface IngressAnswer {
  status: number;
  bodyBytes: number;
  /** performance.now() when the response's status line and headers arrived. */
  firstByteAt: number;
}

export async function ingressRequest(url: string, host: string | undefined, signal: AbortSignal): Promise<IngressAnswer> {
  // A fresh connection per cold request: a pooled one could have been opened before the service was cold.
  const response = await request(url, { method: 'GET', headers: host ? { host } : {}, signal, reset: true });
  const firstByteAt = performance.now();
  let bodyBytes = 0;
  for await (const chunk of response.body) bodyBytes += (chunk as Buffer).length;
  return { status: response.statusCode, bodyBytes, firstByteAt };
}
