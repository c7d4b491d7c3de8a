// What the Job and the TestRun runners share: the objects' input for `runners` pods, and the last
// step — every runner pod's summary → the cell's outcome, the summaries kept for audit.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kube } from '../../kube/kube.ts';
import type { KubeObject } from '../../kube/objects.ts';
import type { Labels } from '../../kube/ownership.ts';
import type { LoadOutcome } from '../driver.ts';
import type { K6CellRun } from './cell-run.ts';
import type { K6RunObjects } from './objects.ts';
import { k6Outcome } from './outcome.ts';
import { k6Env } from './params.ts';
import { describePods, readPodSummaries } from './pods.ts';
import { readK6Script } from './scripts.ts';

export interface ClusterRunDeps {
  kube: Kube;
  namespace: string;
  runId: string;
  /** Labels of the workload pods, which k6 keeps off (anti-affinity). */
  workloadLabels: Labels;
  /** When set, each runner's summary is kept as <runDir>/k6/<name>.summaries.json. */
  runDir?: string;
  onWarning?: (message: string) => void;
  /** Beyond the Job's own activeDeadlineSeconds; the Job normally fails first, with its reason. */
  waitSlackMs?: number;
}

/** The script and the env for `runners` pods; the summary comes back on stdout (the pod log). */
export async function inClusterRun(run: K6CellRun, deps: ClusterRunDeps, runners: number): Promise<K6RunObjects> {
  return {
    name: run.name,
    namespace: deps.namespace,
    runId: deps.runId,
    script: await readK6Script(),
    env: k6Env({ ...run.envInput, ...(runners > 1 ? { runners } : {}), summaryToStdout: true }),
    workloadSelector: deps.workloadLabels,
  };
}

/**
 * Every runner's summary → one outcome (their latencies merged by count). A finished run whose
 * pod log lacks the summary fails the cell: without it nothing was measured. An aborted run keeps
 * what the pods that did finish reported.
 */
export async function outcomeOfPods(run: K6CellRun, deps: ClusterRunDeps, pods: readonly KubeObject[], aborted: boolean, where: string): Promise<LoadOutcome> {
  const { runners, withoutSummary } = await readPodSummaries(deps.kube, deps.namespace, pods);
  if (deps.runDir !== undefined && runners.length > 0) {
    const dir = join(deps.runDir, 'k6');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${run.name}.summaries.json`), JSON.stringify(runners.map(({ pod, document }) => ({ pod, summary: document }))));
  }
  if (!aborted && withoutSummary.length > 0) {
    throw new Error(`${where} finished but the log of pod ${withoutSummary.join(', pod ')} holds no k6 summary; ${describePods(pods)}`);
  }
  const { cell } = run;
  const { outcome, warnings } = k6Outcome(runners.map((runner) => runner.measure), {
    durationMs: cell.durationMs,
    warmupMs: cell.warmupMs,
    aborted,
    ...(cell.rate === undefined ? {} : { targetRps: cell.rate }),
  });
  for (const warning of warnings) deps.onWarning?.(`${where}: ${warning}`);
  return outcome;
}
