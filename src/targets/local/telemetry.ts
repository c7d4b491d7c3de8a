// In-proxy telemetry of the built-in proxy hop, the work Istio's telemetry v2 does in Envoy:
// request counters, a latency histogram and an access-log line per request. With telemetry off
// none of it runs, so "sidecar" and "sidecar without telemetry" differ by real work.
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';

// Istio's default request-duration buckets, milliseconds.
const BUCKETS_MS = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000];

export interface RequestRecord {
  startedAt: Date;
  method: string;
  path: string;
  protocol: string;
  status: number;
  bytesReceived: number;
  bytesSent: number;
  durationMs: number;
  userAgent: string;
  authority: string;
  upstream: string;
}

export interface TelemetrySnapshot {
  requests: Record<string, number>;
  durationBucketsMs: number[];
  /** Cumulative counts per bucket (Prometheus style), the last one is +Inf. */
  durationCounts: number[];
  durationSumMs: number;
}

export class ProxyTelemetry {
  #requests = new Map<string, number>();
  #counts = new Array<number>(BUCKETS_MS.length + 1).fill(0);
  #sumMs = 0;
  #log: WriteStream | undefined;

  constructor(accessLogPath?: string) {
    // Buffered like Envoy's file access log (flushed in the background, not per request).
    if (accessLogPath) this.#log = createWriteStream(accessLogPath, { flags: 'a' });
  }

  record(r: RequestRecord): void {
    const key = `${r.method} ${r.status}`;
    this.#requests.set(key, (this.#requests.get(key) ?? 0) + 1);
    const bucket = BUCKETS_MS.findIndex((le) => r.durationMs <= le);
    this.#counts[bucket === -1 ? BUCKETS_MS.length : bucket]! += 1;
    this.#sumMs += r.durationMs;
    // Envoy's default access-log format, field for field where we have the value.
    this.#log?.write(
      `[${r.startedAt.toISOString()}] "${r.method} ${r.path} ${r.protocol}" ${r.status} - ${r.bytesReceived} ${r.bytesSent} ` +
        `${Math.round(r.durationMs)} - "-" "${r.userAgent}" "-" "${r.authority}" "${r.upstream}"\n`,
    );
  }

  snapshot(): TelemetrySnapshot {
    let running = 0;
    return {
      requests: Object.fromEntries(this.#requests),
      durationBucketsMs: BUCKETS_MS,
      durationCounts: this.#counts.map((count) => (running += count)),
      durationSumMs: this.#sumMs,
    };
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.#log ? this.#log.end(resolve) : resolve()));
  }
}
