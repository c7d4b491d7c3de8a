// What a k6 run is told, as values: the `--env` map the scripts in k6/ read, and the argv of
// `k6 run`. Pure. Suite values reach k6 only as validated `--env` pairs, never pasted into code.
import type { LoadCell } from '../../plan/types.ts';
import type { Workload } from '../../suite/schema.ts';

/** The script (in k6/, and its key in the script ConfigMap); `--env MODEL` picks the load model. */
export const K6_SCRIPT = 'load.ts';
export type K6Model = LoadCell['model'];

/** Starts the stdout line that carries the summary JSON when SUMMARY_STDOUT=json (pod logs). */
export const K6_SUMMARY_PREFIX = 'meshbench k6 summary: ';

/** `--env` names to values; every value is a decimal integer, an http(s) URL or a path. */
export type K6Env = Record<string, string>;

// VU sizing (open model). A VU carries one request at a time, so by Little's law a rate R with
// latency L needs R × L VUs in flight. k6 creates `preAllocatedVUs` before the test and adds VUs
// up to `maxVUs` during it (allocating mid-run costs time on the very path being measured):
//   preAllocatedVUs = ceil(R × (delay + LATENCY_ALLOWANCE_MS) / 1000 × HEADROOM),
//                     at least the suite's `connections`, at most the ceiling;
//   maxVUs          = ceil(R × timeout / 1000): enough that even if every request ran to its
//                     timeout no arrival would be dropped, at least preAllocatedVUs, at most the
//                     ceiling.
// The ceiling (VUS_PER_RUNNER × runners) bounds the generator's memory. When it binds and the
// server stalls, k6 drops arrivals (`dropped_iterations`) instead of timing them: the parsers
// must then mark the cell driver-saturated, which is the honest outcome.
export const LATENCY_ALLOWANCE_MS = 10;
export const HEADROOM = 2;
export const VUS_PER_RUNNER = 1000;

export interface VuSizing {
  preAllocatedVUs: number;
  maxVUs: number;
}

export function sizeVUs(rate: number, delayMs: number, timeoutMs: number, connections: number, runners = 1): VuSizing {
  const ceiling = VUS_PER_RUNNER * runners;
  const clamp = (value: number, floor: number): number => Math.min(ceiling, Math.max(floor, Math.ceil(value)));
  const preAllocatedVUs = clamp(((rate * (delayMs + LATENCY_ALLOWANCE_MS)) / 1000) * HEADROOM, Math.max(1, connections));
  const maxVUs = clamp((rate * timeoutMs) / 1000, preAllocatedVUs);
  return { preAllocatedVUs, maxVUs };
}

export interface K6EnvInput {
  cell: LoadCell;
  /** The workload's URL as the load generator reaches it, without a query string. */
  targetUrl: string;
  workload: Workload;
  /** k6 runners sharing the load (k6-operator parallelism); 1 for a Job or a local binary. */
  runners?: number;
  /** Where handleSummary writes the summary JSON (local runs). */
  summaryPath?: string;
  /** Also print the summary JSON on stdout after K6_SUMMARY_PREFIX (in-cluster runs). */
  summaryToStdout?: boolean;
}

/** The script for a cell's model; throws on what k6's executors cannot do. */
export function k6Model(cell: LoadCell): K6Model {
  if (cell.model === 'open' && cell.arrival === 'poisson') {
    // constant-arrival-rate spaces arrivals evenly; k6 has no Poisson arrival executor.
    throw new Error(`cell ${cell.id}: the k6 driver cannot send Poisson arrivals; use arrival: constant or driver: builtin`);
  }
  return cell.model;
}

function checkedUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new Error(`k6 target URL "${raw}" is not a URL`, { cause });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '' || /\s/.test(raw)) {
    throw new Error(`k6 target URL "${raw}" must be http(s), without query, fragment or spaces`);
  }
  return raw;
}

const integer = (value: number): string => String(Math.round(value));

/** The `--env` map for one cell; keys are exactly those the cell's script reads. */
export function k6Env(input: K6EnvInput): K6Env {
  const { cell, workload } = input;
  const model = k6Model(cell);
  const env: K6Env = {
    MODEL: model,
    TARGET_URL: checkedUrl(input.targetUrl),
    DELAY_MS: integer(workload.delay),
    SIZE: integer(workload.size),
    DURATION_MS: integer(cell.durationMs),
    WARMUP_MS: integer(cell.warmupMs),
    TIMEOUT_MS: integer(cell.timeoutMs),
  };
  if (model === 'open') {
    if (cell.rate === undefined) throw new Error(`cell ${cell.id}: an open-model cell needs a rate`);
    const sizing = sizeVUs(cell.rate, workload.delay, cell.timeoutMs, cell.connections, input.runners);
    env.RATE = integer(cell.rate);
    env.PRE_ALLOCATED_VUS = integer(sizing.preAllocatedVUs);
    env.MAX_VUS = integer(sizing.maxVUs);
  } else {
    env.VUS = integer(cell.connections);
  }
  if (input.summaryPath !== undefined) env.SUMMARY_PATH = input.summaryPath;
  if (input.summaryToStdout === true) env.SUMMARY_STDOUT = 'json';
  return env;
}

/** A raw-sample output: NDJSON (`json`) or CSV; a path ending in `.gz` is gzipped by k6. */
export interface K6SampleOutput {
  format: 'json' | 'csv';
  path: string;
}

const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * Flags for `k6 run` (before the script path). No argument may hold whitespace: k6-operator
 * splits `spec.arguments` on it, and the same argv serves a Job, a TestRun and a local binary.
 */
export function k6Args(env: K6Env, outputs: K6SampleOutput[] = []): string[] {
  const args = ['--no-usage-report', '--quiet'];
  for (const [name, value] of Object.entries(env).sort(([a], [b]) => a.localeCompare(b))) {
    if (!ENV_NAME.test(name)) throw new Error(`k6 --env name "${name}" is not an upper-case identifier`);
    args.push('--env', `${name}=${value}`);
  }
  for (const output of outputs) args.push('--out', `${output.format}=${output.path}`);
  const spaced = args.find((arg) => /\s/.test(arg));
  if (spaced !== undefined) throw new Error(`k6 argument "${spaced}" contains whitespace`);
  return args;
}
