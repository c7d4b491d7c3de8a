// CPU rates from kubelet counters, the way metrics-server computes them: Δcounter / Δtimestamp
// between two readings of the same container, using the kubelet's own timestamps (not when we
// polled), so a slow or late poll does not bend the rate. The readings change only when cAdvisor
// housekeeps the container: every 10 s, up to 15 s for an idle one, each wait stretched by a random
// jitter of up to 100 % (kubernetes pkg/kubelet/cadvisor/cadvisor_linux.go
// defaultHousekeepingInterval / maxHousekeepingInterval; google/cadvisor v0.52.1, which Kubernetes
// 1.34 vendors, manager/container.go jitter(interval, 1.0)) — 10–30 s apart. The CRI stats
// provider of 1.34 still fills CPU and memory from cAdvisor (pkg/kubelet/stats/cri_stats_provider.go
// addCadvisorContainerCPUAndMemoryStats; PodAndContainerStatsFromCRI is alpha, off). So most polls
// repeat the previous reading: those bring no new interval, and what counts is distinct readings.
import type { KubeletSample } from './kubelet-metrics.ts';

export type Reading = Pick<KubeletSample, 'cpuSecondsTotal' | 'cpuTimestampMs' | 'workingSetBytes' | 'startTimeSeconds'>;

export type CpuStep =
  | { kind: 'rate'; millicores: number; cpuSeconds: number }
  /** Same (or an older) timestamp: no new reading, so no rate. */
  | { kind: 'stale' }
  /** The container restarted (counter went down, or its start time changed): the interval is dropped, never negative. */
  | { kind: 'reset' };

export function cpuStep(previous: Reading, next: Reading): CpuStep {
  if (next.cpuTimestampMs <= previous.cpuTimestampMs) return { kind: 'stale' };
  const restarted = previous.startTimeSeconds !== undefined && next.startTimeSeconds !== undefined && next.startTimeSeconds !== previous.startTimeSeconds;
  const cpuSeconds = next.cpuSecondsTotal - previous.cpuSecondsTotal;
  if (restarted || cpuSeconds < 0) return { kind: 'reset' };
  return { kind: 'rate', millicores: (cpuSeconds / (next.cpuTimestampMs - previous.cpuTimestampMs)) * 1_000_000, cpuSeconds };
}

export interface Stats {
  min: number;
  avg: number;
  max: number;
}

/** Zeros for no values: callers look at the counts and attach an error rather than report them. */
export function stats(values: readonly number[]): Stats {
  if (values.length === 0) return { min: 0, avg: 0, max: 0 };
  return { min: Math.min(...values), avg: values.reduce((a, b) => a + b, 0) / values.length, max: Math.max(...values) };
}

/** One poll as seen by one component: the readings of its containers, keyed "namespace/pod/container". */
export interface ComponentPoll {
  /** false for warm-up polls: they only provide the baseline for the first rate. */
  measured: boolean;
  readings: ReadonlyMap<string, Reading>;
}

export interface WindowSummary {
  /** Measured polls in which at least one of the component's containers was present. */
  samples: number;
  /** Of those, how many had a CPU rate (a container with two distinct readings in the window). */
  rateSamples: number;
  /** Distinct readings first seen in measured polls, summed over the containers. */
  readings: number;
  /** The most distinct readings any one container had in the window: a rate needs two. */
  mostReadings: number;
  /** Per poll, the sum over the component's containers of their latest rate. */
  cpuMillicores: Stats;
  /**
   * CPU burnt in the window. Given the window's length, per container: its average rate over the
   * reading intervals (Δcounter / Δtimestamp, on the kubelet's own clock) × the part of the window
   * it was present (share of measured polls). Kubelet readings are 10–30 s apart, so summing whole
   * intervals would count time before and after the window; no node-vs-harness clock comparison is
   * needed this way. Without a window length: every measured interval's CPU, as read.
   */
  cpuSeconds: number;
  /** Per poll, the average working set over the component's pods. */
  memoryMiB: Stats;
  resets: number;
}

const MIB = 1024 * 1024;

