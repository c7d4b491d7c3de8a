// What `history add` and `history list` print. The list: an aligned table (oldest first, newest
// last, as a terminal scrolls) or, with --json, a stable array. Pure.
import { formatUtc } from '../report/format.ts';
import { table } from '../text/table.ts';
import type { AddOutcome } from './add-run.ts';
import type { ListedRun } from './list-runs.ts';

/** What `history add` says: what it recorded, or that the run was there already. */
export function formatAdded(outcome: AddOutcome, shown: string): string {
  if (!outcome.added) return `${outcome.runId} is already in ${shown}: nothing changed\n`;
  const labels = outcome.labels.map(({ key, value }) => `${key}=${value}`).sort().join(' ');
  return `recorded ${outcome.runId} in ${shown}: ${outcome.cells} cells, ${outcome.values} values${labels ? `; labels ${labels}` : ''}\n`;
}

export function formatRunTable(runs: readonly ListedRun[], shown: string): string {
  if (runs.length === 0) return `no runs in the history ${shown}\n`;
  const rows = [
    ['started', 'run', 'target', 'status', 'cells', 'values', 'labels'],
    ...runs.map((run) => [
      formatUtc(run.startedAt),
      run.runId,
      run.target,
      run.status,
      String(run.cells),
      String(run.values),
      Object.entries(run.labels).map(([key, value]) => `${key}=${value}`).join(' '),
    ]),
  ];
  return `${table(rows).join('\n')}\n${runs.length} run${runs.length === 1 ? '' : 's'} in ${shown}\n`;
}

/** One object per run, keys in a fixed order, labels sorted by key. */
export function formatRunJson(runs: readonly ListedRun[]): string {
  return `${JSON.stringify(runs.map((run) => ({
    runId: run.runId,
    suite: run.suite,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    target: run.target,
    status: run.status,
    meshbenchVersion: run.meshbenchVersion,
    labels: run.labels,
    pinned: run.pinned,
    cells: run.cells,
    values: run.values,
    runDir: run.runDir,
    machine: run.machine,
    stacks: run.stacks,
  })), null, 2)}\n`;
}
