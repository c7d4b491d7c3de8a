// Issue 11, item 7: corrupted run.json / results.json used to crash the renderers with TypeErrors
// (exit 3, no file named) or render "NaNh". Now loadRun refuses them exit 2, naming the file and
// the field; older runs and unknown extra fields still load; odd but valid runs render truthfully.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exitCodeOf } from '../../src/errors.ts';
import { renderRun } from '../../src/report/render.ts';
import { RunFileError } from '../../src/results/run-files.ts';
import { loadRun } from '../../src/results/store.ts';

const recorded = path.join(import.meta.dirname, '../fixtures/runs');
type Json = Record<string, any>;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'meshbench-broken-run-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readRecorded(name: string): Promise<{ run: Json; results: Json }> {
  const read = async (file: string) => JSON.parse(await readFile(path.join(recorded, name, file), 'utf8'));
  return { run: await read('run.json'), results: await read('results.json') };
}

/** The recorded current run, changed by `mutate`, written to `dir` (a string replaces that file's text). */
async function writeRun(mutate: (files: { run: Json; results: Json }) => void | { run?: string; results?: string }): Promise<void> {
  const files = await readRecorded('local-412cb26');
  const texts = mutate(files) ?? {};
  await writeFile(path.join(dir, 'run.json'), texts.run ?? JSON.stringify(files.run, null, 2));
  await writeFile(path.join(dir, 'results.json'), texts.results ?? JSON.stringify(files.results, null, 2));
}

async function refusal(): Promise<{ message: string; exitCode: number; error: unknown }> {
  const error = await loadRun(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'loadRun accepted the run').toBeDefined();
  return { message: (error as Error).message, exitCode: exitCodeOf(error), error };
}

const runFile = () => path.join(dir, 'run.json');
const resultsFile = () => path.join(dir, 'results.json');

