// The k6 pods behind a Job or a TestRun: finding them, saying what state they are in (for error
// messages), and reading each one's summary back from its log.
//
// The pods run without `--out`: the only thing k6 writes to stdout is handleSummary's text and the
// one summary line (K6_SUMMARY_PREFIX + JSON), at the very end; k6's own messages go to stderr.
// The log is the one channel that outlives k6 without extra machinery (files vanish with the pod,
// and a finished pod cannot be exec'd into). The kubelet serves only the current log file and
// rotates it at containerLogMaxSize (10 Mi by default, checked every 10 s: kubernetes
// pkg/kubelet/logs/container_log_manager.go), so only a flood of k6 warnings could push the summary
// out — and then the pod's log says so instead of a result.
import type { Kube } from '../../kube/kube.ts';
import type { KubeObject } from '../../kube/objects.ts';
import { K6_SUMMARY_PREFIX } from './params.ts';
import { runnerMeasure, type RunnerMeasure } from './summary-measure.ts';

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

/** The summary document on the last summary line of a log; undefined when there is none. Pure. */
export function summaryInLog(text: string, pod: string): unknown {
  const at = text.lastIndexOf(K6_SUMMARY_PREFIX);
  if (at < 0 || (at > 0 && text[at - 1] !== '\n')) return undefined;
  const end = text.indexOf('\n', at);
  const json = text.slice(at + K6_SUMMARY_PREFIX.length, end < 0 ? undefined : end);
  try {
    return JSON.parse(json);
  } catch (cause) {
    throw new Error(`the k6 summary line in the log of pod ${pod} is not valid JSON`, { cause });
  }
}

/** The last non-empty lines of a log, for an error that has to say what k6 printed instead. */
function tail(text: string, lines = 3): string {
  return text.trimEnd().split('\n').slice(-lines).join(' | ') || '(empty log)';
}

export interface RunnerSummary {
  pod: string;
  /** The summary as k6 wrote it, kept in the run directory for audit. */
  document: unknown;
  measure: RunnerMeasure;
}

export interface PodSummaries {
  runners: RunnerSummary[];
  /** Pods whose log holds no summary (k6 never reached handleSummary), with the log's last lines. */
  withoutSummary: string[];
}

/** Reads every pod's `k6` container log for its summary. */
export async function readPodSummaries(kube: Kube, namespace: string, pods: readonly KubeObject[]): Promise<PodSummaries> {
  const result: PodSummaries = { runners: [], withoutSummary: [] };
  for (const pod of pods) {
    const name = pod.metadata.name;
    const log = await kube.podLogs(namespace, name, 'k6');
    const document = summaryInLog(log, name);
    if (document === undefined) result.withoutSummary.push(`${name} (log ends: ${tail(log)})`);
    else result.runners.push({ pod: name, document, measure: runnerMeasure(document, `the k6 summary of pod ${namespace}/${name}`) });
  }
  return result;
}
