// Renders kubelet /metrics/resource text in the current kubelet's exact shape ([STABLE] HELP lines,
// sorted labels, millisecond timestamps, resource_scrape_error) so tests can script what the fake
// API server's node proxy returns between polls (FakeKubeApi.setNodeMetrics).

export interface FakeContainer {
  namespace: string;
  pod: string;
  container: string;
  cpuSeconds: number;
  memoryBytes: number;
  /** Kubelet timestamp of both readings, ms since the epoch. */
  atMs: number;
}

export function kubeletMetricsText(containers: readonly FakeContainer[], options: { scrapeError?: boolean } = {}): string {
  const labels = (c: FakeContainer) => `{container="${c.container}",namespace="${c.namespace}",pod="${c.pod}"}`;
  return [
    '# HELP container_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the container in core-seconds',
    '# TYPE container_cpu_usage_seconds_total counter',
    ...containers.map((c) => `container_cpu_usage_seconds_total${labels(c)} ${c.cpuSeconds} ${c.atMs}`),
    '# HELP container_memory_working_set_bytes [STABLE] Current working set of the container in bytes',
    '# TYPE container_memory_working_set_bytes gauge',
    ...containers.map((c) => `container_memory_working_set_bytes${labels(c)} ${c.memoryBytes} ${c.atMs}`),
    '# HELP resource_scrape_error [STABLE] 1 if there was an error while getting container metrics, 0 otherwise',
    '# TYPE resource_scrape_error gauge',
    `resource_scrape_error ${options.scrapeError ? 1 : 0}`,
    '',
  ].join('\n');
}
