import { join } from 'node:path';
import { Command } from 'commander';
import { emitCiOutputs } from '../ci/emit.ts';
import { loadRunCiReport } from '../ci/run-report.ts';
import { resolveCostInputs } from '../analysis/cost.ts';
import { exitCodeOf } from '../errors.ts';
import { terminalSummary } from '../report/render.ts';
import type { ClusterFlags } from '../run/open-target.ts';
import { runSuite } from '../run/run-suite.ts';
import { loadSuite } from '../suite/load.ts';
import { terminalSafe } from '../text/terminal-safe.ts';
import type { TargetName } from '../suite/schema.ts';
import { withCiOptions, type CiFlags } from './ci-options.ts';
import { costOptions, costOverrides, type CostFlags } from './cost-options.ts';
import { clusterOptions } from './cluster-options.ts';
import { formatError } from './format-error.ts';
import { createProgress } from './progress.ts';
import { targetOption } from './target-option.ts';

type RunFlags = { target?: TargetName; out?: string; verbose?: boolean } & ClusterFlags & CiFlags & CostFlags;

export function runCommand(): Command {
  const command = new Command('run')
    .description('run a suite: prepare each profile, measure every cell, write a run directory with reports')
    .argument('<suite>', 'suite file (scenarios/*.yaml)')
    .addOption(targetOption())
    .option('--out <dir>', 'run directory to write (default: reports/<timestamp>-<suite>)');
  for (const option of [...clusterOptions(), ...costOptions()]) command.addOption(option);
  return withCiOptions(command).action(async (file: string, options: RunFlags, self: Command) => {
    const suite = await loadSuite(file, { target: options.target, install: options.install });
    const cost = costOverrides(options);
    // Cost flags the suite cannot complete fail now, not after the whole run.
    resolveCostInputs(suite.cost, cost);
    const progress = createProgress();
    const run = await runSuite(suite, {
      suiteFile: file,
      target: options.target ?? suite.target,
      runDir: options.out,
      cluster: options,
      cost,
      progress,
      command: process.argv.slice(1),
    }).finally(() => progress.done());
    const verbose = self.optsWithGlobals().verbose === true;
    // With --json, stdout holds the document alone.
    const human = options.json ? process.stderr : process.stdout;
    human.write(await terminalSummary(run.dir, { cost }));
    human.write(`\nreport: ${terminalSafe(join(run.dir, 'index.html'))}\n`);
    if (run.error) process.stderr.write(`${formatError(run.error, verbose)}\n`);
    if (run.status === 'partial') {
      process.stderr.write(`run interrupted by ${run.interruptedBy}: measured cells kept, run marked partial\n`);
    }
    // A CI output asked for and not written (a --junit path that cannot be written) fails the command.
    const failed = await loadRunCiReport(run.dir, run.exitCode)
      .then((report) => emitCiOutputs(report, options))
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    if (failed) process.stderr.write(`${formatError(failed, verbose)}\n`);
    // Leave explicitly: an interrupted undici socket or child pipe must not hold the exit. Not
    // before stdout is flushed, though: where pipes are asynchronous (macOS) the --json document
    // could be cut short.
    await new Promise((resolve) => process.stdout.write('', resolve));
    process.exit(failed ? exitCodeOf(failed) : run.exitCode);
  });
}
