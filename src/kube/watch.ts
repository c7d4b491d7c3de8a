// A watch that keeps watching: client-node's Watch makes one request and reports when it ends; this
// loop resumes it. Cold-start timelines are built from these events, so none may be lost or repeated.
import { setTimeout as sleep } from 'node:timers/promises';
import { Watch, type KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from './objects.ts';

// client-node 2.0.1's Watch aborts a stream after 30 s without data (dist/watch.js
// requestTimeoutMs = 30000, then done(TimeoutError)); without timeoutSeconds the API server would
// hold it 1800–3600 s (apiserver pkg/endpoints/handlers/get.go). Asking the server to end it first
// makes every quiet stream end cleanly, on time, and be resumed at once.
const SERVER_TIMEOUT_SECONDS = 25;

export type WatchEvent =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: KubeObject; receivedAt: number }
  /** The history was gone (410), so this is the whole current state; transitions in between were missed. */
  | { type: 'RELISTED'; items: KubeObject[]; resourceVersion: string; receivedAt: number };

export interface WatchLoopOptions {
  /** First delay before retrying a failed watch request; doubles per consecutive failure (cap 30 s). */
  retryDelayMs: number;
  /** Consecutive failed requests (with no event between them) before giving up. */
  maxRetries: number;
  /** The clock receipt times are stamped with (monotonic: performance.now by default). */
  now: () => number;
  /** GET the collection (the watch path without `watch`), as the API server's JSON text. */
  list: (path: string, query: Record<string, string | undefined>) => Promise<string>;
}

type Outcome = { kind: 'ended' } | { kind: 'expired' } | { kind: 'failed'; error: unknown } | { kind: 'fatal'; error: unknown };

export async function watchLoop(
  kc: KubeConfig,
  path: string,
  query: Record<string, string | undefined>,
  onEvent: (event: WatchEvent) => void,
  signal: AbortSignal,
  options: WatchLoopOptions,
): Promise<void> {
  const watch = new Watch(kc);
  let resourceVersion = query.resourceVersion;
  let failures = 0;
  while (!signal.aborted) {
    let progressed = false;
    const openedAt = performance.now();
    const watchQuery = { ...query, allowWatchBookmarks: 'true', timeoutSeconds: String(SERVER_TIMEOUT_SECONDS), resourceVersion };
    const outcome = await watchOnce(watch, path, watchQuery, signal, (type, object) => {
      if (type === 'ERROR') {
        const status = object as { code?: number; message?: string };
        return status.code === 410 ? { kind: 'expired' } : { kind: 'failed', error: new Error(status.message ?? 'watch ERROR event') };
      }
      const version = (object as KubeObject).metadata?.resourceVersion;
      if (version) resourceVersion = version;
      progressed = true;
      if (type === 'BOOKMARK') return undefined; // only moves the resume point
      onEvent({ type: type as 'ADDED' | 'MODIFIED' | 'DELETED', object: object as KubeObject, receivedAt: options.now() });
      return undefined;
    });
    if (signal.aborted) return;
    if (outcome.kind === 'fatal') throw new Error(`watch ${path} failed`, { cause: outcome.error });
    if (progressed) failures = 0;

    if (outcome.kind === 'expired') {
      // 410 Gone: the API server no longer has the history after our resourceVersion (etcd was
      // compacted, or we were away too long), so resuming cannot say what changed. Relist to get the
      // current state and its resourceVersion, hand it over as RELISTED, and watch on from there.
      try {
        const { items, resourceVersion: listVersion } = await relist(options, path, query);
        resourceVersion = listVersion;
        onEvent({ type: 'RELISTED', items, resourceVersion: listVersion, receivedAt: options.now() });
        continue;
      } catch (error) {
        if (httpStatus(error) !== undefined && isFatalStatus(httpStatus(error)!)) throw new Error(`relist ${path} failed`, { cause: error });
        failures += 1;
        if (failures > options.maxRetries) throw new Error(`relist ${path} failed ${failures} times`, { cause: error });
      }
    } else if (outcome.kind === 'failed') {
      failures += 1;
      if (failures > options.maxRetries) throw new Error(`watch ${path} failed ${failures} times in a row`, { cause: outcome.error });
    }
    const delay = Math.min(options.retryDelayMs * 2 ** Math.max(0, failures - 1), 30_000);
    // A stream that ended normally (the server's timeoutSeconds, client-node's 30 s TimeoutError, a
    // dropped connection) resumes at once — events must not wait out a back-off, their receipt time
    // is the measurement — if it delivered events or stayed open at least as long as the back-off:
    // resuming it then is no hotter a loop than backing off. One that ended at once waits.
    if (outcome.kind === 'ended' && (progressed || performance.now() - openedAt >= delay)) continue;
    await sleep(delay, undefined, { signal }).catch(() => undefined);
  }
}

function watchOnce(
  watch: Watch,
  path: string,
  query: Record<string, string | undefined>,
  signal: AbortSignal,
  handle: (type: string, object: unknown) => Outcome | undefined,
): Promise<Outcome> {
  return new Promise((resolve) => {
    let controller: AbortController | undefined;
    let settled = false;
    const finish = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      controller?.abort();
      resolve(outcome);
    };
    const onAbort = () => finish({ kind: 'ended' });
    signal.addEventListener('abort', onAbort);
    const callback = (type: string, object: unknown) => {
      if (settled) return;
      // client-node swallows exceptions thrown here, so a failing consumer is caught and surfaced.
      try {
        const outcome = handle(type, object);
        if (outcome) finish(outcome);
      } catch (error) {
        finish({ kind: 'fatal', error });
      }
    };
    const done = (error: unknown) => {
      if (!error || (error as Error).name === 'TimeoutError') return finish({ kind: 'ended' }); // 30 s without data
      const status = httpStatus(error);
      if (status === 410) return finish({ kind: 'expired' });
      finish(status !== undefined && isFatalStatus(status) ? { kind: 'fatal', error } : { kind: 'failed', error });
    };
    watch.watch(path, query, callback, done).then(
      (started) => {
        controller = started;
        if (settled) started.abort();
      },
      (error: unknown) => finish({ kind: 'fatal', error }),
    );
  });
}

async function relist(options: WatchLoopOptions, path: string, query: Record<string, string | undefined>) {
  const { resourceVersion: _from, ...listQuery } = query;
  const list = JSON.parse(await options.list(path, listQuery)) as { apiVersion: string; kind: string; metadata: { resourceVersion: string }; items: KubeObject[] };
  // List items come without apiVersion/kind; give them back so they look like watch objects.
  const kind = list.kind.replace(/List$/, '');
  const items = list.items.map((item) => ({ ...item, apiVersion: list.apiVersion, kind }));
  return { items, resourceVersion: list.metadata.resourceVersion };
}

function httpStatus(error: unknown): number | undefined {
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  return typeof statusCode === 'number' ? statusCode : typeof code === 'number' ? code : undefined;
}

// Client errors other than 410 Gone and 429 Too Many Requests will not heal by retrying (403, 404...).
function isFatalStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 410 && status !== 429;
}
