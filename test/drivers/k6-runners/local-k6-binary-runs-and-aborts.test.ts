// The local runner against a fake `k6` on PATH replaying what the fake k6 runtime printed for the
// cell (the real script's samples and summary): the exact argv, the summary turned into the
// histogram of the latencies k6 saw, the samples kept and audited, and an abort that returns the
// partial window k6 still summarised.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { k6CellRun } from '../../../src/drivers/k6/cell-run.ts';
import { createK6Driver } from '../../../src/drivers/k6/driver.ts';
import { k6Args, k6Env } from '../../../src/drivers/k6/params.ts';
import { k6ScriptPath } from '../../../src/drivers/k6/scripts.ts';
import { execaRunner, type Runner } from '../../../src/exec/runner.ts';
import type { LoadCell } from '../../../src/plan/types.ts';
import { fakePath, type FakePath } from '../../fakes/fake-path.ts';
import type { FakeK6Result } from '../../fakes/k6/run.ts';
import { loadCell, workload } from '../k6-support.ts';
import { scratch } from '../k6/k6-lines.ts';
import { exactPercentiles, expectLatencyWithin, fakeK6Output, seededServer } from './support.ts';

let fake: FakePath;
let files: Awaited<ReturnType<typeof scratch>>;
let ran: FakeK6Result;
let sampleLines: string[];
const cell = loadCell({ rate: 100, durationMs: 10_000, warmupMs: 2_000 });
const endpoint = { url: 'http://127.0.0.1:8080/' };

/** The real runner, seeing only the fakes on PATH. */
function runnerOn(env: Record<string, string>): Runner {
  const runner = execaRunner();
  return { run: (cmd, args, options = {}) => runner.run(cmd, args, { ...options, env: { ...options.env, ...env } }) };
}

/** What k6 prints for `of` (samples to stdout, summary to a file), for the fake k6 to replay. */
async function prepared(of: LoadCell, seed: number): Promise<{ ndjson: string[]; summary: string; result: FakeK6Result }> {
  const env = k6Env({ ...k6CellRun(of, endpoint, workload).envInput, summaryPath: '/k6/summary.json' });
  const { stdout, files: written, result } = await fakeK6Output(['run', ...k6Args(env, [{ format: 'json', path: '-' }]), k6ScriptPath()], seededServer({ seed }));
  return { ndjson: stdout.join('').split('\n').filter((line) => line.startsWith('{')), summary: written.get('/k6/summary.json')!, result };
}

beforeEach(async () => {
  files = await scratch();
  const full = await prepared(cell, 3);
  // Interrupted 4 s into the measured window: what k6's summary then holds.
  const cut = await prepared({ ...cell, durationMs: 4_000 }, 3);
  ran = full.result;
  sampleLines = full.ndjson;
  fake = await fakePath({
    tools: ['k6'],
    env: {
      FAKE_K6_NDJSON: await files.write('samples.ndjson', full.ndjson.join('\n')),
      FAKE_K6_SUMMARY: await files.write('summary.json', full.summary),
      FAKE_K6_ABORT_SUMMARY: await files.write('abort-summary.json', cut.summary),
    },
  });
});

afterEach(async () => {
  await fake.cleanup();
  await files.cleanup();
});

