// The local runner: the `k6` binary on PATH, through the Runner. Raw samples go to a gzipped
// NDJSON file (`--out json=<file>.gz`): the same format the in-cluster runners read from pod
// logs, so one parser serves all three; each line stands alone (no header to lose), and a file
// cut short by an abort still reads up to its torn last line. The summary goes to a file through
// handleSummary (SUMMARY_PATH). Both live in <runDir>/k6 when a run directory is given (kept for
// audit), else in a temporary directory removed afterwards.
import { access, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunError, type Runner } from '../../exec/runner.ts';
import type { DriverHooks, LoadOutcome } from '../driver.ts';
import type { K6CellRun } from './cell-run.ts';
import { finishK6 } from './collect.ts';
import { k6Args, k6Env } from './params.ts';
import { parseK6Ndjson } from './parse-ndjson.ts';
import { readK6Summary, type K6Summary } from './parse-summary.ts';
import { k6ScriptPath } from './scripts.ts';

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

export async function runK6Local(run: K6CellRun, deps: LocalRunDeps, signal: AbortSignal, hooks: DriverHooks = {}): Promise<LoadOutcome> {
  const keep = deps.runDir !== undefined;
  const dir = keep ? join(deps.runDir!, 'k6') : await mkdtemp(join(tmpdir(), 'meshbench-k6-'));
  await mkdir(dir, { recursive: true });
  const samplesPath = join(dir, `${run.name}.ndjson.gz`);
  const summaryPath = join(dir, `${run.name}.summary.json`);
  // k6 starts its warm-up within moments of being spawned; that is when the window opens.
  const measureTimer = hooks.onMeasureStart ? setTimeout(hooks.onMeasureStart, run.cell.warmupMs) : undefined;
  let aborted = false;
  try {
    try {
      await deps.runner.run('k6', localK6Args(run, samplesPath, summaryPath), { signal });
    } catch (error) {
      // The Runner kills k6 when the signal aborts; what it wrote until then is the partial window.
      if (!(error instanceof RunError) || !signal.aborted) throw new Error(`k6 failed on cell ${run.cell.id}`, { cause: error });
      aborted = true;
    }
    const samples = await parseK6Ndjson((await exists(samplesPath)) ? samplesPath : nothing());
    const summaries: K6Summary[] = (await exists(summaryPath)) ? [await readK6Summary(summaryPath)] : [];
    if (!aborted && summaries.length === 0) throw new Error(`k6 exited without writing its summary to ${summaryPath} (cell ${run.cell.id})`);
    return finishK6(samples, summaries, {
      source: `k6's samples file ${samplesPath}`,
      aborted,
      ...(run.cell.rate === undefined ? {} : { targetRps: run.cell.rate }),
      ...(deps.onWarning ? { onWarning: deps.onWarning } : {}),
    }).outcome;
  } finally {
    clearTimeout(measureTimer);
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}
