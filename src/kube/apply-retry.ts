// Sends one object's apply until the API server accepts it, retrying the refusals that heal by
// themselves (api-errors.ts isTransientRefusal) for a bounded time; anything else fails at once.
import { setTimeout as sleep } from 'node:timers/promises';
import { apiErrorText, isTransientRefusal } from './api-errors.ts';

export interface ApplyRetryOptions {
  /** How long to keep retrying transient refusals before giving up. */
  timeoutMs: number;
  signal?: AbortSignal;
}

// Short first: most of these races last well under a second (an informer delivering an update).
const FIRST_DELAY_MS = 200;
const MAX_DELAY_MS = 2000;

/** Runs `attempt`; errors name `what` and say, readably, what the API server answered last. */
export async function applyWithRetries(what: string, attempt: () => Promise<void>, options: ApplyRetryOptions): Promise<void> {
  const { timeoutMs, signal } = options;
  const deadline = performance.now() + timeoutMs;
  for (let attempts = 1, delay = FIRST_DELAY_MS; ; attempts++, delay = Math.min(delay * 2, MAX_DELAY_MS)) {
    signal?.throwIfAborted();
    try {
      return await attempt();
    } catch (error) {
      if (!isTransientRefusal(error)) throw new Error(`failed to apply ${what}: ${apiErrorText(error)}`, { cause: error });
      const left = deadline - performance.now();
      if (left <= 0) {
        throw new Error(`failed to apply ${what}: still refused after ${formatSeconds(timeoutMs)} (${attempts} attempts); last answer: ${apiErrorText(error)}`, { cause: error });
      }
      // timers/promises rejects with a generic AbortError; surface the signal's own reason instead.
      await sleep(Math.min(delay, left), undefined, signal ? { signal } : {}).catch(() => signal?.throwIfAborted());
    }
  }
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))}s`;
}
