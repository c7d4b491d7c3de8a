// Waits on one named object through the Kube seam's watch until a verdict, a timeout or an abort.
import type { Kube } from '../../kube/kube.ts';
import type { KubeObject } from '../../kube/objects.ts';

export type WaitResult<T> =
  | { kind: 'decided'; value: T; object: KubeObject }
  | { kind: 'timeout' | 'aborted' | 'deleted'; object: KubeObject | undefined };

export interface WaitOptions {
  timeoutMs: number;
  signal: AbortSignal;
}

/**
 * Watches `collectionPath` for the object `name` and resolves with the first verdict `decide`
 * returns (called on every state seen, the current one first). Rejects when the watch cannot go on.
 */
export async function waitForObject<T>(
  kube: Kube,
  collectionPath: string,
  name: string,
  decide: (object: KubeObject) => T | undefined,
  options: WaitOptions,
): Promise<WaitResult<T>> {
  const stop = new AbortController();
  let result: WaitResult<T> | undefined;
  let last: KubeObject | undefined;
  const end = (value: WaitResult<T>): void => {
    result ??= value;
    stop.abort();
  };
  const seen = (object: KubeObject): void => {
    if (object.metadata.name !== name || result !== undefined) return;
    last = object;
    const value = decide(object);
    if (value !== undefined) end({ kind: 'decided', value, object });
  };
  const timer = setTimeout(() => end({ kind: 'timeout', object: last }), options.timeoutMs);
  const onAbort = (): void => end({ kind: 'aborted', object: last });
  options.signal.addEventListener('abort', onAbort, { once: true });
  if (options.signal.aborted) onAbort();
  try {
    // fieldSelector narrows the stream on a real API server; events are filtered by name anyway.
    await kube.watch(collectionPath, { fieldSelector: `metadata.name=${name}` }, (event) => {
      if (event.type === 'RELISTED') event.items.forEach(seen);
      else if (event.type === 'DELETED') {
        if (event.object.metadata.name === name) end({ kind: 'deleted', object: event.object });
      } else seen(event.object);
    }, stop.signal);
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', onAbort);
  }
  return result ?? { kind: 'aborted', object: last };
}
