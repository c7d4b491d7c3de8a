// What the k6 module stand-ins (./modules) call into: the fake k6 run in progress, or an inert one
// when a test only loads the script to read its options. One JS runtime serves every VU of a run
// (real k6 gives each VU its own), which is enough for a script that keeps no per-VU state.

export interface HttpResponse {
  status: number;
  error: string;
  error_code: number;
  timings: { duration: number; blocked: number; connecting: number; tls_handshaking: number; sending: number; waiting: number; receiving: number };
}

export interface K6Runtime {
  request(method: string, url: string, params: { timeout?: string } | undefined): HttpResponse;
  setResponseCallback(callback: ExpectedStatuses | null): void;
  check(checks: Record<string, (value: unknown) => boolean>, value: unknown): boolean;
  registerMetric(name: string, type: 'counter' | 'gauge' | 'rate' | 'trend'): void;
  addToMetric(name: string, value: number, tags: Record<string, string> | undefined): void;
}

/** http.expectedStatuses(...) as k6 returns it: status ranges (js/modules/k6/http/response_callback.go). */
export interface ExpectedStatuses {
  ranges: [number, number][];
}

const inert: K6Runtime = {
  request: () => ({ status: 200, error: '', error_code: 0, timings: { duration: 0, blocked: 0, connecting: 0, tls_handshaking: 0, sending: 0, waiting: 0, receiving: 0 } }),
  setResponseCallback: () => undefined,
  check: () => true,
  registerMetric: () => undefined,
  addToMetric: () => undefined,
};

// On globalThis, not in a module variable: each fake run re-imports the script with fresh module
// instances (vi.resetModules), this module's included, and they must all see the same runtime.
const slot = globalThis as { __meshbenchFakeK6?: K6Runtime };

export function currentRuntime(): K6Runtime {
  return slot.__meshbenchFakeK6 ?? inert;
}

export function withRuntime<T>(runtime: K6Runtime, work: () => T): T {
  const previous = slot.__meshbenchFakeK6;
  slot.__meshbenchFakeK6 = runtime;
  try {
    return work();
  } finally {
    slot.__meshbenchFakeK6 = previous;
  }
}

/** For the script's init context, which runs when the module is imported (an await in between). */
export function setRuntime(runtime: K6Runtime | undefined): void {
  slot.__meshbenchFakeK6 = runtime;
}
