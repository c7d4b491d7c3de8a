// The local runner: the `k6` binary on PATH, through the Runner. The result is k6's summary
// (handleSummary writes it to SUMMARY_PATH), read the same way as a pod's; the raw samples go to a
// gzipped NDJSON file (`--out json=<file>.gz`) as an audit trail that is checked against the
// summary. Both live in <runDir>/k6 when a run directory is given (kept), else in a temporary
// directory removed afterwards.
import { access, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunError, type Runner } from '../../exec/runner.ts';
import type { DriverHooks, LoadOutcome } from '../driver.ts';
import { scheduleMeasureWindow } from '../measure-window.ts';
import type { K6CellRun } from './cell-run.ts';
import { k6Outcome } from './outcome.ts';
import { k6Args, k6Env } from './params.ts';
import { parseK6Ndjson } from './parse-ndjson.ts';
import { auditAgainstSamples } from './sample-audit.ts';
import { k6ScriptPath } from './scripts.ts';
import { runnerMeasure, type RunnerMeasure } from './summary-measure.ts';

export interface LocalRunDeps {
  runner: Runner;
  runDir?: string;
  onWarning?: (message: string) => void;
}

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

async function* nothing(): AsyncGenerator<Uint8Array> {}

/** The `k6 run` argv for a cell writing samples and summary to these paths. */
export function localK6Args(run: K6CellRun, samplesPath: string, summaryPath: string): string[] {
  const env = k6Env({ ...run.envInput, summaryPath });
  return ['run', ...k6Args(env, [{ format: 'json', path: samplesPath }]), k6ScriptPath()];
}

async function readMeasure(path: string): Promise<RunnerMeasure> {
  const source = `k6's summary ${path}`;
  let document: unknown;
  try {
    document = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new Error(`${source} is not valid JSON`, { cause });
  }
  return runnerMeasure(document, source);
}

export async function runK6Local(run: K6CellRun, deps: LocalRunDeps, signal: AbortSignal, hooks: DriverHooks = {}): Promise<LoadOutcome> {
  const keep = deps.runDir !== undefined;
  const dir = keep ? join(deps.runDir!, 'k6') : await mkdtemp(join(tmpdir(), 'meshbench-k6-'));
  await mkdir(dir, { recursive: true });
  const samplesPath = join(dir, `${run.name}.ndjson.gz`);
  const summaryPath = join(dir, `${run.name}.summary.json`);
  // k6 starts its warm-up within moments of being spawned: the window opens a warm-up later and
  // lasts the measure scenario's duration; k6 exiting sooner (cut short) closes it.
  const window = scheduleMeasureWindow(hooks, run.cell.warmupMs, run.cell.durationMs);
  let aborted = false;
  try {
    try {
      await deps.runner.run('k6', localK6Args(run, samplesPath, summaryPath), { signal });
    } catch (error) {
      // The Runner kills k6 when the signal aborts; k6 still writes its summary on the first signal.
      if (!(error instanceof RunError) || !signal.aborted) throw new Error(`k6 failed on cell ${run.cell.id}`, { cause: error });
      aborted = true;
    } finally {
      window.close();
    }
    const measures = (await exists(summaryPath)) ? [await readMeasure(summaryPath)] : [];
    if (!aborted && measures.length === 0) throw new Error(`k6 exited without writing its summary to ${summaryPath} (cell ${run.cell.id})`);
    const { cell } = run;
    const { outcome, warnings } = k6Outcome(measures, {
      durationMs: cell.durationMs,
      warmupMs: cell.warmupMs,
      aborted,
      ...(cell.rate === undefined ? {} : { targetRps: cell.rate }),
    });
    if (measures.length > 0) {
      const samples = await parseK6Ndjson((await exists(samplesPath)) ? samplesPath : nothing());
      warnings.push(...auditAgainstSamples(samples, outcome.latency, `k6's samples file ${samplesPath}`));
    }
    for (const warning of warnings) deps.onWarning?.(`cell ${cell.id}: ${warning}`);
    return outcome;
  } finally {
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}
