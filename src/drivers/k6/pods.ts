// The k6 pods behind a Job or a TestRun: finding them, saying what state they are in (for error
// messages), and reading their logs into one sample stream.
import type { Kube } from '../../cluster/kube.ts';
import type { KubeObject } from '../../cluster/objects.ts';
import { parseK6Ndjson } from './parse-ndjson.ts';
import { parseK6Summary, type K6Summary } from './parse-summary.ts';
import { linesAsBytes, splitK6PodLog } from './pod-log.ts';
import type { K6Samples } from './samples.ts';

interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: object;
  terminated?: { reason?: string; exitCode?: number };
}
interface PodStatus {
  phase?: string;
  containerStatuses?: { name: string; state?: ContainerState }[];
}

export function listPods(kube: Kube, namespace: string, labelSelector: string): Promise<KubeObject[]> {
  return kube.list('v1', 'Pod', { namespace, labelSelector });
}

/** "pod k6-x-abcde Running", "pod k6-x-abcde Pending (k6: ImagePullBackOff)", "... Failed (k6: Error, exit code 107)". */
export function describePod(pod: KubeObject): string {
  const status = (pod.status ?? {}) as PodStatus;
  const containers = (status.containerStatuses ?? []).flatMap(({ name, state }) => {
    if (state?.waiting) return [`${name}: ${state.waiting.reason ?? 'waiting'}`];
    if (state?.terminated) return [`${name}: ${state.terminated.reason ?? 'terminated'}, exit code ${state.terminated.exitCode ?? '?'}`];
    return [];
  });
  return `pod ${pod.metadata.name} ${status.phase ?? 'Unknown'}${containers.length > 0 ? ` (${containers.join('; ')})` : ''}`;
}

export function describePods(pods: readonly KubeObject[]): string {
  return pods.length === 0 ? 'no pod was created' : pods.map(describePod).join(', ');
}

export interface PodResults {
  samples: K6Samples;
  summaries: K6Summary[];
  /** Every pod's sample lines, in pod order, for the audit file. */
  sampleLines: string[];
  /** Pods whose log had no complete summary (cut short, or k6 never reached handleSummary). */
  withoutSummary: string[];
}

/** Reads every pod's `k6` container log; all samples go into ONE tally, hence one histogram. */
export async function readPodResults(kube: Kube, namespace: string, pods: readonly KubeObject[]): Promise<PodResults> {
  const sampleLines: string[] = [];
  const summaries: K6Summary[] = [];
  const withoutSummary: string[] = [];
  for (const pod of pods) {
    const log = splitK6PodLog(await kube.podLogs(namespace, pod.metadata.name, 'k6'));
    sampleLines.push(...log.sampleLines);
    if (log.summary === undefined) withoutSummary.push(pod.metadata.name);
    else summaries.push(parseK6Summary(log.summary));
  }
  return { samples: await parseK6Ndjson(linesAsBytes(sampleLines)), summaries, sampleLines, withoutSummary };
}
