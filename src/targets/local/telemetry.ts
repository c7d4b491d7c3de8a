// In-proxy telemetry of the built-in proxy hop: the work Istio's default sidecar does for metrics,
// its stats filter (istio.stats), which records Istio's standard HTTP metrics per request — a
// request counter and request-duration, request-size and response-size histograms (istio.io
// docs/reference/config/telemetry/metrics) — here in Envoy's default histogram buckets. Like the
// real default (istio/istio@1.28.3 pkg/config/mesh/mesh.go: accessLogFile ""; no default
// access-log provider in istio-discovery templates/configmap.yaml) it writes no access log. With
// telemetry off none of this runs — what the mesh-wide Telemetry object removes (metrics disabled:
// no stats filter, pilot/pkg/model/telemetry.go generateStatsConfig) — so "sidecar" and "sidecar
// without telemetry" differ by that work only.

// Envoy's default histogram buckets (ms for durations, bytes for sizes).
const BUCKETS = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000];

export interface RequestRecord {
  method: string;
  status: number;
  durationMs: number;
  bytesReceived: number;
  bytesSent: number;
}

export interface HistogramSnapshot {
  buckets: number[];
  /** Cumulative counts per bucket (Prometheus style), the last one is +Inf. */
  counts: number[];
  sum: number;
}

export interface TelemetrySnapshot {
  requests: Record<string, number>;
  durationMs: HistogramSnapshot;
  requestBytes: HistogramSnapshot;
  responseBytes: HistogramSnapshot;
}

class Histogram {
  #counts = new Array<number>(BUCKETS.length + 1).fill(0);
  #sum = 0;

  record(value: number): void {
    const bucket = BUCKETS.findIndex((le) => value <= le);
    this.#counts[bucket === -1 ? BUCKETS.length : bucket]! += 1;
    this.#sum += value;
  }

  snapshot(): HistogramSnapshot {
    let running = 0;
    return { buckets: BUCKETS, counts: this.#counts.map((count) => (running += count)), sum: this.#sum };
  }
}

export class ProxyTelemetry {
  #requests = new Map<string, number>();
  #duration = new Histogram();
  #requestBytes = new Histogram();
  #responseBytes = new Histogram();

  record(r: RequestRecord): void {
    const key = `${r.method} ${r.status}`;
    this.#requests.set(key, (this.#requests.get(key) ?? 0) + 1);
    this.#duration.record(r.durationMs);
    this.#requestBytes.record(r.bytesReceived);
    this.#responseBytes.record(r.bytesSent);
  }

  snapshot(): TelemetrySnapshot {
    return {
      requests: Object.fromEntries(this.#requests),
      durationMs: this.#duration.snapshot(),
      requestBytes: this.#requestBytes.snapshot(),
      responseBytes: this.#responseBytes.snapshot(),
    };
  }
}
