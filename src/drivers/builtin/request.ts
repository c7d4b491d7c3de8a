// One GET through undici's handler API rather than `request()`: no Readable
// body stream, async iterator or AbortController per request, which cut the
// driver's CPU per request by about a quarter on the development machine.
import { Pool } from 'undici';
import type { Dispatcher } from 'undici';

/**
 * One keep-alive connection pool per run, HTTP/1.1 without pipelining (like
 * the Istio benchmark's clients). When every connection is busy, undici queues
 * the request; in the open model that wait is part of the latency, as it should be.
 */
export function createPool(origin: string, connections: number): Pool {
  return new Pool(origin, { connections, pipelining: 1 });
}

/** A request in flight: settles when the last body byte has arrived (the body is discarded) or on error. */
export class Exchange implements Dispatcher.DispatchHandler {
  /** Deadline on the performance.now() clock; the in-flight sweep aborts the exchange after it. */
  readonly deadline: number;
  /** Set once the exchange has settled. */
  done = false;
  /** Why the exchange was aborted by us (deadline or cancellation), if it was. */
  abortReason: Error | undefined;
  readonly #onEnd: (status: number) => void;
  readonly #onError: (err: Error) => void;
  #controller: Dispatcher.DispatchController | undefined;
  #status = 0;

  constructor(deadline: number, onEnd: (status: number) => void, onError: (err: Error) => void) {
    this.deadline = deadline;
    this.#onEnd = onEnd;
    this.#onError = onError;
  }

  /** Aborts now if the request is on a connection, else as soon as undici hands it one. */
  abort(reason: Error): void {
    if (this.done || this.abortReason) return;
    this.abortReason = reason;
    this.#controller?.abort(reason);
  }

  // Called when the request reaches a connection (again, on a retry).
  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.abortReason) controller.abort(this.abortReason);
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number): void {
    this.#status = statusCode;
  }

  onResponseData(): void {
    // Discard: only the time to the last byte matters.
  }

  onResponseEnd(): void {
    this.done = true;
    this.#onEnd(this.#status);
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    this.done = true;
    this.#onError(err);
  }
}

export function send(pool: Pool, path: string, exchange: Exchange, headers?: Record<string, string>): void {
  pool.dispatch({ method: 'GET', path, ...(headers ? { headers } : {}) }, exchange);
}
