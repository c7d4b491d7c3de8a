import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { loadSuite } from '../suite/load.ts';
import type { TargetName } from '../suite/schema.ts';
import { runSuite } from '../run/run-suite.ts';
import { EXIT } from './errors.ts';
import { createProgress } from './progress.ts';
import { targetOption } from './target-option.ts';

export function runCommand(): Command {
  return new Command('run')
    .description('run a suite: prepare each profile, measure every cell, write a run directory with reports')
    .argument('<suite>', 'suite file (scenarios/*.yaml)')
    .addOption(targetOption())
    .option('--out <dir>', 'run directory to write (default: reports/<timestamp>-<suite>)')
    .action(async (file: string, options: { target?: TargetName; out?: string }) => {
      const suite = await loadSuite(file);
      const progress = createProgress();
      const run = await runSuite(suite, {
        suiteFile: file,
        target: options.target ?? suite.target,
        runDir: options.out,
        progress,
        command: process.argv.slice(1),
      });
      progress.done();
      process.stdout.write(await readFile(join(run.dir, 'summary.md'), 'utf8'));
      process.stdout.write(`\nreport: ${join(run.dir, 'index.html')}\n`);
      if (run.status === 'partial') {
        process.stderr.write(`run interrupted by ${run.interruptedBy}: measured cells kept, run marked partial\n`);
      }
      // Leave explicitly: an interrupted undici socket or child pipe must not hold the exit.
      process.exit(run.exitCode === EXIT.ok ? process.exitCode ?? EXIT.ok : run.exitCode);
    });
}
