// The run directory: reports/<UTC timestamp>-<suite>/ holding run.json and results.json.
// Every write is a temp file + rename, so a run killed at any moment leaves the last complete
// version of each file, and results.json is rewritten after every cell so nothing measured is lost.
// However the run ends — finished, interrupted, a second Ctrl-C, a full disk — run.json is left
// saying so, never "running" (only a process killed outright, SIGKILL, can leave that).
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.ts';
import type { CellResult } from './types.ts';
import { checkRun, parseResultsFile, parseRunFile } from './run-files.ts';
import { RUN_SCHEMA_VERSION, type RunRecord, type RunStatus } from './run-record.ts';
import { removeOwnTempsSync, tempFor, writeAtomic, writeAtomicSync } from './atomic-write.ts';
import { holdSpace, releaseSpace, releaseSpaceSync, RESERVE_FILE } from './disk-reserve.ts';
import { claimDir, makeUniqueDir, removeDirs } from './run-dir.ts';

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
  /** An exact run directory instead: it must not exist or be empty (run-dir.ts). */
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
  /** The status run.json on disk holds (the last write that completed). */
  #written: RunStatus | undefined;
  // Writes are chained so two overlapping calls can never rename an older file over a newer one.
  #writes: Promise<void> = Promise.resolve();
  #tempCounter = 0;

  private constructor(dir: string, record: RunRecord) {
    this.dir = dir;
    this.#record = record;
  }

  /** Make a fresh run directory and write run.json with status "running"; on failure nothing of it is left. */
  static async create(options: CreateRunOptions): Promise<RunStore> {
    const now = options.now ?? new Date();
    const { dir, created } = options.runDir !== undefined
      ? await claimDir(options.runDir)
      : await makeUniqueDir(options.outDir ?? 'reports', `${compactTimestamp(now)}-${options.suiteName}`);
    const store = new RunStore(dir, {
      schemaVersion: RUN_SCHEMA_VERSION,
      ...options.record,
      status: 'running',
      startedAt: now.toISOString(),
    });
    try {
      await holdSpace(dir, serialise(store.#record).length);
      await store.#write(RUN_FILE, store.#record);
      await store.#write(RESULTS_FILE, { schemaVersion: RUN_SCHEMA_VERSION, results: [] } satisfies ResultsFile);
    } catch (error) {
      await Promise.all([RUN_FILE, RESULTS_FILE, RESERVE_FILE].map((file) => rm(path.join(dir, file), { force: true }).catch(() => {})));
      await removeDirs(created);
      throw error;
    }
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

  /**
   * The run could not be finished (a file could not be written, an unexpected error): mark it
   * failed with `error`, into the space the reserve held. The analysis is left out — every report
   * recomputes it — which keeps this record small. Returns why it could not be written, if so.
   */
  async fail(error: string): Promise<Error | undefined> {
    const { analysis: _recomputed, ...record } = this.#record;
    this.#record = { ...record, status: 'failed', error, finishedAt: new Date().toISOString() };
    await releaseSpace(this.dir);
    try {
      await this.#write(RUN_FILE, this.#record, { compact: true });
      return undefined;
    } catch (cause) {
      return cause as Error;
    }
  }

  /** The run is over and written: give back the reserved space. */
  async close(): Promise<void> {
    await releaseSpace(this.dir);
  }

  /**
   * The process is leaving at once (a second Ctrl-C or SIGTERM) and no asynchronous write will
   * run again: if run.json still says "running", rewrite it synchronously as partial, then remove
   * the reserve and any temp file this process left. A write already handed to the OS cannot
   * be recalled, but every run.json write after the first interrupt says partial (or failed) too.
   */
  markInterruptedSync(signal: string): void {
    try {
      if (this.#written === 'running') {
        const record: RunRecord =
          this.#record.status === 'running'
            ? {
                ...this.#record,
                status: 'partial',
                interruptedBy: signal,
                finishedAt: new Date().toISOString(),
                notes: [...this.#record.notes, `left at once on a second interrupt: not analysed and no reports rendered (meshbench report ${this.dir} renders them)`],
              }
            : this.#record;
        releaseSpaceSync(this.dir);
        const target = path.join(this.dir, RUN_FILE);
        writeAtomicSync(target, serialise(record, { compact: true }), tempFor(target, 'exit'));
      }
    } catch {
      // Leaving anyway: there is no one left to tell.
    } finally {
      releaseSpaceSync(this.dir);
      try {
        removeOwnTempsSync(this.dir);
      } catch {
        // as above
      }
    }
  }

  #write(file: string, data: unknown, options: { compact?: boolean } = {}): Promise<void> {
    // Serialise now, so the file holds the state at call time even if the write is queued.
    const text = serialise(data, options);
    const target = path.join(this.dir, file);
    const temp = tempFor(target, String(++this.#tempCounter));
    const write = this.#writes.then(async () => {
      await writeAtomic(target, text, temp);
      if (file === RUN_FILE) this.#written = (data as RunRecord).status;
    });
    // Keep the chain alive after a failure; the caller still sees the error.
    this.#writes = write.catch(() => {});
    return write;
  }
}

/** Pretty by default; compact where space is short (the failure paths). */
function serialise(data: unknown, { compact = false }: { compact?: boolean } = {}): string {
  return `${JSON.stringify(data, null, compact ? undefined : 2)}\n`;
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
