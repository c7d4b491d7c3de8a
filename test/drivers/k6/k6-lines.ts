// Synthetic k6 output in the exact formats k6 writes, for tests with known answers.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/k6/', import.meta.url));

export interface Sample {
  /** Epoch milliseconds. */
  timeMs: number;
  valueMs: number;
  status?: number;
  scenario?: string;
}

/** 1000 successful samples of 1, 2, …, 1000 ms, sent 10 ms apart (100/s) in shuffled time order. */
export function oneToThousand(startMs = Date.UTC(2026, 2, 1, 10, 0, 0)): Sample[] {
  const samples: Sample[] = [];
  for (let i = 0; i < 1000; i++) {
    // A fixed permutation of send slots: k6 flushes per-VU buffers, so files are not time-ordered.
    const slot = (i * 7919) % 1000;
    samples.push({ timeMs: startMs + slot * 10, valueMs: i + 1, status: 200, scenario: 'measure' });
  }
  return samples;
}

const rfc3339 = (ms: number): string => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

/** `--out json` lines of newer k6 (with expected_response and scenario tags). */
export function ndjsonLines(samples: readonly Sample[], dropped = 0): string[] {
  const lines = [
    '{"metric":"http_req_duration","type":"Metric","data":{"name":"http_req_duration","type":"trend","contains":"time","thresholds":[],"submetrics":null}}',
  ];
  for (const s of samples) {
    const status = s.status ?? 200;
    const tags = {
      expected_response: String(status >= 200 && status < 400),
      group: '',
      method: 'GET',
      name: 'http://echo/',
      proto: 'HTTP/1.1',
      scenario: s.scenario ?? 'measure',
      status: String(status),
      url: 'http://echo/',
    };
    lines.push(
      JSON.stringify({ metric: 'http_req_duration', type: 'Point', data: { time: rfc3339(s.timeMs), value: s.valueMs, tags } }),
    );
  }
  const t = samples[0]?.timeMs ?? 0;
  for (let i = 0; i < dropped; i++) {
    lines.push(
      JSON.stringify({ metric: 'dropped_iterations', type: 'Point', data: { time: rfc3339(t), value: 1, tags: { scenario: 'measure' } } }),
    );
  }
  return lines;
}

const CSV_HEADER =
  'metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,method,name,proto,scenario,service,status,subproto,tls_version,url,extra_tags,metadata';

/** `--out csv` lines with the 19-column header and `unix_micro` timestamps. */
export function csvLines(samples: readonly Sample[]): string[] {
  return [
    CSV_HEADER,
    ...samples.map((s) => {
      const status = s.status ?? 200;
      const expected = String(status >= 200 && status < 400);
      const micros = Math.round(s.timeMs * 1000);
      return `http_req_duration,${micros},${s.valueMs.toFixed(6)},,,,${expected},,GET,http://echo/,HTTP/1.1,${s.scenario ?? 'measure'},,${status},,,http://echo/,,`;
    }),
  ];
}

/** A temporary directory for generated files; `cleanup` removes it. */
export async function scratch(): Promise<{ dir: string; write: (name: string, data: string | Uint8Array) => Promise<string>; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'meshbench-k6-'));
  return {
    dir,
    write: async (name, data) => {
      const path = join(dir, name);
      await writeFile(path, data);
      return path;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