describe('a broken run file is refused exit 2, naming the file and the field', () => {
  it.each([
    ['results null', (f: { results: Json }) => void (f.results.results = null), () => `${resultsFile()}: results: expected a list; got null`],
    ['a latency that is text', (f: { results: Json }) => void (f.results.results[3].latency.p50 = 'abc'), () => `${resultsFile()}: results[3].latency.p50: expected a number ≥ 0; got "abc"`],
    ['a negative latency', (f: { results: Json }) => void (f.results.results[3].latency.p99 = -849467181983), () => `${resultsFile()}: results[3].latency.p99: expected a number ≥ 0; got -849467181983`],
    ['a note that is a number', (f: { results: Json }) => void (f.results.results[0].notes = [5]), () => `${resultsFile()}: results[0].notes[0]: expected a string; got 5`],
    ['a fractional request count', (f: { results: Json }) => void (f.results.results[0].requests = 1.5), () => `${resultsFile()}: results[0].requests: expected a whole number ≥ 0; got 1.5`],
    ['an unknown cell type', (f: { results: Json }) => void (f.results.results[0].cell.type = 'bogus'), () => `${resultsFile()}: results[0].cell.type: expected one of "load", "cold-start"; got "bogus"`],
    ['a result that is null', (f: { results: Json }) => void (f.results.results[0] = null), () => `${resultsFile()}: results[0]: expected an object; got null`],
    ['a phase that is text', (f: { results: Json }) => void (f.results.results[12].iterations[0].phases.ready = 'soon'), () => `${resultsFile()}: results[12].iterations[0].phases.ready: expected a number ≥ 0; got "soon"`],
    ['a suite name that is a number', (f: { run: Json }) => void (f.run.suite.name = 5), () => `${runFile()}: suite.name: expected a string; got 5`],
    ['no start time', (f: { run: Json }) => void delete f.run.startedAt, () => `${runFile()}: startedAt: missing; expected a UTC time like "2026-11-26T03:38:06.000Z"`],
    ['a finish time that is not a time', (f: { run: Json }) => void (f.run.finishedAt = 'yesterday'), () => `${runFile()}: finishedAt: expected a UTC time like "2026-11-26T03:38:06.000Z"; got "yesterday"`],
    ['a warm-up length that is text (was "NaNh")', (f: { run: Json }) => void (f.run.stacks[0].warmup.ms = 'x'), () => `${runFile()}: stacks[0].warmup.ms: expected a number ≥ 0; got "x"`],
    ['an idle time that is null', (f: { run: Json }) => void (f.run.suite.experiments[1].idle = null), () => `${runFile()}: suite.experiments[1].idle: expected a number ≥ 0; got null`],
    ['an unknown drift method', (f: { run: Json }) => void (f.run.drift.method = 'other'), () => `${runFile()}: drift.method: expected one of "interleaved", "reference"; got "other"`],
    ['a plan cell that is null', (f: { run: Json }) => void (f.run.plan.groups[0].cells[0] = null), () => `${runFile()}: plan.groups[0].cells[0]: expected an object; got null`],
    ['an unknown experiment type', (f: { run: Json }) => void (f.run.suite.experiments[0].type = 'soak'), () => `${runFile()}: suite.experiments[0].type: expected one of "load", "cold-start"; got "soak"`],
    ['an estimate beyond any physical value', (f: { run: Json }) => void (f.run.plan.estimatedMs = 1e300), () => `${runFile()}: plan.estimatedMs: expected at most 9007199254740991; got 1e+300`],
  ])('%s', async (_name, mutate, expected) => {
    await writeRun(mutate as (files: { run: Json; results: Json }) => void);
    const { message, exitCode, error } = await refusal();
    expect(message).toBe(expected());
    expect(exitCode).toBe(2);
    expect(error).toBeInstanceOf(RunFileError);
  });

  it('a truncated file: not valid JSON, with the line and column where V8 gives them', async () => {
    await writeRun(({ run }) => ({ run: JSON.stringify(run, null, 2).slice(0, 500) }));
    expect((await refusal()).message).toMatch(new RegExp(`^${runFile()}: not valid JSON: Unterminated string at line \\d+, column \\d+$`));
    await writeRun(() => ({ results: '{\n  "schemaVersion": 1,\n  "results": [' }));
    expect((await refusal()).message).toBe(`${resultsFile()}: not valid JSON: the file ends early (truncated?) at line 3, column 15`);
  });

  it('an excerpt V8 would quote from the file is not echoed: only the unexpected character, escaped', async () => {
    await writeRun(({ run }) => ({ run: JSON.stringify(run, null, 2).replace('"complete"', '\u001b]0;owned\u0007') }));
    const { message, exitCode } = await refusal();
    expect(message).toBe(`${runFile()}: not valid JSON: unexpected "\\u001b"`);
    expect(exitCode).toBe(2);
  });

  it('an empty file, a file that is not an object, another schema version', async () => {
    await writeRun(() => ({ results: '' }));
    expect((await refusal()).message).toBe(`${resultsFile()}: the file is empty`);
    await writeRun(() => ({ run: '[1, 2]' }));
    expect((await refusal()).message).toBe(`${runFile()}: expected a JSON object; got a list`);
    await writeRun(({ run }) => void (run.schemaVersion = 2));
    expect((await refusal()).message).toBe(`${runFile()}: schemaVersion: expected 1, the version this meshbench reads; got 2 (written by a newer meshbench?)`);
    await writeRun(({ results }) => void delete results.schemaVersion);
    expect((await refusal()).message).toBe(`${resultsFile()}: schemaVersion: missing; expected 1, the version this meshbench reads`);
  });

  it('echoed values and keys from the file are escaped and capped: no raw control character, cut at 80 characters', async () => {
    await writeRun(({ run, results }) => {
      run.environment.cpus = `\u001b]0;owned\u0007${'y'.repeat(1000)}`;
      results.results[0].errors.http['\u001b[2J'] = -1;
    });
    const { message } = await refusal();
    // The echo: the value cut to its first 80 characters, escaped and quoted, with its length after it.
    expect(message).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(message).toBe(`${runFile()}: environment.cpus: expected a whole number ≥ 0; got "\\u001b]0;owned\\u0007${'y'.repeat(70)}…" (1010 characters)`);
    await writeRun(({ results }) => void (results.results[0].errors.http['\u001b[2J'] = -1));
    expect((await refusal()).message).toBe(`${resultsFile()}: results[0].errors.http["\\u001b[2J"]: expected a whole number ≥ 0; got -1`);
    // Invisible and bidi characters too: "\u202e" would turn the rest of the line around.
    await writeRun(({ run }) => void (run.environment.cpus = 'a\u202eb\u200bc\u009bd'));
    expect((await refusal()).message).toBe(`${runFile()}: environment.cpus: expected a whole number ≥ 0; got "a\\u{202e}b\\u{200b}c\\x9bd"`);
  });

  it('lists every problem of a file, the message capped at 10 and "and N more"', async () => {
    await writeRun(({ results }) => {
      for (const result of results.results) result.resources = 3;
    });
    const { message, error } = await refusal();
    const lines = message.split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe(`${resultsFile()}: results[0].resources: expected a list; got 3`);
    expect(lines[10]).toBe('and 3 more problems');
    expect((error as RunFileError).problems).toHaveLength(13);
  });

  it('results.json must fit run.json: cells of the plan, one result each; the plan counts its cells', async () => {
    await writeRun(({ results }) => void (results.results[0].cell.id = 'elsewhere/r1'));
    expect((await refusal()).message).toBe(`${resultsFile()}: results[0].cell.id: "elsewhere/r1" is not a cell of the plan in ${runFile()}`);
    await writeRun(({ results }) => void results.results.push(results.results[0]));
    expect((await refusal()).message).toBe(`${resultsFile()}: results[13].cell.id: "baseline/latency/rate=100,c=4/r1" already has a result (results[0])`);
    await writeRun(({ run }) => void (run.plan.cellCount = 99));
    expect((await refusal()).message).toBe(`${runFile()}: plan.cellCount: expected 13, the number of cells in plan.groups; got 99`);
  });

  it('a directory without run.json keeps its message and is bad input (exit 2); so is a run.json that is a directory', async () => {
    const elsewhere = path.join(dir, 'not-a-run');
    const missing = await loadRun(elsewhere).catch((error: unknown) => error);
    expect((missing as Error).message).toBe(`${elsewhere} is not a meshbench run directory: ${path.join(elsewhere, 'run.json')} does not exist`);
    expect(exitCodeOf(missing)).toBe(2);
    await mkdir(path.join(dir, 'run.json'));
    const isDir = await loadRun(dir).catch((error: unknown) => error);
    expect((isDir as Error).message).toBe(`${runFile()} is a directory, not a run file`);
    expect(exitCodeOf(isDir)).toBe(2);
  });
});

