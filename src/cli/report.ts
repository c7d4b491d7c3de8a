import { Command } from 'commander';
import { renderRun } from '../report/render.ts';

export function reportCommand(): Command {
  return new Command('report')
    .description('re-render index.html, summary.md and the CSV files of a run directory from its stored results')
    .argument('<run-dir>', 'a run directory (reports/<timestamp>-<suite>)')
    .action(async (dir: string) => {
      for (const file of await renderRun(dir)) process.stdout.write(`wrote ${file}\n`);
    });
}
