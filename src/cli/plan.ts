import { Command } from 'commander';
import { expandPlan } from '../plan/expand.ts';
import { formatPlan } from '../plan/format.ts';
import { loadSuite } from '../suite/load.ts';
import type { TargetName } from '../suite/schema.ts';
import { targetOption } from './target-option.ts';

export function planCommand(): Command {
  return new Command('plan')
    .description('print the ordered plan a run would execute: cells per profile and estimated duration')
    .argument('<suite>', 'suite file (scenarios/*.yaml)')
    .addOption(targetOption())
    .action(async (file: string, options: { target?: TargetName }) => {
      const suite = await loadSuite(file);
      process.stdout.write(`${formatPlan(expandPlan(suite, { target: options.target ?? suite.target }))}\n`);
    });
}
