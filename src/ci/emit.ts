// Every CI output of a command, from its CiReport: --junit FILE, --json on stdout, and on GitHub
// Actions the job summary and error annotations. The command's exit code is left as it chose.
import { writeAtomic } from '../results/atomic-write.ts';
import type { CiReport } from './check.ts';
import { ciDocument } from './document.ts';
import { appendJobSummary, errorAnnotations } from './github.ts';
import { junitXml } from './junit.ts';

export interface CiFlags {
  /** Write JUnit XML here. */
  junit?: string | undefined;
  /** Print the --json document on stdout (the command's human output then goes to stderr). */
  json?: boolean | undefined;
}

export interface CiIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
}

export const PROCESS_IO: CiIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

export async function emitCiOutputs(report: CiReport, flags: CiFlags, io: CiIo = PROCESS_IO): Promise<void> {
  if (flags.junit !== undefined) await writeAtomic(flags.junit, junitXml(report));
  const summary = io.env.GITHUB_STEP_SUMMARY;
  if (summary) await appendJobSummary(summary, report.summaryMarkdown);
  if (io.env.GITHUB_ACTIONS === 'true') {
    // The runner reads workflow commands from stderr as well (actions/runner
    // src/Runner.Worker/Handlers/ScriptHandler.cs gives stderr its own OutputManager), so with
    // --json they go there and stdout stays one document.
    (flags.json ? io.stderr : io.stdout)(errorAnnotations(report.checks));
  }
  if (flags.json) io.stdout(`${JSON.stringify(ciDocument(report), null, 2)}\n`);
}
