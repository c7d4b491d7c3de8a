import { Command } from 'commander';
import { addRun } from '../history/add-run.ts';
import { DEFAULT_DB, dbLocation } from '../history/db-location.ts';
import { formatAdded, formatRunJson, formatRunTable } from '../history/format-runs.ts';
import { parseLabels } from '../history/labels.ts';
import { listRuns } from '../history/list-runs.ts';
import { terminalSafe } from '../text/terminal-safe.ts';

const DB_FLAG = ['--db <path|url>', 'the history: a SQLite file or a postgres://user:password@host:port/database URL', DEFAULT_DB] as const;

export function historyCommand(): Command {
  const add = new Command('add')
    .description('record a run directory (its cells\' per-repetition metrics, machine, labels) in the history; adding a run again changes nothing')
    .argument('<run-dir>', 'a run directory (reports/<timestamp>-<suite>)')
    .option(...DB_FLAG)
    .option('--label <key=value>', 'a label for the run, e.g. sha=$(git rev-parse --short HEAD); repeatable', (label: string, labels: string[] = []) => [...labels, label])
    .action(async (runDir: string, options: { db: string; label?: string[] }) => {
      const labels = parseLabels(options.label ?? []);
      const { shown } = dbLocation(options.db);
      const outcome = await addRun(options.db, runDir, labels);
      process.stdout.write(terminalSafe(formatAdded(outcome, shown)));
    });
  const list = new Command('list')
    .description('list the recorded runs, oldest first, with their labels')
    .option(...DB_FLAG)
    .option('--json', 'print a JSON array instead of a table')
    .action(async (options: { db: string; json?: boolean }) => {
      const runs = await listRuns(options.db);
      process.stdout.write(options.json ? formatRunJson(runs) : terminalSafe(formatRunTable(runs, dbLocation(options.db).shown)));
    });
  return new Command('history')
    .description('the run history (SQLite file or PostgreSQL): `history add <run-dir>` records a run, `history [list]` lists them')
    .addCommand(list, { isDefault: true })
    .addCommand(add);
}
