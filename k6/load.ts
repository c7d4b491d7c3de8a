// meshbench's k6 load, both models in one script: `--env MODEL=open` starts requests at a fixed
// arrival rate (constant-arrival-rate), `MODEL=closed` runs a fixed number of clients
// (constant-vus). First a `warmup` scenario, then a `measure` scenario that starts when warm-up
// ends; k6 tags every sample with its scenario, so the parsers keep only `scenario=measure`.
// Every parameter arrives through `--env` (src/drivers/k6/params.ts writes them); nothing from a
// suite is pasted into this file, which is one self-contained file in its ConfigMap.
import http from 'k6/http';
import { check } from 'k6';
import type { Options, Scenario } from 'k6/options';

function intEnv(name: string, min: number): number {
  const raw = __ENV[name];
  const value = Number(raw);
  if (raw === undefined || !/^\d+$/.test(raw) || value < min) {
    throw new Error(`--env ${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function targetUrl(): string {
  const raw = __ENV.TARGET_URL;
  if (raw === undefined || !/^https?:\/\/[^\s?#]+$/.test(raw)) {
    throw new Error(`--env TARGET_URL must be an http(s) URL without query, got ${JSON.stringify(raw)}`);
  }
  // The echo workload's fortio-style parameters, from validated integers only.
  return `${raw}?delay=${intEnv('DELAY_MS', 0)}ms&size=${intEnv('SIZE', 0)}`;
}

const ms = (value: number): string => `${value}ms`;

const SUMMARY_BEGIN = '----- meshbench k6 summary json begin -----';
const SUMMARY_END = '----- meshbench k6 summary json end -----';

interface TrendValues {
  [stat: string]: number;
}
interface SummaryData {
  metrics: { [name: string]: { type: string; values: TrendValues } | undefined };
}

function stat(data: SummaryData, metric: string, key: string): string {
  const value = data.metrics[metric]?.values[key];
  return value === undefined ? '-' : String(Math.round(value * 1000) / 1000);
}

// Replaces k6's end-of-test summary: a short text for logs, the full JSON to SUMMARY_PATH when
// set (local runs), and the JSON framed by marker lines on stdout when SUMMARY_STDOUT=json (pods,
// whose files vanish with them: the runner reads it back from the pod log).
export function handleSummary(data: SummaryData): { [output: string]: string } {
  const duration = 'http_req_duration{scenario:measure}';
  let text =
    `meshbench measure window: requests=${stat(data, 'http_reqs{scenario:measure}', 'count')}` +
    ` p50=${stat(data, duration, 'p(50)')}ms p99=${stat(data, duration, 'p(99)')}ms` +
    ` max=${stat(data, duration, 'max')}ms dropped_iterations=${stat(data, 'dropped_iterations{scenario:measure}', 'count')}\n`;
  const json = JSON.stringify(data);
  if (__ENV.SUMMARY_STDOUT === 'json') text += `${SUMMARY_BEGIN}\n${json}\n${SUMMARY_END}\n`;
  const outputs: { [output: string]: string } = { stdout: text };
  const path = __ENV.SUMMARY_PATH;
  if (path !== undefined && path !== '') outputs[path] = json;
  return outputs;
}

const commonOptions: Options = {
  discardResponseBodies: true,
  // Only the tags the harness reads (src/drivers/k6/samples.ts, the thresholds below, checks):
  // every request writes about a dozen points to --out, and in-cluster runs carry them in the pod
  // log, whose size the kubelet caps. Dropping url, name, method, proto... halves each line.
  systemTags: ['scenario', 'status', 'expected_response', 'error_code', 'check'],
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(50)', 'p(90)', 'p(99)', 'p(99.9)'],
  // Sub-metrics restricted to the measured scenario, so the summary excludes warm-up too. A
  // threshold that always passes is k6's way to ask for a sub-metric in the summary.
  thresholds: {
    'http_req_duration{scenario:measure}': ['max>=0'],
    'http_reqs{scenario:measure}': ['count>=0'],
    'checks{scenario:measure}': ['rate>=0'],
    'dropped_iterations{scenario:measure}': ['count>=0'],
  },
};

const URL = targetUrl();
const TIMEOUT_MS = intEnv('TIMEOUT_MS', 1);
const WARMUP_MS = intEnv('WARMUP_MS', 0);

// Open model: requests start at a fixed arrival rate whatever the server does.
function arrivals(durationMs: number, startMs: number, gracefulStop: string): Scenario {
  return {
    executor: 'constant-arrival-rate',
    rate: intEnv('RATE', 1),
    timeUnit: '1s',
    duration: ms(durationMs),
    startTime: ms(startMs),
    preAllocatedVUs: intEnv('PRE_ALLOCATED_VUS', 1),
    maxVUs: intEnv('MAX_VUS', 1),
    gracefulStop,
  };
}

// Closed model: a fixed number of VUs (each one connection) send back to back, so a stalled
// server slows the senders instead of growing a queue ("latency at N concurrent clients").
function clients(durationMs: number, startMs: number, gracefulStop: string): Scenario {
  return {
    executor: 'constant-vus',
    vus: intEnv('VUS', 1),
    duration: ms(durationMs),
    startTime: ms(startMs),
    gracefulStop,
  };
}

function scenarioOf(): (durationMs: number, startMs: number, gracefulStop: string) => Scenario {
  const model = __ENV.MODEL;
  if (model === 'open') return arrivals;
  if (model === 'closed') return clients;
  throw new Error(`--env MODEL must be open or closed, got ${JSON.stringify(model)}`);
}

// Warm-up stops at once so it never overlaps the measured window (what it interrupts is warm-up
// data, cut anyway); the measured window lets its last requests run to their timeout.
const scenario = scenarioOf();
const scenarios: { [name: string]: Scenario } = {};
if (WARMUP_MS > 0) scenarios.warmup = scenario(WARMUP_MS, 0, '0s');
scenarios.measure = scenario(intEnv('DURATION_MS', 1), WARMUP_MS, ms(TIMEOUT_MS));

export const options: Options = { ...commonOptions, scenarios };

export default function (): void {
  const response = http.get(URL, { timeout: ms(TIMEOUT_MS) });
  check(response, { 'status is 200': (r) => r.status === 200 });
}
