// meshbench's k6 load, both models in one script: `--env MODEL=open` starts requests at a fixed
// arrival rate (constant-arrival-rate), `MODEL=closed` runs a fixed number of clients
// (constant-vus). First a `warmup` scenario, then a `measure` scenario that starts when warm-up
// ends; k6 tags every sample with its scenario, so everything the harness reads is restricted to
// `scenario:measure`.
//
// The result travels as k6's own end-of-test summary, not as raw samples: in a pod, stdout is the
// pod log, which the kubelet rotates at containerLogMaxSize (10 Mi by default) and serves only the
// newest file of — raw samples (~2.3 KB per request) would not survive a 1000 rps cell. The summary
// holds, per runner, the successful requests' latency at a dense grid of quantiles plus its count
// (k6's Trend sink keeps every value and interpolates between them: grafana/k6 metrics/sink.go), so
// the harness can rebuild one histogram from several runners by count, never by averaging
// percentiles (src/drivers/k6/summary-quantiles.ts).
//
// Every parameter arrives through `--env` (src/drivers/k6/params.ts writes them); nothing from a
// suite is pasted into this file, which is one self-contained file in its ConfigMap.
import http from 'k6/http';
import { check } from 'k6';
import { Counter } from 'k6/metrics';
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

// ---------------------------------------------------------------- what the summary carries

const MEASURE = 'scenario:measure';
/** Successful (2xx) responses of the measured window: the latency the harness reports. */
const LATENCY_METRIC = `http_req_duration{${MEASURE},expected_response:true}`;
/** Every request sent in the measured window, answered or not. */
const REQUESTS_METRIC = `http_reqs{${MEASURE}}`;
const DROPPED_METRIC = `dropped_iterations{${MEASURE}}`;
const CHECKS_METRIC = `checks{${MEASURE}}`;
/** Failed requests of the measured window, all classes, and one sub-metric per class. */
const FAILURES_METRIC = `meshbench_failures{${MEASURE}}`;
const failureMetric = (failureClass: string): string => `meshbench_failures{${MEASURE},class:${failureClass}}`;

// The classes of the builtin driver's ErrorCounts: timeout, connect, other, and one per HTTP
// status that is not 2xx (k6 sub-metrics need their tag values up front, so every status a server
// can send is listed; only those that occurred are written to the summary).
const HTTP_STATUSES = Array.from({ length: 500 }, (_, i) => i + 100).filter((status) => status < 200 || status > 299);
const FAILURE_CLASSES = ['timeout', 'connect', 'other', ...HTTP_STATUSES.map((status) => `http_${status}`)];

// Quantiles (percent) of the latency summary: 0.5 % steps, 0.1 % from p90, 0.01 % from p98.5 and
// 0.001 % from p99.9, with 0.02 % windows around p50 and p90, then p99.995 and p99.999 (589 in
// all). Dense where the reported percentiles are and in the tail, so that a runner's order
// statistics there can be solved exactly from the summary (src/drivers/k6/summary-quantiles.ts).
// Built from integers (thousandths of a percent) so every key prints exactly, e.g. "p(99.991)";
// k6 keys each value by the string given (grafana/k6 internal/js/summary.go) and accepts any
// p(0..100) (metrics/sample.go).
function quantileGrid(): number[] {
  const milli = new Set<number>([99_995, 99_999]);
  const ranges: [from: number, to: number, step: number][] = [
    [500, 89_500, 500],
    [49_500, 50_500, 20],
    [89_500, 90_500, 20],
    [90_000, 98_400, 100],
    [98_500, 99_890, 10],
    [99_900, 99_990, 1],
  ];
  for (const [from, to, step] of ranges) for (let m = from; m <= to; m += step) milli.add(m);
  return [...milli].sort((a, b) => a - b).map((m) => m / 1000);
}

// Only 2xx is a success, as for the builtin driver (k6's default also accepts 3xx); this sets the
// `expected_response` tag the latency sub-metric selects on (grafana/k6 js/modules/k6/http/http.go).
http.setResponseCallback(http.expectedStatuses({ min: 200, max: 299 }));

const failures = new Counter('meshbench_failures');

