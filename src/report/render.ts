// Re-renders a run directory's reports from run.json and results.json alone, so
// `meshbench report <run-dir>` gives the same files as the end of `meshbench run`.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { RunRecord } from '../results/run-record.ts';
import { analyse } from '../analysis/compare.ts';
import { estimateCost, resolveCostInputs, type CostEstimate, type CostOverrides } from '../analysis/cost.ts';
import { writeAtomic } from '../results/atomic-write.ts';
import { loadRun } from '../results/store.ts';
import type { CellResult } from '../results/types.ts';
import { renderCharts } from './charts.ts';
import { costCsv, costJson } from './cost-files.ts';
import { coldstartsCsv, hasResources, latencyCsv, resourcesCsv } from './csv.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown, renderPlainSummary } from './markdown.ts';

export interface ReportInput {
  record: RunRecord;
  results: CellResult[];
  /** undefined when neither the suite's cost: block nor a flag gave cost inputs. */
  cost: CostEstimate | undefined;
}

export interface RenderOptions {
  /** Cost flags of run or report, laid over the suite's cost: block. */
  cost?: CostOverrides;
}

/** A writer returns the file's text, or undefined when the run has nothing for that file. */
type ReportWriter = (input: ReportInput) => string | undefined | Promise<string | undefined>;

/** Every report file, listed here explicitly (STYLE.md: outputs in a map, not registered by import). */
export const REPORT_WRITERS: Record<string, ReportWriter> = {
  'latency.csv': ({ record, results }) => latencyCsv(record, results),
  'coldstarts.csv': ({ record, results }) => coldstartsCsv(record, results),
  'resources.csv': ({ record, results }) => (hasResources(results) ? resourcesCsv(record, results) : undefined),
  'cost.csv': ({ cost }) => (cost ? costCsv(cost) : undefined),
  'cost.json': ({ cost }) => (cost ? costJson(cost) : undefined),
  'index.html': async ({ record, results, cost }) => renderHtml(record, results, await renderCharts(record, results), cost),
  'summary.md': ({ record, results, cost }) => renderMarkdown(record, results, cost),
};

async function reportInput(dir: string, options: RenderOptions): Promise<ReportInput> {
  const { record, results } = await loadRun(dir);
  return reportInputOf(record, results, options);
}

/** What the writers read, from the stored run alone. */
export function reportInputOf(record: RunRecord, results: CellResult[], options: RenderOptions = {}): ReportInput {
  // The analysis is derived from the suite and the results: recomputing it means a run directory
  // written by an older meshbench renders with today's analysis (e.g. overheads it did not have).
  // The money is derived from it at every rendering too, so other prices need no new run.
  const analysis = analyse(record.suite, results);
  const inputs = resolveCostInputs(record.suite.cost, options.cost ?? {});
  return { record: { ...record, analysis }, results, cost: inputs ? estimateCost(inputs, analysis) : undefined };
}

/** Write every report of the run in `dir`; returns the paths written. */
export async function renderRun(dir: string, options: RenderOptions = {}): Promise<string[]> {
  const input = await reportInput(dir, options);
  const written: string[] = [];
  const absent: string[] = [];
  try {
    for (const [file, writer] of Object.entries(REPORT_WRITERS)) {
      const text = await writer(input);
      const target = path.join(dir, file);
      if (text === undefined) absent.push(target);
      else {
        await writeAtomic(target, text);
        written.push(target);
      }
    }
    // A file this rendering has nothing for must not survive from an earlier one: cost.csv priced
    // with flags given then would contradict a page rendered now without them.
    await Promise.all(absent.map((file) => rm(file, { force: true })));
  } catch (error) {
    // All or none: half a set of reports (a full disk) would mix this rendering with an older one,
    // and after `run` would show a status the failed run.json contradicts.
    await Promise.all(written.map((file) => rm(file, { force: true }).catch(() => {})));
    throw error;
  }
  return written;
}

/** summary.md's content as a terminal should show it (markdown.ts renderPlainSummary). */
export async function terminalSummary(dir: string, options: RenderOptions = {}): Promise<string> {
  const { record, results, cost } = await reportInput(dir, options);
  return renderPlainSummary(record, results, cost);
}
