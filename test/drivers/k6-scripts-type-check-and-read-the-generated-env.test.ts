// The k6 script is type-checked against @types/k6, and loaded here (k6's modules are the fake k6
// runtime's stand-ins) with the env that params.ts generates for every experiment shape: the
// scenarios it declares must be the cell's, its thresholds must ask for every sub-metric the
// harness reads, and handleSummary must write where the env says.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { K6_SUMMARY_PREFIX, k6Env, type K6Env } from '../../src/drivers/k6/params.ts';
import { readK6Script } from '../../src/drivers/k6/scripts.ts';
import { CHECKS_METRIC, DROPPED_METRIC, FAILURES_METRIC, LATENCY_METRIC, REQUESTS_METRIC } from '../../src/drivers/k6/summary-measure.ts';
import { importK6Script, type ScriptModule } from '../fakes/k6/run.ts';
import { setRuntime, type K6Runtime } from '../fakes/k6/runtime.ts';
import { SHAPES, workload } from './k6-support.ts';

const TSC = 'node_modules/.bin/tsc';

type Script = ScriptModule & { options: ScriptModule['options'] & { discardResponseBodies: boolean; summaryTrendStats: string[] } };
const loadScript = (env: K6Env) => importK6Script(env) as Promise<Script>;

afterEach(() => {
  delete (globalThis as { __ENV?: K6Env }).__ENV;
  setRuntime(undefined);
});

