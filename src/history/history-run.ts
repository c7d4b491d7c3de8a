// What `history add` records of a run directory: the run (id, suite, times, target, status,
// machine and stacks as run.json has them), its labels (the user's and the versions its profiles
// pin) and every measured cell with its point and per-repetition metrics (cell-metrics.ts). Pure.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { UsageError } from '../errors.ts';
import { cellMetrics, cellPoint, type CellMetric } from '../results/cell-metrics.ts';
import type { RunEnvironment, RunRecord, StackRecord } from '../results/run-record.ts';
import { compactTimestamp } from '../results/store.ts';
import type { CellResult, CellStatus } from '../results/types.ts';
import type { Profile } from '../suite/schema.ts';

export type LabelSource = 'user' | 'pin';

export interface HistoryLabel {
  key: string;
  value: string;
  source: LabelSource;
}

export interface HistoryCell {
  cellId: string;
  profile: string;
  experiment: string;
  point: string;
  repetition: number;
  status: CellStatus;
  metrics: CellMetric[];
}

export interface HistoryRun {
  runId: string;
  suite: string;
  /** ISO UTC with milliseconds, so the text sorts as the times do. */
  startedAt: string;
  finishedAt: string | undefined;
  target: string;
  status: RunRecord['status'];
  meshbenchVersion: string;
  machine: RunEnvironment;
  stacks: StackRecord[];
  /** Absolute: where it was added from. */
  runDir: string;
  labels: HistoryLabel[];
  cells: HistoryCell[];
}

/** Refuses a run with nothing to record (failed) or not finished (running): exit 2. */
export function historyRun(record: RunRecord, results: readonly CellResult[], runDir: string, userLabels: Record<string, string>): HistoryRun {
  if (record.status === 'failed') {
    throw new UsageError(`${runDir}: the run failed and measured nothing to record${record.error ? ` (${record.error})` : ''}`);
  }
  if (record.status === 'running') {
    throw new UsageError(`${runDir}: run.json says the run is still running (or its process was killed outright): record it once it has finished`);
  }
  const pins = record.target === 'local' ? [] : pinLabels(record.suite.profiles);
  const labels: HistoryLabel[] = [
    ...pins.filter((pin) => !Object.hasOwn(userLabels, pin.key)),
    ...Object.entries(userLabels).map(([key, value]) => ({ key, value, source: 'user' as const })),
  ];
  return {
    runId: runId(record),
    suite: record.suite.name,
    startedAt: new Date(record.startedAt).toISOString(),
    finishedAt: record.finishedAt === undefined ? undefined : new Date(record.finishedAt).toISOString(),
    target: record.target,
    status: record.status,
    meshbenchVersion: record.meshbenchVersion,
    machine: record.environment,
    stacks: record.stacks ?? [],
    runDir: path.resolve(runDir),
    labels,
    cells: results.map((result) => ({
      cellId: result.cell.id,
      ...cellPoint(result.cell),
      repetition: result.cell.repetition,
      status: result.status,
      metrics: cellMetrics(result),
    })),
  };
}

/**
 * "<start>-<suite>-<8 hex>", like the run directory's default name, plus a digest of what tells
 * two runs apart (start and end to the millisecond, machine, command), so the same run added
 * from anywhere, moved or copied, is the same id, and two CI jobs that started the same suite
 * in the same second are not.
 */
export function runId(record: RunRecord): string {
  const identity = [record.suite.name, record.startedAt, record.finishedAt ?? '', record.environment.hostname, record.target, ...record.command];
  const digest = createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 8);
  return `${compactTimestamp(new Date(record.startedAt))}-${record.suite.name}-${digest}`;
}

/**
 * The releases the profiles pin, as labels (istio=1.28.3): what a trend needs to explain a step.
 * Not on the local target, which emulates the data path and runs none of them.
 */
function pinLabels(profiles: readonly Profile[]): HistoryLabel[] {
  const pins = new Map<string, string[]>();
  const add = (key: string, value: string | undefined) => {
    if (value === undefined) return;
    const values = pins.get(key) ?? [];
    if (!values.includes(value)) pins.set(key, [...values, value]);
  };
  for (const profile of profiles) {
    if (profile.mesh.type !== 'none') add('istio', profile.mesh.version);
    if (profile.serving.type === 'knative') {
      add('knative', profile.serving.version);
      if (profile.serving.ingress) add(`net-${profile.serving.ingress}`, profile.serving.ingressVersion);
    }
    add('kind', profile.kubernetes?.kindVersion);
    add('node-image', profile.kubernetes?.nodeImage);
  }
  // Profiles of one suite may pin different Knative releases: all of them, in profile order.
  return [...pins].map(([key, values]) => ({ key, value: values.join(', '), source: 'pin' }));
}
