// `meshbench <command>`: each command lives in src/cli/<command>.ts and only parses and wires.
import { Command, CommanderError } from 'commander';
import { terminalSafe } from '../text/terminal-safe.ts';
import { EXIT, exitCodeOf } from '../errors.ts';
import { formatError } from './format-error.ts';
import { calibrateCommand } from './calibrate.ts';
import { compareCommand } from './compare.ts';
import { doctorCommand } from './doctor.ts';
import { historyCommand } from './history.ts';
import { planCommand } from './plan.ts';
import { reportCommand } from './report.ts';
import { runCommand } from './run.ts';
import { schemaCommand } from './schema.ts';
import { trendCommand } from './trend.ts';
import { validateCommand } from './validate.ts';
import { version } from '../version.ts';

const program = new Command('meshbench')
  .description('Measure what a service mesh and a serverless layer cost: sidecar latency and CPU, telemetry overhead, scale-from-zero cold starts.')
  .version(version)
  .option('--verbose', 'show stack traces with errors')
  .showHelpAfterError()
  .exitOverride();

// Commander's usage errors quote the arguments given ("unknown option '…'"), which may hold control characters.
const output = { writeErr: (text: string) => process.stderr.write(terminalSafe(text)) };
program.configureOutput(output);
for (const command of [runCommand(), planCommand(), validateCommand(), reportCommand(), compareCommand(), calibrateCommand(), doctorCommand(), historyCommand(), trendCommand(), schemaCommand()]) {
  // Subcommands (history add, history list) do not inherit these from their parent.
  for (const sub of [command, ...command.commands]) sub.exitOverride().configureOutput(output);
  program.addCommand(command);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander already printed help or the usage problem; map its exit to ours.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  } else {
    process.stderr.write(`${formatError(error, program.opts().verbose === true)}\n`);
    process.exitCode = exitCodeOf(error);
  }
}