/** The working set of each pod (its containers together), averaged over the pods. */
function averagePodMemory(readings: ReadonlyMap<string, Reading>): number {
  const pods = new Map<string, number>();
  for (const [key, reading] of readings) {
    const pod = key.split('/').slice(0, 2).join('/');
    pods.set(pod, (pods.get(pod) ?? 0) + reading.workingSetBytes);
  }
  return [...pods.values()].reduce((a, b) => a + b, 0) / pods.size;
}

/**
 * Summarises a component over the measured polls. Rates come only from intervals between two
 * readings taken in the window (first seen in measured polls): the interval from the last warm-up
 * reading into the window lies mostly in the warm-up, up to 30 s of it. A container's rate holds
 * until its next new reading (a step function sampled at each poll), and counts only while the
 * container is present.
 */
export function summariseWindow(polls: readonly ComponentPoll[], windowMs?: number): WindowSummary {
  const last = new Map<string, Reading>();
  // Containers whose latest reading was first seen in a measured poll, with their count of such readings.
  const inWindow = new Map<string, number>();
  const readingsOf = new Map<string, number>();
  const rate = new Map<string, number>();
  const millicores: number[] = [];
  const memory: number[] = [];
  let cpuSeconds = 0;
  // Per container: CPU and time over its measured intervals, and the measured polls it was in.
  const intervals = new Map<string, { cpuSeconds: number; ms: number }>();
  const presence = new Map<string, number>();
  let measuredPolls = 0;
  let resets = 0;
  let samples = 0;
  for (const poll of polls) {
    for (const [key, reading] of poll.readings) {
      const previous = last.get(key);
      const step = previous ? cpuStep(previous, reading) : undefined;
      if (step?.kind === 'stale') continue;
      last.set(key, reading);
      const counted = inWindow.get(key);
      if (!poll.measured) {
        inWindow.delete(key); // a warm-up reading, or one after the window's end: no rate from or to it
        continue;
      }
      inWindow.set(key, (counted ?? 0) + 1);
      readingsOf.set(key, (readingsOf.get(key) ?? 0) + 1);
      if (step?.kind === 'reset') {
        resets++;
        rate.delete(key);
      } else if (step?.kind === 'rate' && counted !== undefined) {
        rate.set(key, step.millicores);
        cpuSeconds += step.cpuSeconds;
        const sum = intervals.get(key) ?? { cpuSeconds: 0, ms: 0 };
        intervals.set(key, { cpuSeconds: sum.cpuSeconds + step.cpuSeconds, ms: sum.ms + (reading.cpuTimestampMs - previous!.cpuTimestampMs) });
      }
    }
    if (poll.measured) {
      measuredPolls++;
      for (const key of poll.readings.keys()) presence.set(key, (presence.get(key) ?? 0) + 1);
    }
    if (!poll.measured || poll.readings.size === 0) continue;
    samples++;
    memory.push(averagePodMemory(poll.readings) / MIB);
    // A poll counts only once every container in it has a rate: Mixer without its istio-proxy's
    // rate, or N pods with one new among them, would read as cheaper than they are.
    const rates = [...poll.readings.keys()].flatMap((key) => (rate.has(key) ? [rate.get(key)!] : []));
    if (rates.length > 0 && rates.length === poll.readings.size) millicores.push(rates.reduce((a, b) => a + b, 0));
  }
  if (windowMs !== undefined && measuredPolls > 0) {
    cpuSeconds = 0;
    for (const [key, sum] of intervals) {
      if (sum.ms > 0) cpuSeconds += (sum.cpuSeconds / sum.ms) * windowMs * ((presence.get(key) ?? 0) / measuredPolls);
    }
  }
  const perContainer = [...readingsOf.values()];
  return {
    samples,
    rateSamples: millicores.length,
    readings: perContainer.reduce((a, b) => a + b, 0),
    mostReadings: Math.max(0, ...perContainer),
    cpuMillicores: stats(millicores),
    cpuSeconds,
    memoryMiB: stats(memory),
    resets,
  };
}
