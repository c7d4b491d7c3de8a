import { Command } from 'commander';
import { compareRuns } from '../compare/compare-runs.ts';
import { renderComparePlain } from '../compare/markdown.ts';
import { parseProfileMap } from '../compare/pairing.ts';
import { parseRule } from '../compare/rules.ts';
import { writeCompare } from '../compare/write.ts';
import { emitCiOutputs } from '../ci/emit.ts';
import { compareCiReport } from '../compare/ci-report.ts';
import { EXIT } from '../errors.ts';
import { loadRun } from '../results/store.ts';
import { terminalSafe } from '../text/terminal-safe.ts';
import { withCiOptions, type CiFlags } from './ci-options.ts';

type Flags = { map: string[]; failOn: string[]; out?: string } & CiFlags;

const collect = (value: string, previous: string[]) => [...previous, value];

export function compareCommand(): Command {
  const command = new Command('compare')
    .description('compare two run directories cell by cell (profile, experiment, point): latency, cold starts, CPU and memory, with --fail-on rules')
    .argument('<baseline-run-dir>', 'the run to compare against')
    .argument('<candidate-run-dir>', 'the run to judge')
    .option('--map <old=new>', 'pair baseline profile old with candidate profile new (repeatable)', collect, [])
    .option('--fail-on <rule>', 'exit 1 when a change is measurable and over the limit: p99>+1ms, cold_start_p50>+10%, cpu_per_1000>+5% (repeatable)', collect, [])
    .option('--out <dir>', 'directory for compare.html, compare.md, compare.json (new or empty; default <candidate-run-dir>/compare/)');
  return withCiOptions(command).action(async (baselineDir: string, candidateDir: string, flags: Flags) => {
      // Rules first: a typo in one is bad input whatever the runs hold.
      const rules = flags.failOn.map(parseRule);
      const [baseline, candidate] = await Promise.all([baselineDir, candidateDir].map(async (dir) => ({ dir, ...(await loadRun(dir)) })));
      const map = parseProfileMap(flags.map, baseline!.record, candidate!.record);
      const result = compareRuns(baseline!, candidate!, map, rules);
      const written = await writeCompare(result, flags.out);
      const human = flags.json ? process.stderr : process.stdout;
      human.write(renderComparePlain(result));
      for (const file of written) human.write(`wrote ${terminalSafe(file)}\n`);
      const exitCode = result.failed ? EXIT.thresholdFailed : EXIT.ok;
      await emitCiOutputs(compareCiReport(result, exitCode), flags);
      process.exitCode = exitCode;
    });
}
