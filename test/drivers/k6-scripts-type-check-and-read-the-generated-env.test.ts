// The k6 script is type-checked against @types/k6, and run here (k6's modules stubbed) with the
// env that params.ts generates for every experiment shape: the scenarios it declares must be the
// cell's, and handleSummary must write where the env says.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { K6_SUMMARY_BEGIN, K6_SUMMARY_END, k6Env, type K6Env } from '../../src/drivers/k6/params.ts';
import { k6ScriptPath, readK6Script } from '../../src/drivers/k6/scripts.ts';
import { SHAPES, workload } from './k6-support.ts';

const TSC = 'node_modules/.bin/tsc';

vi.mock('k6/http', () => ({ default: { get: vi.fn(() => ({ status: 200 })) } }));
vi.mock('k6', () => ({ check: vi.fn(() => true) }));

interface ScriptModule {
  options: { scenarios: Record<string, Record<string, unknown>>; summaryTrendStats: string[]; discardResponseBodies: boolean };
  handleSummary(data: unknown): Record<string, string>;
  default(): void;
}

async function loadScript(env: K6Env): Promise<ScriptModule> {
  vi.resetModules();
  (globalThis as { __ENV?: K6Env }).__ENV = { ...env };
  return (await import(k6ScriptPath())) as ScriptModule;
}

afterEach(() => {
  delete (globalThis as { __ENV?: K6Env }).__ENV;
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
    expect(script.options.summaryTrendStats).toEqual(['avg', 'min', 'med', 'max', 'p(50)', 'p(90)', 'p(99)', 'p(99.9)']);
    expect(script.options.discardResponseBodies).toBe(true);

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

  it('requests the echo URL with the workload delay and size, checking for status 200', async () => {
    const env = k6Env({ cell: SHAPES[0]!.cell, targetUrl: 'http://echo/', workload: { ...workload, delay: 5, size: 2048 } });
    const script = await loadScript(env);
    const http = (await import('k6/http' as string)) as { default: { get: ReturnType<typeof vi.fn> } };
    const k6 = (await import('k6' as string)) as { check: ReturnType<typeof vi.fn> };
    script.default();
    expect(http.default.get).toHaveBeenLastCalledWith('http://echo/?delay=5ms&size=2048', { timeout: '10000ms' });
    const checks = k6.check.mock.lastCall![1] as Record<string, (r: { status: number }) => boolean>;
    expect(checks['status is 200']!({ status: 200 })).toBe(true);
    expect(checks['status is 200']!({ status: 503 })).toBe(false);
  });
});

describe('handleSummary', () => {
  const data = {
    metrics: {
      'http_req_duration{scenario:measure}': { type: 'trend', values: { 'p(50)': 1.2345, 'p(99)': 7.5, max: 12 } },
      'http_reqs{scenario:measure}': { type: 'counter', values: { count: 30000, rate: 500 } },
    },
  };

  it('writes the JSON to SUMMARY_PATH and a one-line text to stdout', async () => {
    const env = k6Env({ cell: SHAPES[0]!.cell, targetUrl: 'http://echo/', workload, summaryPath: '/tmp/summary.json' });
    const outputs = (await loadScript(env)).handleSummary(data);
    expect(JSON.parse(outputs['/tmp/summary.json']!)).toEqual(data);
    expect(outputs.stdout).toBe('meshbench measure window: requests=30000 p50=1.235ms p99=7.5ms max=12ms dropped_iterations=-\n');
  });

  it('frames the JSON on stdout with the markers the parsers look for when SUMMARY_STDOUT=json', async () => {
    const env = k6Env({ cell: SHAPES[2]!.cell, targetUrl: 'http://echo/', workload, summaryToStdout: true });
    const { stdout } = (await loadScript(env)).handleSummary(data);
    const lines = stdout!.trimEnd().split('\n');
    expect(lines.slice(1)).toEqual([K6_SUMMARY_BEGIN, JSON.stringify(data), K6_SUMMARY_END]);
  });
});
