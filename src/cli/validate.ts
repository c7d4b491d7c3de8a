import { Command } from 'commander';
import { expandPlan } from '../plan/expand.ts';
import { formatDuration } from '../suite/duration.ts';
import { loadSuite } from '../suite/load.ts';
import { terminalSafe } from '../text/terminal-safe.ts';

export function validateCommand(): Command {
  return new Command('validate')
    .description('check a suite and the profiles it names; exit 2 with file:line: key: problem on bad input')
    .argument('<suite>', 'suite file (scenarios/*.yaml)')
    .action(async (file: string) => {
      const suite = await loadSuite(file);
      const plan = expandPlan(suite, { target: suite.target });
      // The file name is the user's own and may hold control characters.
      process.stdout.write(
        `${terminalSafe(file)}: ok — ${suite.profiles.length} profiles, ${suite.experiments.length} experiments, ` +
          `${plan.cellCount} cells, about ${formatDuration(plan.estimatedMs)} on the ${plan.target} target\n`,
      );
    });
}
