// params.ts: the env map a cell becomes, the VU sizing formula, and the `k6 run` argv.
import { describe, expect, it } from 'vitest';
import { k6Args, k6Env, sizeVUs, VUS_PER_RUNNER } from '../../src/drivers/k6/params.ts';
import { loadCell, workload } from './k6-support.ts';

describe('sizeVUs', () => {
  it('pre-allocates rate × (delay + allowance) × headroom, and enough VUs for every request to time out', () => {
    // 500 rps × (0 + 10 ms) × 2 = 10 VUs, raised to the 16 connections; 500 rps × 1 s = 500.
    expect(sizeVUs(500, 0, 1_000, 16)).toEqual({ preAllocatedVUs: 16, maxVUs: 500 });
    // 1000 rps × (40 + 10 ms) × 2 = 100 VUs; 1000 rps × 0.5 s = 500.
    expect(sizeVUs(1000, 40, 500, 1)).toEqual({ preAllocatedVUs: 100, maxVUs: 500 });
  });

  it('never lets maxVUs fall below preAllocatedVUs', () => {
    expect(sizeVUs(100, 1_000, 100, 1)).toEqual({ preAllocatedVUs: 202, maxVUs: 202 });
  });

  it('caps both at the per-runner ceiling, scaled by the number of runners', () => {
    expect(sizeVUs(1000, 0, 10_000, 16)).toEqual({ preAllocatedVUs: 20, maxVUs: VUS_PER_RUNNER });
    expect(sizeVUs(1000, 0, 10_000, 16, 4).maxVUs).toBe(4 * VUS_PER_RUNNER);
    expect(sizeVUs(100_000, 100, 10_000, 16).preAllocatedVUs).toBe(VUS_PER_RUNNER);
  });
});

describe('k6Env', () => {
  it('turns an open-model cell into integers and the target URL', () => {
    const env = k6Env({ cell: loadCell(), targetUrl: 'http://echo.bench.svc/', workload: { ...workload, delay: 2.4 } });
    expect(env).toEqual({
      MODEL: 'open',
      TARGET_URL: 'http://echo.bench.svc/',
      DELAY_MS: '2',
      SIZE: '1024',
      DURATION_MS: '60000',
      WARMUP_MS: '15000',
      TIMEOUT_MS: '10000',
      RATE: '500',
      PRE_ALLOCATED_VUS: '16',
      MAX_VUS: '1000',
    });
  });

  it('gives a closed-model cell VUs = connections and no rate', () => {
    const env = k6Env({ cell: loadCell({ model: 'closed', rate: undefined, connections: 32 }), targetUrl: 'http://echo/', workload });
    expect(env.VUS).toBe('32');
    expect(env.MODEL).toBe('closed');
    expect(env).not.toHaveProperty('RATE');
    expect(env).not.toHaveProperty('MAX_VUS');
  });

  it('adds the summary destinations only when asked', () => {
    const env = k6Env({ cell: loadCell(), targetUrl: 'http://echo/', workload, summaryPath: '/out/summary.json', summaryToStdout: true });
    expect(env).toMatchObject({ SUMMARY_PATH: '/out/summary.json', SUMMARY_STDOUT: 'json' });
    expect(k6Env({ cell: loadCell(), targetUrl: 'http://echo/', workload })).not.toHaveProperty('SUMMARY_STDOUT');
  });

  it('refuses what k6 cannot do and URLs that would smuggle parameters', () => {
    expect(() => k6Env({ cell: loadCell({ arrival: 'poisson' }), targetUrl: 'http://echo/', workload })).toThrow('Poisson');
    expect(() => k6Env({ cell: loadCell(), targetUrl: 'http://echo/?delay=1s', workload })).toThrow('without query');
    expect(() => k6Env({ cell: loadCell(), targetUrl: 'ftp://echo/', workload })).toThrow('must be http(s)');
    expect(() => k6Env({ cell: loadCell(), targetUrl: 'echo', workload })).toThrow('is not a URL');
  });
});

describe('k6Args', () => {
  it('passes each env entry as its own --env, sorted, then the sample outputs', () => {
    const args = k6Args({ RATE: '500', DURATION_MS: '60000' }, [{ format: 'csv', path: '/out/samples.csv.gz' }]);
    expect(args).toEqual([
      '--no-usage-report',
      '--quiet',
      '--env',
      'DURATION_MS=60000',
      '--env',
      'RATE=500',
      '--out',
      'csv=/out/samples.csv.gz',
    ]);
    expect(k6Args({}, [{ format: 'json', path: 'samples.json.gz' }]).slice(-2)).toEqual(['--out', 'json=samples.json.gz']);
  });

  it('refuses whitespace (k6-operator splits arguments on it) and odd env names', () => {
    expect(() => k6Args({ SUMMARY_PATH: '/tmp/my summary.json' })).toThrow('contains whitespace');
    expect(() => k6Args({ 'rate; rm': '1' })).toThrow('not an upper-case identifier');
  });
});