// The builtin driver's classes for a failed request (src/drivers/builtin/error-class.ts): any
// response that is not 2xx is an HTTP error; without a response, k6's error_code 1050 is a request
// timeout, other 1000–1099 codes are general errors, the rest (dial, reset, refused, DNS, TLS) are
// connection errors (grafana/k6 lib/netext/httpext/error_codes.go).
function failureClass(status: number, errorCode: number): string | undefined {
  if (status >= 200 && status <= 299) return undefined;
  if (status > 0) return status >= 100 && status <= 599 ? `http_${status}` : 'other';
  if (errorCode === 1050) return 'timeout';
  if (errorCode >= 1000 && errorCode < 1100) return 'other';
  return 'connect';
}

interface MetricSummary {
  type: string;
  contains?: string;
  values: { [stat: string]: number };
  thresholds?: unknown;
}
interface SummaryData {
  state?: unknown;
  metrics: { [name: string]: MetricSummary | undefined };
}

/** The line that carries the summary JSON on stdout: one line, so a log rotation cannot split it. */
const SUMMARY_PREFIX = 'meshbench k6 summary: ';

function stat(data: SummaryData, metric: string, key: string): string {
  const value = data.metrics[metric]?.values[key];
  return value === undefined ? '-' : String(Math.round(value * 1000) / 1000);
}

// What the harness reads, and nothing else: the test run's state, the latency trend (values
// rounded to the nanosecond: the harness solves for order statistics from them, which divides
// rounding errors by up to 5), the counters, and the failure classes that occurred. About 10 KB,
// on one line.
function measuredPart(data: SummaryData): SummaryData {
  const metrics: SummaryData['metrics'] = {};
  for (const name of [LATENCY_METRIC, REQUESTS_METRIC, DROPPED_METRIC, CHECKS_METRIC, FAILURES_METRIC, ...FAILURE_CLASSES.map(failureMetric)]) {
    const metric = data.metrics[name];
    if (metric === undefined) continue;
    if (name.startsWith('meshbench_failures{') && name !== FAILURES_METRIC && !(metric.values.count! > 0)) continue;
    const values: { [stat: string]: number } = {};
    for (const [key, value] of Object.entries(metric.values)) values[key] = metric.type === 'trend' ? Math.round(value * 1e6) / 1e6 : value;
    metrics[name] = { type: metric.type, contains: metric.contains, values };
  }
  return { state: data.state, metrics };
}

// Replaces k6's end-of-test summary: a short text for logs, the measured part as JSON to
// SUMMARY_PATH when set (local runs), and on stdout after SUMMARY_PREFIX when SUMMARY_STDOUT=json
// (pods, whose files vanish with them: the runner reads it back from the pod log).
export function handleSummary(data: SummaryData): { [output: string]: string } {
  let text =
    `meshbench measure window: requests=${stat(data, REQUESTS_METRIC, 'count')}` +
    ` p50=${stat(data, LATENCY_METRIC, 'p(50)')}ms p99=${stat(data, LATENCY_METRIC, 'p(99)')}ms` +
    ` max=${stat(data, LATENCY_METRIC, 'max')}ms failed=${stat(data, FAILURES_METRIC, 'count')}` +
    ` dropped_iterations=${stat(data, DROPPED_METRIC, 'count')}\n`;
  const json = JSON.stringify(measuredPart(data));
  if (__ENV.SUMMARY_STDOUT === 'json') text += `${SUMMARY_PREFIX}${json}\n`;
  const outputs: { [output: string]: string } = { stdout: text };
  const path = __ENV.SUMMARY_PATH;
  if (path !== undefined && path !== '') outputs[path] = json;
  return outputs;
}

// A threshold that always passes is k6's way to ask for a sub-metric in the summary; each tag set
// is spelt once (k6 merges differently ordered spellings into one sub-metric under either name).
const thresholds: { [metric: string]: string[] } = {
  [LATENCY_METRIC]: ['max>=0'],
  [REQUESTS_METRIC]: ['count>=0'],
  [CHECKS_METRIC]: ['rate>=0'],
  [DROPPED_METRIC]: ['count>=0'],
  [FAILURES_METRIC]: ['count>=0'],
};
for (const failureClassName of FAILURE_CLASSES) thresholds[failureMetric(failureClassName)] = ['count>=0'];

const commonOptions: Options = {
  discardResponseBodies: true,
  // Only the tags the sub-metrics and checks select on: fewer tags, less work per sample.
  systemTags: ['scenario', 'status', 'expected_response', 'error_code', 'check'],
  summaryTrendStats: ['avg', 'min', 'max', 'count', ...quantileGrid().map((p) => `p(${p})`)],
  thresholds,
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
  const failed = failureClass(response.status, response.error_code);
  if (failed !== undefined) failures.add(1, { class: failed });
}
