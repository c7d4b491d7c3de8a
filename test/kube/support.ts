// Shared by the watch tests: collect a watch's events and wait for them without fixed sleeps.
import type { WatchEvent } from '../../src/kube/watch.ts';

export function collector() {
  const events: WatchEvent[] = [];
  return {
    events,
    onEvent: (event: WatchEvent) => void events.push(event),
    async until(count: number, timeoutMs = 5000): Promise<void> {
      await until(() => events.length >= count, `${count} watch events (got ${events.length})`, timeoutMs);
    },
  };
}

export async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const versionOf = (event: WatchEvent) => (event.type === 'RELISTED' ? event.resourceVersion : event.object.metadata.resourceVersion);
