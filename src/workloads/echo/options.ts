// Per-request options of the echo workload, fortio echo-server style: `?delay=10ms&size=1024`
// override the server's defaults for that one request.
import { parseDuration } from '../../suite/duration.ts';

/** Refuse absurd requests instead of allocating gigabytes or holding sockets for hours. */
export const MAX_SIZE = 64 * 1024 * 1024;
export const MAX_DELAY_MS = 60_000;

export interface EchoOptions {
  delayMs: number;
  /** Response body bytes; undefined means "echo the request body" when one is sent. */
  size: number | undefined;
}

/** The options of one request, or an error message for a 400 answer. */
export function requestOptions(query: URLSearchParams, defaults: { delayMs: number }): EchoOptions | string {
  let delayMs = defaults.delayMs;
  const delay = query.get('delay');
  if (delay !== null) {
    const parsed = parseDuration(delay);
    if (parsed === undefined || parsed > MAX_DELAY_MS) return `bad delay "${delay}": a duration like 10ms, at most 60s`;
    delayMs = parsed;
  }
  let size: number | undefined;
  const sizeText = query.get('size');
  if (sizeText !== null) {
    size = Number(sizeText);
    if (!/^\d+$/.test(sizeText) || size > MAX_SIZE) return `bad size "${sizeText}": bytes, at most ${MAX_SIZE}`;
  }
  return { delayMs, size };
}
