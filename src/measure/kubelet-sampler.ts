// Resource use of a cluster's data-plane containers: polls every node's kubelet /metrics/resource
// through the API server's node proxy, and summarises each expected component over the measured
// window. Poll failures never end the run; they are counted and explained where a figure is missing.
// The kubelet's figures change only when cAdvisor housekeeps a container, every 10–30 s (see
// cpu-rate.ts): polling faster sees the same reading again, and a window with fewer than two
// distinct readings of a container is too short to give it a CPU figure at all.
import type { Kube } from '../kube/kube.ts';
import type { ResourceUsage } from '../results/types.ts';
import { summariseWindow, type ComponentPoll, type Reading } from './cpu-rate.ts';
import { describeExpected, expectedContainers, matchesExpected, type ExpectedComponent } from './expected-components.ts';
import { parseKubeletMetrics, type KubeletSample } from './kubelet-metrics.ts';
import type { Sampler } from './sampler.ts';

/** How often the kubelets are polled by default: see sampleInterval in src/run/open-target.ts. */
export const DEFAULT_KUBELET_POLL_MS = 5_000;

export interface KubeletSamplerOptions {
  kube: Pick<Kube, 'list' | 'nodeResourceMetrics'>;
  /** Nodes to poll; by default every node, listed once at start(). */
  nodes?: string[];
  intervalMs?: number;
  expected: ExpectedComponent[];
  /** Epoch milliseconds, the stand-in for a reading without a kubelet timestamp. */
  now?: () => number;
  /** Monotonic clock (ms) that times the measured window; default performance.now. */
  clock?: () => number;
}

interface Poll {
  measured: boolean;
  samples: KubeletSample[];
}

const keyOf = (sample: KubeletSample) => `${sample.namespace}/${sample.pod}/${sample.container}`;

