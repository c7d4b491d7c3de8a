import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseKubeletMetrics } from '../../../src/measure/kubelet-metrics.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/kubelet/${name}`, import.meta.url), 'utf8');
const SCRAPED_AT = 1_700_000_000_000;

describe('parseKubeletMetrics', () => {
  it('reads kubelet 1.21 ([ALPHA]) containers with their millisecond timestamps and ignores node_/pod_ series', () => {
    const { samples, scrapeError } = parseKubeletMetrics(fixture('resource-v1.21-alpha.txt'), SCRAPED_AT);
    expect(scrapeError).toBe(false);
    expect(samples).toEqual([
      { namespace: 'kube-system', pod: 'coredns-558bd4d5db-4dpjz', container: 'coredns', cpuSecondsTotal: 4.710169, cpuTimestampMs: 1633253812125, workingSetBytes: 12_533_760, memTimestampMs: 1633253812125 },
      { namespace: 'kube-system', pod: 'coredns-558bd4d5db-kjc9p', container: 'coredns', cpuSecondsTotal: 4.612431, cpuTimestampMs: 1633253814708, workingSetBytes: 11_841_536, memTimestampMs: 1633253814708 },
    ]);
  });

  it('reads the current [STABLE] wording and the start time, which has no timestamp', () => {
    const { samples, scrapeError } = parseKubeletMetrics(fixture('resource-v1.3x-stable.txt'), SCRAPED_AT);
    expect(scrapeError).toBe(false);
    expect(samples.map((s) => `${s.namespace}/${s.pod}/${s.container}`)).toEqual(['namespace_a/pod_a/container_a', 'namespace_b/pod_b/container_a', 'namespace_a/pod_a/container_b']);
    expect(samples[0]).toMatchObject({ cpuSecondsTotal: 10, cpuTimestampMs: 1624396278302, workingSetBytes: 1000, startTimeSeconds: 1624396248.3020916 });
  });

  it('reads the /metrics/resource/v1alpha1 of a 1.16 kubelet: same labels, every series a gauge, no stability level', () => {
    const { samples } = parseKubeletMetrics(fixture('resource-v1alpha1-1.16.txt'), SCRAPED_AT);
    const mixer = samples.find((s) => s.container === 'mixer');
    expect(samples).toHaveLength(4);
    expect(mixer).toEqual({ namespace: 'istio-system', pod: 'istio-telemetry-6c9b7f5d84-m8n3t', container: 'mixer', cpuSecondsTotal: 25.640128, cpuTimestampMs: 1571147404467, workingSetBytes: 74_448_896, memTimestampMs: 1571147404467 });
  });

  it('ignores container_name / pod_name labels, which only /metrics/cadvisor carried', () => {
    const text = [
      'container_cpu_usage_seconds_total{container_name="app",namespace="ns",pod_name="p"} 1.5 1633253812125',
      'container_memory_working_set_bytes{container_name="app",namespace="ns",pod_name="p"} 2048 1633253812125',
    ].join('\n');
    expect(parseKubeletMetrics(text, SCRAPED_AT).samples).toEqual([]);
  });

  it('falls back to the scrape time for a reading without a timestamp, and drops a container without memory', () => {
    const text = [
      'container_cpu_usage_seconds_total{container="app",namespace="ns",pod="p"} 1.5',
      'container_cpu_usage_seconds_total{container="half",namespace="ns",pod="p"} 1.5 1633253812125',
      'container_memory_working_set_bytes{container="app",namespace="ns",pod="p"} 2048 1633253812125',
    ].join('\n');
    const samples = parseKubeletMetrics(text, SCRAPED_AT).samples;
    expect(samples).toHaveLength(1);
    expect(samples[0]).toMatchObject({ cpuSecondsTotal: 1.5, cpuTimestampMs: SCRAPED_AT, memTimestampMs: 1633253812125 });
  });

  it('flags scrape_error and resource_scrape_error = 1', () => {
    expect(parseKubeletMetrics('# TYPE scrape_error gauge\nscrape_error 1\n', SCRAPED_AT).scrapeError).toBe(true);
    expect(parseKubeletMetrics('resource_scrape_error 1\n', SCRAPED_AT).scrapeError).toBe(true);
    expect(parseKubeletMetrics('resource_scrape_error 0\n', SCRAPED_AT).scrapeError).toBe(false);
  });

  it('unescapes label values and skips lines that are not series', () => {
    const text = [
      'garbage line',
      'container_cpu_usage_seconds_total{container="a\\"b",namespace="ns",pod="p"} 1 10',
      'container_memory_working_set_bytes{container="a\\"b",namespace="ns",pod="p"} 2 10',
    ].join('\n');
    expect(parseKubeletMetrics(text, SCRAPED_AT).samples.map((s) => s.container)).toEqual(['a"b']);
  });
});
