// Re-renders a run directory's reports from run.json and results.json alone, so
// `meshbench report <run-dir>` gives the same files as the end of `meshbench run`.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { RunRecord } from '../results/run-record.ts';
import { analyse } from '../analysis/compare.ts';
import { writeAtomic } from '../results/atomic-write.ts';
import { loadRun } from '../results/store.ts';
import type { CellResult } from '../results/types.ts';
import { renderCharts } from './charts.ts';
import { coldstartsCsv, hasResources, latencyCsv, resourcesCsv } from './csv.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown, renderPlainSummary } from './markdown.ts';

interface ReportInput {
  record: RunRecord;
  results: CellResult[];
}

/** A writer returns the file's text, or undefined when the run has nothing for that file. */
type ReportWriter = (input: ReportInput) => string | undefined | Promise<string | undefined>;

/** Every report file, listed here explicitly (STYLE.md: outputs in a map, not registered by import). */
export const REPORT_WRITERS: Record<string, ReportWriter> = {
  'latency.csv': ({ record, results }) => latencyCsv(record, results),
  'coldstarts.csv': ({ record, results }) => coldstartsCsv(record, results),
  'resources.csv': ({ record, results }) => (hasResources(results) ? resourcesCsv(record, results) : undefined),
  'index.html': async ({ record, results }) => renderHtml(record, results, await renderCharts(record, results)),
  'summary.md': ({ record, results }) => renderMarkdown(record, results),
};

async function reportInput(dir: string): Promise<ReportInput> {
  const { record, results } = await loadRun(dir);
  // The analysis is derived from the suite and the results: recomputing it means a run directory
  // written by an older meshbench renders with today's analysis (e.g. overheads it did not have).
  return { record: { ...record, analysis: analyse(record.suite, results) }, results };
}

/** Write every report of the run in `dir`; returns the paths written. */
export async function renderRun(dir: string): Promise<string[]> {
  const input = await reportInput(dir);
  const written: string[] = [];
  try {
    for (const [file, writer] of Object.entries(REPORT_WRITERS)) {
      const text = await writer(input);
      if (text === undefined) continue;
      const target = path.join(dir, file);
      await writeAtomic(target, text);
      written.push(target);
    }
  } catch (error) {
    // All or none: half a set of reports (a full disk) would mix this rendering with an older one,
    // and after `run` would show a status the failed run.json contradicts.
    await Promise.all(written.map((file) => rm(file, { force: true }).catch(() => {})));
    throw error;
  }
  return written;
}

/** summary.md's content as a terminal should show it (markdown.ts renderPlainSummary). */
export async function terminalSummary(dir: string): Promise<string> {
  const { record, results } = await reportInput(dir);
  return renderPlainSummary(record, results);
}