export function createKubeletSampler(options: KubeletSamplerOptions): Sampler {
  const { kube, intervalMs = DEFAULT_KUBELET_POLL_MS, expected, now = Date.now, clock = () => performance.now() } = options;
  const polls: Poll[] = [];
  let attempts = 0;
  let failures = 0;
  let lastFailure = '';
  let scrapeErrors = 0;
  let measuring = false;
  let ended = false;
  // The measured window's length on this machine's monotonic clock: only a duration, so the nodes'
  // clocks never need to agree with ours.
  let windowStartedAt: number | undefined;
  let windowMs: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let nodes: Promise<string[] | Error> | undefined;

  function fail(message: string): void {
    failures++;
    lastFailure = message;
  }

  // A poll counts only when every node answered: a node that failed would make its containers look
  // gone and its share of a component's CPU sum look like a drop. Rates span the gap afterwards,
  // since they use the kubelet's own timestamps.
  async function pollOnce(): Promise<void> {
    attempts++;
    const measured = measuring;
    const names = await nodes!;
    if (names instanceof Error) return fail(`listing nodes: ${names.message}`);
    const texts = await Promise.allSettled(names.map((node) => kube.nodeResourceMetrics(node)));
    const failed = texts.findIndex((result) => result.status === 'rejected');
    if (failed >= 0) {
      const reason = (texts[failed] as PromiseRejectedResult).reason as Error;
      return fail(`node ${names[failed]}: ${String(reason?.message ?? reason).split('\n')[0]}`);
    }
    const at = now();
    const samples: KubeletSample[] = [];
    for (const result of texts as PromiseFulfilledResult<string>[]) {
      const scrape = parseKubeletMetrics(result.value, at);
      if (scrape.scrapeError) scrapeErrors++;
      samples.push(...scrape.samples);
    }
    polls.push({ measured, samples });
  }

  function poll(): Promise<void> {
    // A slow API server must not pile polls up: the next tick waits for this one.
    // Whatever goes wrong is a failed poll, never an unhandled rejection that ends the run.
    if (!inFlight) inFlight = pollOnce().catch((error: unknown) => fail(String(error))).finally(() => (inFlight = undefined));
    return inFlight;
  }

  function problems(): string {
    const parts: string[] = [];
    if (failures > 0) parts.push(`${failures} of ${attempts} kubelet polls failed (last: ${lastFailure})`);
    if (scrapeErrors > 0) parts.push(`the kubelet reported scrape errors in ${scrapeErrors} polls`);
    return parts.length > 0 ? `; ${parts.join('; ')}` : '';
  }

  function usage(component: ExpectedComponent, requests: number): ResourceUsage {
    const where = describeExpected(component);
    const views: ComponentPoll[] = polls.map((entry) => ({
      measured: entry.measured,
      readings: new Map<string, Reading>(entry.samples.filter((sample) => matchesExpected(component, sample)).map((sample) => [keyOf(sample), sample])),
    }));
    const summary = summariseWindow(views, windowMs);
    const sources = new Set(views.filter((view) => view.measured).flatMap((view) => [...view.readings.keys()]));
    const pods = new Set([...sources].map((key) => key.split('/').slice(0, 2).join('/')));
    const base: ResourceUsage = {
      component: component.component,
      // One container, one pod (all its containers, as namespace/pod), or how many pods.
      source: sources.size === 1 ? [...sources][0]! : pods.size === 1 ? [...pods][0]! : `${pods.size} pods`,
      samples: summary.samples,
      readings: summary.readings,
      cpuMillicores: summary.cpuMillicores,
      memoryMiB: summary.memoryMiB,
    };
    // Seen outside the window but in no poll inside it: the window was too short, not the container missing.
    const seenOutside = views.some((view) => view.readings.size > 0);
    if (summary.samples === 0 && !seenOutside) return { ...base, error: `expected ${where} not found${problems()}` };
    // A component of several containers (Mixer with its istio-proxy) without one of them would be cheaper than it is.
    const missing = expectedContainers(component).filter((name) => ![...sources].some((key) => key.endsWith(`/${name}`)));
    if (summary.samples > 0 && missing.length > 0) return { ...base, error: `expected ${where}: ${missing.join(', ')} not found in the measured window${problems()}` };
    if (summary.mostReadings < 2 || summary.rateSamples === 0) {
      const seconds = windowMs === undefined ? '' : ` ${(windowMs / 1000).toFixed(1)} s`;
      return {
        ...base,
        error: `too short to sample: the kubelet took ${summary.mostReadings} distinct reading${summary.mostReadings === 1 ? '' : 's'} of ${where} in the${seconds} measured window; its figures change only at cAdvisor housekeeping (every 10–30 s) and a CPU figure needs two${problems()}`,
      };
    }
    const result: ResourceUsage = { ...base, cpuSecondsPer1000Requests: requests > 0 ? (summary.cpuSeconds / requests) * 1000 : undefined };
    if (component.required && views.at(-1)!.readings.size === 0) {
      result.error = `expected ${where} disappeared during the measured window`;
    }
    return result;
  }

  return {
    start() {
      const listed = options.nodes
        ? Promise.resolve(options.nodes)
        : kube.list('v1', 'Node').then((items) => items.map((node) => node.metadata.name));
      nodes = listed.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      void poll();
      timer = setInterval(() => void poll(), intervalMs);
      timer.unref();
    },

    measureFrom() {
      measuring = true;
      windowStartedAt = clock();
    },

    measureUntil() {
      if (ended) return;
      ended = true;
      // Polls from here on (one may be under way) fall outside the window.
      if (measuring && windowStartedAt !== undefined) windowMs = clock() - windowStartedAt;
      measuring = false;
    },

    async stop(requests) {
      clearInterval(timer);
      timer = undefined;
      if (nodes) {
        await inFlight;
        if (!ended) await poll(); // the latest readings close the window
      }
      // Like ProcSampler: without measureFrom() the whole run is the measured window.
      if (windowStartedAt === undefined) for (const entry of polls) entry.measured = true;
      else if (!ended) windowMs = clock() - windowStartedAt;
      return expected.map((component) => usage(component, requests));
    },
  };
}
