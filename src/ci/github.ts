// GitHub Actions outputs: the job summary and error annotations, written as @actions/core writes
// them (not a dependency: two small functions of it are all we need, and it pulls in an HTTP client).
// Job summary: core.summary.write() appends the markdown to the file named by GITHUB_STEP_SUMMARY
// (actions/toolkit packages/core/src/summary.ts). Annotations: `::error title=…::message` workflow
// commands, data and properties escaped as core's command.ts escapeData / escapeProperty do.
import { appendFile } from 'node:fs/promises';
import { EOL } from 'node:os';
import { fsFault } from '../results/fs-fault.ts';
import { terminalSafe } from '../text/terminal-safe.ts';
import type { Check } from './check.ts';

/** The message of a workflow command: % first, so the escapes themselves stay unambiguous. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value also may not hold the `:` and `,` that end it. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One `::error` line per failed check (none for passed or skipped ones), each ending in a newline. */
export function errorAnnotations(checks: readonly Check[]): string {
  return checks
    .filter((check) => check.outcome === 'failed')
    .map((check) => {
      // Shown in the log as well: control characters neutralised before the command escapes.
      const title = terminalSafe(`meshbench ${check.group}: ${check.name}`);
      return `::error title=${escapeProperty(title)}::${escapeData(terminalSafe(check.message ?? 'failed'))}${EOL}`;
    })
    .join('');
}

/**
 * Appends to the job summary file, as core.summary.write() does by default. The markdown quotes
 * suite text, escaped for markdown but not for what a page shows invisibly or reordered (bidi
 * overrides, zero-width characters): those are shown as escapes, as on a terminal.
 */
export async function appendJobSummary(file: string, markdown: string): Promise<void> {
  try {
    await appendFile(file, `${terminalSafe(markdown.trimEnd())}${EOL}`, { encoding: 'utf8' });
  } catch (error) {
    throw fsFault('append the job summary to GITHUB_STEP_SUMMARY', file, error);
  }
}
