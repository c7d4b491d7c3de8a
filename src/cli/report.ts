import { Command } from 'commander';
import { emitCiOutputs, PROCESS_IO } from '../ci/emit.ts';
import { loadRunCiReport } from '../ci/run-report.ts';
import { renderRun } from '../report/render.ts';
import { withCiOptions, type CiFlags } from './ci-options.ts';
import { costOptions, costOverrides, type CostFlags } from './cost-options.ts';

export function reportCommand(): Command {
  const command = new Command('report')
    .description('re-render index.html, summary.md, the CSV files and the cost figures of a run directory from its stored results')
    .argument('<run-dir>', 'a run directory (reports/<timestamp>-<suite>)');
  for (const option of costOptions()) command.addOption(option);
  return withCiOptions(command).action(async (dir: string, options: CiFlags & CostFlags) => {
    const written = await renderRun(dir, { cost: costOverrides(options) });
    // With --json, stdout holds the document alone.
    for (const file of written) (options.json ? process.stderr : process.stdout).write(`wrote ${file}\n`);
    // The run's --junit and --json again; not its job summary and annotations, which `run` gave
    // the job already. The exit code stays report's own (0 once rendered).
    if (options.junit !== undefined || options.json) await emitCiOutputs(await loadRunCiReport(dir), options, { ...PROCESS_IO, env: {} });
  });
}