describe('local k6', () => {
  it('runs `k6 run` with the cell env, reads the summary into the histogram, keeps the samples gzipped and audits them', async () => {
    const runDir = join(files.dir, 'run');
    const warnings: string[] = [];
    const driver = createK6Driver({ mode: 'local', runner: runnerOn(fake.env), workload, runDir, onWarning: (w) => warnings.push(w) });
    const outcome = await driver.run(cell, endpoint, new AbortController().signal);

    const [call] = await fake.calls();
    const dir = join(runDir, 'k6');
    const name = call!.argv.find((arg) => arg.startsWith('json='))!.slice('json='.length).slice(dir.length + 1).replace('.ndjson.gz', '');
    expect(name).toMatch(/^k6-latency-r1-[0-9a-f]{8}$/);
    expect(call!.argv).toEqual([
      'run', '--no-usage-report', '--quiet',
      '--env', 'DELAY_MS=0', '--env', 'DURATION_MS=10000', '--env', 'MAX_VUS=1000', '--env', 'MODEL=open', '--env', 'PRE_ALLOCATED_VUS=16',
      '--env', 'RATE=100', '--env', 'SIZE=1024', '--env', `SUMMARY_PATH=${join(dir, `${name}.summary.json`)}`,
      '--env', 'TARGET_URL=http://127.0.0.1:8080/', '--env', 'TIMEOUT_MS=10000', '--env', 'WARMUP_MS=2000',
      '--out', `json=${join(dir, `${name}.ndjson.gz`)}`,
      k6ScriptPath(),
    ]);

    expectLatencyWithin(outcome.latency!, exactPercentiles(ran.measuredSuccessMs), 0.01);
    expect(outcome).toMatchObject({ requests: 1000, aborted: false, saturated: false, measuredMs: 10_000 });
    expect(outcome.errors.total).toBe(0);
    const kept = gunzipSync(await readFile(join(dir, `${name}.ndjson.gz`))).toString().trim().split('\n');
    expect(kept).toHaveLength(sampleLines.length);
    // The samples tell the same story as the summary: the audit found nothing to say.
    expect(warnings).toEqual([]);
  });

  it('warns when the raw samples disagree with the summary', async () => {
    const warnings: string[] = [];
    const halved = { ...fake.env, FAKE_K6_NDJSON: await files.write('half.ndjson', sampleLines.filter((_, i) => i % 2 === 0).join('\n')) };
    const driver = createK6Driver({ mode: 'local', runner: runnerOn(halved), workload, onWarning: (w) => warnings.push(w) });
    await driver.run(cell, endpoint, new AbortController().signal);
    expect(warnings).toEqual([expect.stringMatching(/k6's samples file .* holds \d+ successful requests in the measured window, k6's summary 1000$/)]);
  });

  it('removes its temporary files when no run directory is given', async () => {
    const driver = createK6Driver({ mode: 'local', runner: runnerOn(fake.env), workload });
    await driver.run(cell, endpoint, new AbortController().signal);
    const out = (await fake.calls())[0]!.argv.find((arg) => arg.startsWith('json='))!.slice('json='.length);
    expect(existsSync(out)).toBe(false);
  });

  it('returns the partial window k6 still summarised, marked aborted, when the signal aborts mid-run', async () => {
    const hanging = { ...fake.env, FAKE_K6_HANG_AFTER: '600' };
    const driver = createK6Driver({ mode: 'local', runner: runnerOn(hanging), workload });
    const abort = new AbortController();
    const running = driver.run(cell, endpoint, abort.signal);
    while (!existsSync(join(fake.dir, 'k6-running'))) await sleep(20);
    abort.abort();
    const outcome = await running;
    expect(outcome.aborted).toBe(true);
    // 4 s of the 10 s window at 100/s, and the window is what k6 ran of it.
    expect(outcome.latency!.count).toBe(400);
    expect(outcome.requests).toBe(400);
    expect(outcome.measuredMs).toBeGreaterThanOrEqual(4_000);
    expect(outcome.measuredMs).toBeLessThan(4_100);
  });

  it('fails the cell with the command when k6 exits non-zero', async () => {
    const broken = { ...fake.env, FAKE_K6_FAIL: 'script' };
    const driver = createK6Driver({ mode: 'local', runner: runnerOn(broken), workload });
    const error = await driver.run(cell, endpoint, new AbortController().signal).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('k6 failed on cell baseline/latency/rate=500,c=16/r1');
    const cause = (error as Error).cause as Error;
    expect(cause.message).toContain('failed with exit code 107');
    expect(cause.message).toContain('--env RATE must be an integer');
  });
});
