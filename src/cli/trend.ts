import { Command } from 'commander';
import { emitCiOutputs } from '../ci/emit.ts';
import { readSeries } from '../history/read-series.ts';
import { analyseTrend, trendExitCode } from '../trend/analyse.ts';
import { trendCiReport } from '../trend/ci-report.ts';
import { trendTerminalSummary } from '../trend/markdown.ts';
import { writeTrend } from '../trend/write.ts';
import { terminalSafe } from '../text/terminal-safe.ts';
import { withCiOptions, type CiFlags } from './ci-options.ts';

type Flags = { db: string; suite?: string; out: string } & CiFlags;

export function trendCommand(): Command {
  const command = new Command('trend')
    .description('follow every recorded metric across the history, flag change points, exit 1 when the newest run starts a measurable regression')
    .option('--db <path|url>', 'history database: a SQLite file or a postgres:// URL', 'reports/history.sqlite')
    .option('--suite <name>', 'only the series of this suite')
    .option('--out <dir>', 'directory for trend.html, trend.md, trend.json', 'reports/trend');
  return withCiOptions(command).action(async (flags: Flags) => {
    const result = analyseTrend(await readSeries(flags.db, flags.suite === undefined ? {} : { suite: flags.suite }));
    const exitCode = trendExitCode(result);
    const written = await writeTrend(result, flags.out);
    const human = flags.json ? process.stderr : process.stdout;
    human.write(`${trendTerminalSummary(result).trimEnd()}\n`);
    for (const file of written) human.write(`wrote ${terminalSafe(file)}\n`);
    await emitCiOutputs(trendCiReport(result, exitCode), flags);
    process.exitCode = exitCode;
  });
}