describe('what still loads', () => {
  it('a run recorded before run order, stack warm-ups and drift: read as it ran (sequential, in plan order, no warm-up)', async () => {
    const { record, results } = await loadRun(path.join(recorded, 'local-e81825c'));
    expect(record.schedule).toBeUndefined();
    expect(record.plan.schedule).toBe('sequential');
    expect(record.plan.order).toEqual(record.plan.groups.flatMap((group) => group.cells.map((cell) => cell.id)));
    expect(record.plan.groups.map((group) => group.warmup)).toEqual(record.plan.groups.map(() => ({ skipped: 'not recorded: planned before stack warm-ups existed' })));
    expect(results).toHaveLength(record.plan.cellCount);
  });

  it('fields older runs lack read as those runs ran: one request per cold service, no warm baseline, no overheads analysed', async () => {
    await writeRun(({ run, results }) => {
      delete run.suite.experiments[1].burst;
      delete run.suite.experiments[1].warmBaseline;
      delete run.analysis.overheads;
      delete run.analysis.coldStartOverheads;
      delete results.results[0].resources[0].readings;
      delete results.results[12].iterations[0].kind;
    });
    const { record } = await loadRun(dir);
    expect(record.suite.experiments[1]).toMatchObject({ type: 'cold-start', burst: 1, warmBaseline: false });
    expect(record.analysis).toMatchObject({ overheads: [], coldStartOverheads: [] });
  });

  it('a file an editor saved with a byte-order mark', async () => {
    await writeRun(({ run }) => ({ run: `\ufeff${JSON.stringify(run)}` }));
    expect((await loadRun(dir)).record.suite.name).toBe('tiny-current');
  });

  it('unknown fields (a newer meshbench of the same schemaVersion) are dropped, not refused', async () => {
    await writeRun(({ run, results }) => {
      run.futureField = { anything: [1, 2] };
      run.suite.experiments[0].futureOption = true;
      results.results[0].latency.p9999 = 12;
    });
    const { record, results } = await loadRun(dir);
    expect(record).not.toHaveProperty('futureField');
    expect(record.suite.experiments[0]).not.toHaveProperty('futureOption');
    expect((results[0] as { latency: object }).latency).not.toHaveProperty('p9999');
  });
});

describe('odd but valid runs render something true', () => {
  async function rendered(): Promise<{ md: string; html: string }> {
    await renderRun(dir);
    return { md: await readFile(path.join(dir, 'summary.md'), 'utf8'), html: await readFile(path.join(dir, 'index.html'), 'utf8') };
  }

  it('a plan with no cells and no results', async () => {
    await writeRun(({ run, results }) => {
      for (const group of run.plan.groups) group.cells = [];
      run.plan.cellCount = 0;
      run.order = [];
      results.results = [];
    });
    const { md, html } = await rendered();
    expect(md).toContain('0 of 0 planned cells measured');
    expect(html).toContain('No cell produced a measurement.');
  });

  it('a finish time before the start (a clock stepped back): no negative duration', async () => {
    await writeRun(({ run }) => void (run.finishedAt = '2000-01-01T00:00:00.000Z'));
    const { html } = await rendered();
    expect(html).toContain('2026-12-02 05:16:06 UTC → 2000-01-01 00:00:00 UTC</dd>');
    expect(html).not.toMatch(/-\d+(\.\d+)?(ms|s|m|h)\)/);
  });

  it('an empty histogram string (nothing recorded) is valid: reports never decode it', async () => {
    await writeRun(({ results }) => void (results.results[0].histogram = ''));
    expect((await rendered()).md).toContain('## Load: latency');
  });
});
