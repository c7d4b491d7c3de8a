// The local runner against a fake `k6` on PATH: the exact argv, samples turned into the histogram
// of the fed values, the audit file kept, and an abort that returns the partial window.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createK6Driver } from '../../../src/drivers/k6/driver.ts';
import { k6ScriptPath } from '../../../src/drivers/k6/scripts.ts';
import { execaRunner, type Runner } from '../../../src/exec/runner.ts';
import { fakePath, type FakePath } from '../../fakes/fake-path.ts';
import { loadCell, workload } from '../k6-support.ts';
import { ndjsonLines, scratch } from '../k6/k6-lines.ts';
import { expectedLatency, expectLatencyMatches, fedSamples, summaryFor } from './support.ts';

let fake: FakePath;
let files: Awaited<ReturnType<typeof scratch>>;
const samples = fedSamples();
// oneToThousand sends 100 requests a second: ask for that, so the cell is not driver-saturated.
const cell = loadCell({ rate: 100 });

/** The real runner, seeing only the fakes on PATH. */
function runnerOn(env: Record<string, string>): Runner {
  const runner = execaRunner();
  return { run: (cmd, args, options = {}) => runner.run(cmd, args, { ...options, env: { ...options.env, ...env } }) };
}

beforeEach(async () => {
  files = await scratch();
  fake = await fakePath({
    tools: ['k6'],
    env: {
      FAKE_K6_NDJSON: await files.write('samples.ndjson', ndjsonLines(samples).join('\n')),
      FAKE_K6_SUMMARY: await files.write('summary.json', JSON.stringify(summaryFor(samples))),
    },
  });
});

afterEach(async () => {
  await fake.cleanup();
  await files.cleanup();
});

describe('local k6', () => {
  it('runs `k6 run` with the cell env, reads the samples into the histogram and keeps them gzipped', async () => {
    const runDir = join(files.dir, 'run');
    const driver = createK6Driver({ mode: 'local', runner: runnerOn(fake.env), workload, runDir });
    const outcome = await driver.run(cell, { url: 'http://127.0.0.1:8080/' }, new AbortController().signal);

    const [call] = await fake.calls();
    const dir = join(runDir, 'k6');
    const name = call!.argv.find((arg) => arg.startsWith('json='))!.slice('json='.length).slice(dir.length + 1).replace('.ndjson.gz', '');
    expect(name).toMatch(/^k6-latency-r1-[0-9a-f]{8}$/);
    expect(call!.argv).toEqual([
      'run', '--no-usage-report', '--quiet',
      '--env', 'DELAY_MS=0', '--env', 'DURATION_MS=60000', '--env', 'MAX_VUS=1000', '--env', 'MODEL=open', '--env', 'PRE_ALLOCATED_VUS=16',
      '--env', 'RATE=100', '--env', 'SIZE=1024', '--env', `SUMMARY_PATH=${join(dir, `${name}.summary.json`)}`,
      '--env', 'TARGET_URL=http://127.0.0.1:8080/', '--env', 'TIMEOUT_MS=10000', '--env', 'WARMUP_MS=15000',
      '--out', `json=${join(dir, `${name}.ndjson.gz`)}`,
      k6ScriptPath(),
    ]);

    expectLatencyMatches(outcome.latency, expectedLatency(samples));
    expect(outcome).toMatchObject({ requests: 1000, aborted: false, saturated: false });
    expect(outcome.errors.total).toBe(0);
    const kept = gunzipSync(await readFile(join(dir, `${name}.ndjson.gz`))).toString().trim().split('\n');
    expect(kept).toHaveLength(ndjsonLines(samples).length);
  });

  it('removes its temporary files when no run directory is given', async () => {
    const driver = createK6Driver({ mode: 'local', runner: runnerOn(fake.env), workload });
    await driver.run(cell, { url: 'http://127.0.0.1:8080/' }, new AbortController().signal);
    const out = (await fake.calls())[0]!.argv.find((arg) => arg.startsWith('json='))!.slice('json='.length);
    expect(existsSync(out)).toBe(false);
  });

  it('returns the partial window, marked aborted, when the signal aborts mid-run', async () => {
    const hanging = { ...fake.env, FAKE_K6_HANG_AFTER: '601' }; // the metric declaration + 600 samples
    const driver = createK6Driver({ mode: 'local', runner: runnerOn(hanging), workload });
    const abort = new AbortController();
    const running = driver.run(cell, { url: 'http://127.0.0.1:8080/' }, abort.signal);
    while (!existsSync(join(fake.dir, 'k6-running'))) await sleep(20);
    abort.abort();
    const outcome = await running;
    expect(outcome.aborted).toBe(true);
    // 50 warm-up samples come first in the fed lines; the other 550 are measured.
    expect(outcome.latency.count).toBe(550);
    expect(outcome.requests).toBe(550);
  });

  it('fails the cell with the command when k6 exits non-zero', async () => {
    const broken = { ...fake.env, FAKE_K6_FAIL: 'script' };
    const driver = createK6Driver({ mode: 'local', runner: runnerOn(broken), workload });
    const error = await driver.run(cell, { url: 'http://127.0.0.1:8080/' }, new AbortController().signal).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('k6 failed on cell baseline/latency/rate=500,c=16/r1');
    const cause = (error as Error).cause as Error;
    expect(cause.message).toContain('failed with exit code 107');
    expect(cause.message).toContain('--env RATE must be an integer');
  });
});
