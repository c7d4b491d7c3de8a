// Parses kubelet's /metrics/resource (Prometheus text exposition 0.0.4) into one sample per
// container. Hand-written rather than a dependency: no Prometheus text parser is installed, and we
// read three series out of a flat format — a line is `name{labels} value [timestamp_ms]`.
// Every kubelet that serves the resource endpoint labels containers `container`, `pod`, `namespace`:
// 1.14–1.17 at /metrics/resource/v1alpha1 (kubernetes pkg/kubelet/server/stats/
// prometheus_resource_metrics.go, every series typed gauge), 1.18 on at /metrics/resource
// (pkg/kubelet/metrics/collectors/resource_metrics.go). The `container_name`/`pod_name` labels of
// that era belonged to cAdvisor's /metrics/cadvisor (pkg/kubelet/cadvisor/cadvisor_linux.go
// containerLabels), never to this endpoint.

export interface KubeletSample {
  namespace: string;
  pod: string;
  container: string;
  /** Cumulative CPU time of the container, core-seconds (a counter: drops when the container restarts). */
  cpuSecondsTotal: number;
  /** When the kubelet (cAdvisor) took the CPU reading, ms since the epoch. */
  cpuTimestampMs: number;
  workingSetBytes: number;
  memTimestampMs: number;
  /** From container_start_time_seconds when present: a change means a restart even if the counter grew. */
  startTimeSeconds?: number;
}

export interface KubeletScrape {
  samples: KubeletSample[];
  /** `scrape_error` (≤ 1.2x) or `resource_scrape_error` (current) was 1: the kubelet could not read some containers. */
  scrapeError: boolean;
}

interface Series {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestampMs: number | undefined;
}

const SERIES = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+(-?\d+))?\s*$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"/g;

/** Label values escape `\\`, `\"` and `\n`. */
function unescape(value: string): string {
  return value.replace(/\\(.)/g, (_, char: string) => (char === 'n' ? '\n' : char));
}

/** Go's strconv spellings of the non-finite values, which Number() does not read. */
function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

function parseLine(line: string): Series | undefined {
  const match = SERIES.exec(line);
  if (!match) return undefined;
  const labels: Record<string, string> = {};
  for (const [, name, value] of (match[2] ?? '').matchAll(LABEL)) labels[name!] = unescape(value!);
  return { name: match[1]!, labels, value: parseValue(match[3]!), timestampMs: match[4] === undefined ? undefined : Number(match[4]) };
}

function containerKey(labels: Record<string, string>): { key: string; namespace: string; pod: string; container: string } | undefined {
  const namespace = labels.namespace;
  const { pod, container } = labels;
  if (!namespace || !pod || !container) return undefined;
  return { key: `${namespace}/${pod}/${container}`, namespace, pod, container };
}

/**
 * One sample per container that has both a CPU and a memory reading (metrics-server drops
 * incomplete containers the same way). `scrapedAtMs` stands in for a missing timestamp.
 */
export function parseKubeletMetrics(text: string, scrapedAtMs: number): KubeletScrape {
  const partial = new Map<string, Partial<KubeletSample> & Pick<KubeletSample, 'namespace' | 'pod' | 'container'>>();
  let scrapeError = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const series = parseLine(line);
    if (!series) continue;
    if (series.name === 'scrape_error' || series.name === 'resource_scrape_error') {
      if (series.value === 1) scrapeError = true;
      continue;
    }
    if (series.name !== 'container_cpu_usage_seconds_total' && series.name !== 'container_memory_working_set_bytes' && series.name !== 'container_start_time_seconds') continue;
    const id = containerKey(series.labels);
    if (!id || !Number.isFinite(series.value)) continue;
    let entry = partial.get(id.key);
    if (!entry) partial.set(id.key, (entry = { namespace: id.namespace, pod: id.pod, container: id.container }));
    const at = series.timestampMs ?? scrapedAtMs;
    if (series.name === 'container_cpu_usage_seconds_total') {
      entry.cpuSecondsTotal = series.value;
      entry.cpuTimestampMs = at;
    } else if (series.name === 'container_memory_working_set_bytes') {
      entry.workingSetBytes = series.value;
      entry.memTimestampMs = at;
    } else {
      entry.startTimeSeconds = series.value;
    }
  }
  const samples: KubeletSample[] = [];
  for (const entry of partial.values()) {
    if (entry.cpuSecondsTotal === undefined || entry.workingSetBytes === undefined) continue;
    samples.push(entry as KubeletSample);
  }
  return { samples, scrapeError };
}
