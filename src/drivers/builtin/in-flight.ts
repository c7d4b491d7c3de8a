// Requests on the wire, each with a deadline. Both models start requests in
// deadline order (deadline = intended or actual send time + timeout), so the
// oldest unfinished request is always at the head: one sweep from the head
// finds every expired request without a timer per request.

export interface Abortable {
  readonly deadline: number;
  readonly done: boolean;
  abort(reason: Error): void;
}

/** Abort reason of a request whose deadline passed; anything else aborting it is a cancellation. */
export const DEADLINE_PASSED = new Error('request deadline passed');

export class InFlight {
  #queue: Abortable[] = [];
  #head = 0;
  #count = 0;

  get count(): number {
    return this.#count;
  }

  add(request: Abortable): void {
    this.#queue.push(request);
    this.#count++;
  }

  /** A request settled (response or error). */
  finish(): void {
    this.#count--;
  }

  /** Abort requests whose deadline is at or before `now`. */
  expire(now: number): void {
    while (this.#head < this.#queue.length) {
      const request = this.#queue[this.#head]!;
      if (!request.done && request.deadline > now) break;
      if (!request.done) request.abort(DEADLINE_PASSED);
      this.#head++;
    }
    // Drop the swept prefix now and then so the array does not grow for the whole run.
    if (this.#head > 4096 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }

  abortAll(reason: Error): void {
    for (let i = this.#head; i < this.#queue.length; i++) {
      const request = this.#queue[i]!;
      if (!request.done) request.abort(reason);
    }
  }
}
