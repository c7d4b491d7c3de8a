import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meshbench } from './cli.ts';
import { tinySuite, writeSuite } from './suites.ts';

describe('meshbench run on the local target, end to end', () => {
  let dir: string;
  let runDir: string;
  let result: Awaited<ReturnType<typeof meshbench>>;

  beforeAll(async () => {
    const suite = await writeSuite(tinySuite({ duration: '1s' }));
    dir = suite.dir;
    runDir = join(dir, 'run');
    result = await meshbench(['run', suite.file, '--out', runDir]);
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('exits 0 and prints the summary and the report path', () => {
    expect(result.exitCode, String(result.stderr)).toBe(0);
    expect(result.stdout).toContain(`report: ${join(runDir, 'index.html')}`);
    expect(result.stderr).toMatch(/\[\d+\/4\] baseline\/load\/rate=50,c=4\/r1: p50 [\d.]+ms/);
  });

  it('writes a complete run.json and one result per cell', async () => {
    const record = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8'));
    expect(record.status).toBe('complete');
    expect(record.emulation).toBe(true);
    // Issue 10: the real local stacks were warmed before their first cell, and the order recorded.
    expect(record.schedule).toBe('interleaved');
    expect(record.order).toHaveLength(4);
    for (const stack of record.stacks) expect(stack.warmup).toMatchObject({ ms: expect.any(Number), requests: expect.any(Number), errors: 0 });
    expect(record.stacks.map((stack: { warmup: { ms: number } }) => stack.warmup.ms)).toEqual([expect.closeTo(3_000, -2), expect.closeTo(3_000, -2), expect.closeTo(3_000, -2)]);
    const { results } = JSON.parse(await readFile(join(runDir, 'results.json'), 'utf8'));
    expect(results).toHaveLength(4);
    for (const load of results.filter((r: { cell: { type: string } }) => r.cell.type === 'load')) {
      expect(load.requests).toBeGreaterThan(30);
      expect(load.histogram.length).toBeGreaterThan(10);
      expect(load.resources.length).toBeGreaterThan(0);
    }
  });

  it('latency.csv has the contract columns and a row per load cell', async () => {
    const rows: Record<string, string>[] = parse(await readFile(join(runDir, 'latency.csv'), 'utf8'), { columns: true });
    expect(Object.keys(rows[0]!)).toEqual(
      'suite,target,profile,experiment,rate,connections,repetition,requests,errors,achieved_rps,p50_ms,p90_ms,p99_ms,p999_ms,max_ms,mean_ms,order'.split(','),
    );
    expect(rows.map((row) => row.profile)).toEqual(['baseline', 'istio-sidecar', 'knative-kourier']);
    // One repetition: the first round, in suite order; the cold-start cell ran last.
    expect(rows.map((row) => row.order)).toEqual(['1', '2', '3']);
  });

  it('coldstarts.csv holds two cold iterations with ordered phases', async () => {
    const rows: Record<string, number | string>[] = parse(await readFile(join(runDir, 'coldstarts.csv'), 'utf8'), { columns: true, cast: true });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.cold).toBe('true');
      // the workload waits 100 ms before listening: the cold start must contain it
      expect(row.total_ms).toBeGreaterThan(100);
      expect(row.port_open_ms).toBeGreaterThanOrEqual(Number(row.spawned_ms) + 100);
      expect(row.first_byte_ms).toBe(row.total_ms);
    }
  });

  it('index.html says it is an emulation; report re-renders it from stored results', async () => {
    await rm(join(runDir, 'index.html'));
    const again = await meshbench(['report', runDir]);
    expect(again.exitCode, String(again.stderr)).toBe(0);
    const html = await readFile(join(runDir, 'index.html'), 'utf8');
    expect(html).toMatch(/Emulation/);
    expect((await stat(join(runDir, 'summary.md'))).size).toBeGreaterThan(100);
  });
});