describe('type-checking with @types/k6', () => {
  it('accepts the script', async () => {
    const result = await execa(TSC, ['-p', 'k6/tsconfig.json'], { reject: false });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('rejects a script with a misspelt executor option', async () => {
    // Inside node_modules so that 'k6/http' and @types/k6 resolve as they do for k6/.
    const dir = await mkdtemp(join('node_modules', '.k6-typecheck-'));
    try {
      const source = (await readK6Script()).replace('preAllocatedVUs:', 'preallocatedVUs:');
      await writeFile(join(dir, 'broken.ts'), source);
      await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../k6/tsconfig.json', include: ['*.ts'] }));
      const result = await execa(TSC, ['-p', join(dir, 'tsconfig.json')], { reject: false });
      expect(result.exitCode).not.toBe(0);
      expect(result.stdout).toContain("'preallocatedVUs' does not exist");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the scripts read exactly the generated env', () => {
  it.each(SHAPES)('$name', async ({ cell }) => {
    const env = k6Env({ cell, targetUrl: 'http://echo.bench.svc:80/', workload });
    const script = await loadScript(env);
    const { scenarios } = script.options;
    const measure = scenarios.measure!;
    expect(Object.keys(scenarios)).toEqual(cell.warmupMs > 0 ? ['warmup', 'measure'] : ['measure']);
    expect(measure.startTime).toBe(`${cell.warmupMs}ms`);
    expect(measure.duration).toBe(`${cell.durationMs}ms`);
    if (cell.warmupMs > 0) expect(scenarios.warmup).toMatchObject({ startTime: '0ms', duration: `${cell.warmupMs}ms`, gracefulStop: '0s' });
    if (cell.model === 'open') {
      expect(measure).toMatchObject({
        executor: 'constant-arrival-rate',
        rate: cell.rate,
        timeUnit: '1s',
        preAllocatedVUs: Number(env.PRE_ALLOCATED_VUS),
        maxVUs: Number(env.MAX_VUS),
      });
    } else {
      expect(measure).toMatchObject({ executor: 'constant-vus', vus: cell.connections });
    }
    // Dense quantiles for the histogram, the reported percentiles among them, and the count.
    const stats = script.options.summaryTrendStats;
    expect(stats.slice(0, 4)).toEqual(['avg', 'min', 'max', 'count']);
    expect(stats).toEqual(expect.arrayContaining(['p(50)', 'p(90)', 'p(99)', 'p(99.9)', 'p(99.999)']));
    expect(stats.length).toBeGreaterThan(500);
    expect(script.options.discardResponseBodies).toBe(true);
    // Every sub-metric the harness reads is asked for (a threshold is k6's way to get one).
    for (const metric of [LATENCY_METRIC, REQUESTS_METRIC, DROPPED_METRIC, CHECKS_METRIC, FAILURES_METRIC, 'meshbench_failures{scenario:measure,class:http_503}']) {
      expect(script.options.thresholds).toHaveProperty([metric]);
    }

    // Every name the script reads is generated, and nothing generated goes unread.
    const source = await readK6Script();
    const read = new Set([...source.matchAll(/(?:intEnv\('|__ENV\.)([A-Z_]+)/g)].map((match) => match[1]));
    // One script serves both models: the other model's parameters are read only by its scenario builder.
    const otherModel = cell.model === 'open' ? ['VUS'] : ['RATE', 'PRE_ALLOCATED_VUS', 'MAX_VUS'];
    const required = new Set([...source.matchAll(/intEnv\('([A-Z_]+)'/g)].map((match) => match[1]).filter((name) => !otherModel.includes(name!)));
    for (const name of Object.keys(env)) expect(read).toContain(name);
    expect(env.MODEL).toBe(cell.model);
    for (const name of required) expect(env).toHaveProperty(name!);
  });

  it('refuses a missing or non-integer parameter when k6 loads it', async () => {
    const env = k6Env({ cell: SHAPES[0]!.cell, targetUrl: 'http://echo/', workload });
    await expect(loadScript({ ...env, RATE: '5e2' })).rejects.toThrow('--env RATE must be an integer');
    const { TARGET_URL: _dropped, ...withoutUrl } = env;
    await expect(loadScript(withoutUrl)).rejects.toThrow('--env TARGET_URL');
    await expect(loadScript({ ...env, MODEL: 'ramp' })).rejects.toThrow('--env MODEL must be open or closed');
  });

  it('requests the echo URL with the workload delay and size, counting only 2xx as success', async () => {
    const env = k6Env({ cell: SHAPES[0]!.cell, targetUrl: 'http://echo/', workload: { ...workload, delay: 5, size: 2048 } });
    const seen: { url?: string; params?: unknown; callback?: unknown; failures: (Record<string, string> | undefined)[] } = { failures: [] };
    let status = 200;
    const runtime: K6Runtime = {
      request: (_method, url, params) => {
        seen.url = url;
        seen.params = params;
        return { status, error: '', error_code: status >= 400 ? 1000 + status : 0, timings: { duration: 1, blocked: 0, connecting: 0, tls_handshaking: 0, sending: 0, waiting: 1, receiving: 0 } };
      },
      setResponseCallback: (callback) => void (seen.callback = callback),
      check: () => true,
      registerMetric: () => undefined,
      addToMetric: (_name, _value, tags) => void seen.failures.push(tags),
    };
    setRuntime(runtime);
    const script = await loadScript(env);
    script.default();
    expect(seen).toMatchObject({ url: 'http://echo/?delay=5ms&size=2048', params: { timeout: '10000ms' }, callback: { ranges: [[200, 299]] } });
    expect(seen.failures).toEqual([]);
    status = 302;
    script.default();
    expect(seen.failures).toEqual([{ class: 'http_302' }]);
  });
});

describe('handleSummary', () => {
  const trend = { type: 'trend', contains: 'time', values: { 'p(50)': 1.2345678912, 'p(99)': 7.5, max: 12, count: 29_990 } };
  const counter = (count: number) => ({ type: 'counter', contains: 'default', values: { count, rate: count / 75 } });
  const data = {
    state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: 75_012.5 },
    options: { summaryTrendStats: ['avg'] },
    metrics: {
      [LATENCY_METRIC]: trend,
      [REQUESTS_METRIC]: counter(30_000),
      [FAILURES_METRIC]: counter(10),
      'meshbench_failures{scenario:measure,class:timeout}': counter(10),
      'meshbench_failures{scenario:measure,class:connect}': counter(0),
      http_req_waiting: trend,
    },
  };
  // What the harness reads, and nothing else: failure classes that did not occur stay out.
  const written = {
    state: data.state,
    metrics: {
      [LATENCY_METRIC]: { ...trend, values: { ...trend.values, 'p(50)': 1.234568 } },
      [REQUESTS_METRIC]: counter(30_000),
      [FAILURES_METRIC]: counter(10),
      'meshbench_failures{scenario:measure,class:timeout}': counter(10),
    },
  };

  it('writes the measured part as JSON to SUMMARY_PATH and a one-line text to stdout', async () => {
    const env = k6Env({ cell: SHAPES[0]!.cell, targetUrl: 'http://echo/', workload, summaryPath: '/tmp/summary.json' });
    const outputs = (await loadScript(env)).handleSummary!(data);
    expect(JSON.parse(outputs['/tmp/summary.json']!)).toEqual(written);
    expect(outputs.stdout).toBe('meshbench measure window: requests=30000 p50=1.235ms p99=7.5ms max=12ms failed=10 dropped_iterations=-\n');
  });

  it('puts the JSON on one stdout line after the prefix the runners look for when SUMMARY_STDOUT=json', async () => {
    const env = k6Env({ cell: SHAPES[2]!.cell, targetUrl: 'http://echo/', workload, summaryToStdout: true });
    const { stdout } = (await loadScript(env)).handleSummary!(data);
    const lines = stdout!.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(`${K6_SUMMARY_PREFIX}${JSON.stringify(written)}`);
  });
});
