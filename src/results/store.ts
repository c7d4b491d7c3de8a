// The run directory: reports/<UTC timestamp>-<suite>/ holding run.json and results.json.
// Every write is a temp file + rename, so a run killed at any moment leaves the last complete
// version of each file, and results.json is rewritten after every cell so nothing measured is lost.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../cli/errors.ts';
import type { CellResult } from './types.ts';
import { checkRun, parseResultsFile, parseRunFile } from './run-files.ts';
import { RUN_SCHEMA_VERSION, type RunRecord, type RunStatus } from './run-record.ts';

export const RUN_FILE = 'run.json';
export const RESULTS_FILE = 'results.json';

/** What the caller knows when a run starts; the store fills in status and timestamps. */
export type NewRunRecord = Omit<
  RunRecord,
  'schemaVersion' | 'status' | 'startedAt' | 'finishedAt' | 'interruptedBy' | 'error' | 'analysis'
>;

export interface ResultsFile {
  schemaVersion: typeof RUN_SCHEMA_VERSION;
  results: CellResult[];
}

export interface FinishExtra {
  analysis?: RunRecord['analysis'];
  error?: string;
  interruptedBy?: string;
  notes?: string[];
  stacks?: RunRecord['stacks'];
  schedule?: RunRecord['schedule'];
  order?: RunRecord['order'];
  drift?: RunRecord['drift'];
}

export interface CreateRunOptions {
  /** Parent of the run directory (default "reports"); the directory is <UTC timestamp>-<suite>. */
  outDir?: string | undefined;
  /** An exact run directory instead; refused when it already holds a run. */
  runDir?: string | undefined;
  suiteName: string;
  record: NewRunRecord;
  /** Start time (tests pin it); default now. */
  now?: Date | undefined;
}

export class RunStore {
  readonly dir: string;
  #record: RunRecord;
  #results: CellResult[] = [];
  // Writes are chained so two overlapping calls can never rename an older file over a newer one.
  #writes: Promise<void> = Promise.resolve();
  #tempCounter = 0;

  private constructor(dir: string, record: RunRecord) {
    this.dir = dir;
    this.#record = record;
  }

  /** Make a fresh run directory and write run.json with status "running". */
  static async create(options: CreateRunOptions): Promise<RunStore> {
    const now = options.now ?? new Date();
    const dir = options.runDir
      ? await claimDir(options.runDir)
      : await makeUniqueDir(options.outDir ?? 'reports', `${compactTimestamp(now)}-${options.suiteName}`);
    const store = new RunStore(dir, {
      schemaVersion: RUN_SCHEMA_VERSION,
      ...options.record,
      status: 'running',
      startedAt: now.toISOString(),
    });
    await store.#write(RUN_FILE, store.#record);
    await store.#write(RESULTS_FILE, { schemaVersion: RUN_SCHEMA_VERSION, results: [] } satisfies ResultsFile);
    return store;
  }

  /** Append one cell's result and rewrite results.json before returning. */
  async addResult(result: CellResult): Promise<void> {
    this.#results.push(result);
    await this.#write(RESULTS_FILE, { schemaVersion: RUN_SCHEMA_VERSION, results: [...this.#results] } satisfies ResultsFile);
  }

  /** Record how the run ended (and its analysis) in run.json. */
  async finish(status: Exclude<RunStatus, 'running'>, extra: FinishExtra = {}): Promise<void> {
    const { notes = [], ...rest } = extra;
    this.#record = {
      ...this.#record,
      ...rest,
      status,
      finishedAt: new Date().toISOString(),
      notes: [...this.#record.notes, ...notes],
    };
    await this.#write(RUN_FILE, this.#record);
  }

  #write(file: string, data: unknown): Promise<void> {
    // Serialise now, so the file holds the state at call time even if the write is queued.
    const text = `${JSON.stringify(data, null, 2)}\n`;
    const target = path.join(this.dir, file);
    const temp = `${target}.${process.pid}.${++this.#tempCounter}.tmp`;
    const write = this.#writes.then(async () => {
      await writeFile(temp, text);
      await rename(temp, target);
    });
    // Keep the chain alive after a failure; the caller still sees the error.
    this.#writes = write.catch(() => {});
    return write;
  }
}

/** Shorthand for RunStore.create. */
export function createRun(options: CreateRunOptions): Promise<RunStore> {
  return RunStore.create(options);
}

/**
 * Read a run directory back, every field checked (run-files.ts): a directory without run.json, or
 * with a broken run.json or results.json, is refused naming the file (and field), exit 2.
 */
export async function loadRun(dir: string): Promise<{ record: RunRecord; results: CellResult[] }> {
  const runFile = path.join(dir, RUN_FILE);
  const runText = await readFile(runFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
      throw new UsageError(`${dir} is not a meshbench run directory: ${runFile} does not exist`, { cause: error });
    }
    throw unreadable(runFile, error);
  });
  const record = parseRunFile(runText, runFile);
  // A run that failed before its first cell may have no results.json: that is an empty run, not an error.
  const resultsFile = path.join(dir, RESULTS_FILE);
  const resultsText = await readFile(resultsFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw unreadable(resultsFile, error);
  });
  const results = resultsText === undefined ? [] : parseResultsFile(resultsText, resultsFile);
  checkRun(record, results, { run: runFile, results: resultsFile });
  return { record, results };
}

/** A directory where the file should be is bad input; anything else (permissions, I/O) is the machine's. */
function unreadable(file: string, error: NodeJS.ErrnoException): Error {
  if (error.code === 'EISDIR') return new UsageError(`${file} is a directory, not a run file`, { cause: error });
  return new Error(`cannot read ${file}`, { cause: error });
}

/** 2026-11-26T03:38:06.123Z → 20261126T033806Z: sorts by time and is safe in any file system. */
export function compactTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

/** Use an exact directory, but never write over an earlier run's files. */
async function claimDir(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const existing = await readFile(path.join(dir, RUN_FILE)).catch(() => undefined);
  if (existing !== undefined) throw new UsageError(`${dir} already holds a run (${RUN_FILE}); choose another directory`);
  return dir;
}

/** mkdir without `recursive` fails on an existing directory, which makes the name check atomic. */
async function makeUniqueDir(parent: string, base: string): Promise<string> {
  await mkdir(parent, { recursive: true });
  for (let attempt = 1; ; attempt++) {
    const dir = path.join(parent, attempt === 1 ? base : `${base}-${attempt}`);
    try {
      await mkdir(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
