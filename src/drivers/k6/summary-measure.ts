// One k6 runner's measured window, read from the summary k6/load.ts writes (handleSummary data
// cut to the sub-metrics of `scenario:measure`). Pure. The metric names are the script's
// threshold keys; a test keeps the two in step.
import type { ErrorCounts } from '../../results/types.ts';

export const LATENCY_METRIC = 'http_req_duration{scenario:measure,expected_response:true}';
export const REQUESTS_METRIC = 'http_reqs{scenario:measure}';
export const DROPPED_METRIC = 'dropped_iterations{scenario:measure}';
export const CHECKS_METRIC = 'checks{scenario:measure}';
export const FAILURES_METRIC = 'meshbench_failures{scenario:measure}';
const FAILURE_CLASS = /^meshbench_failures\{scenario:measure,class:(.+)\}$/;

/** Latency of the successful requests as k6 summarised it: exact count, min, max and quantiles. */
export interface SummarisedLatency {
  count: number;
  /** Milliseconds. */
  min: number;
  max: number;
  /** [fraction in (0, 1), milliseconds], ascending by fraction. */
  quantiles: [number, number][];
}

export interface RunnerMeasure {
  latency: SummarisedLatency;
  /** Requests sent in the measured window (http_reqs), answered or not. */
  attempts: number;
  failures: ErrorCounts;
  droppedIterations: number;
  /** Requests k6 counted that the script never classified (cut off at the end), inside failures.other. */
  unclassified: number;
  checks?: { passes: number; fails: number };
  /** k6's own test run duration (warm-up, window and graceful stop). */
  testRunDurationMs?: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads one runner's summary document; `source` names where it came from in every error. */
export function runnerMeasure(document: unknown, source: string): RunnerMeasure {
  if (!isObj(document) || !isObj(document.metrics)) throw new Error(`${source}: not a k6 summary (no "metrics" object)`);
  const metrics = document.metrics;
  const values = (name: string): Obj => {
    const metric = metrics[name];
    if (!isObj(metric) || !isObj(metric.values)) {
      throw new Error(`${source}: the k6 summary has no "${name}"; was it written by meshbench's k6/load.ts?`);
    }
    return metric.values;
  };
  const number = (name: string, key: string): number => {
    const value = values(name)[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`${source}: "${name}" has no usable "${key}" (got ${JSON.stringify(value)})`);
    return value;
  };

  const trend = values(LATENCY_METRIC);
  const count = number(LATENCY_METRIC, 'count');
  const quantiles: [number, number][] = [];
  for (const [key, value] of Object.entries(trend)) {
    const match = /^p\((\d+(?:\.\d+)?)\)$/.exec(key);
    if (!match || typeof value !== 'number') continue;
    const fraction = Number(match[1]) / 100;
    if (fraction > 0 && fraction < 1) quantiles.push([fraction, value]);
  }
  quantiles.sort((a, b) => a[0] - b[0]);
  if (count > 0 && quantiles.length < 100) {
    throw new Error(`${source}: "${LATENCY_METRIC}" holds ${quantiles.length} quantiles; the histogram needs the dense summaryTrendStats of k6/load.ts`);
  }

  const failures: ErrorCounts = { total: number(FAILURES_METRIC, 'count'), timeout: 0, connect: 0, http: {}, other: 0 };
  let classified = 0;
  for (const name of Object.keys(metrics)) {
    const failureClass = FAILURE_CLASS.exec(name)?.[1];
    if (failureClass === undefined) continue;
    const n = number(name, 'count');
    classified += n;
    if (failureClass === 'timeout' || failureClass === 'connect' || failureClass === 'other') failures[failureClass] += n;
    else if (failureClass.startsWith('http_')) failures.http[failureClass.slice(5)] = (failures.http[failureClass.slice(5)] ?? 0) + n;
    else failures.other += n;
  }
  if (classified !== failures.total) throw new Error(`${source}: ${failures.total} failed requests but ${classified} in the failure classes`);

  const attempts = number(REQUESTS_METRIC, 'count');
  // Every request either succeeded (the latency trend) or failed (a class). A request cut off when
  // the scenario's graceful stop ends its iteration is counted by k6 but never reaches the script's
  // classification: it is a failure of class `other`, and said so. More successes and failures than
  // requests means the summary and the script disagree.
  const unclassified = attempts - count - failures.total;
  if (unclassified < 0) throw new Error(`${source}: ${attempts} requests sent, but ${count} succeeded and ${failures.total} failed`);
  failures.total += unclassified;
  failures.other += unclassified;
  const measure: RunnerMeasure = {
    latency: { count, min: count > 0 ? number(LATENCY_METRIC, 'min') : 0, max: count > 0 ? number(LATENCY_METRIC, 'max') : 0, quantiles },
    attempts,
    failures,
    droppedIterations: number(DROPPED_METRIC, 'count'),
    unclassified,
  };
  const checks = isObj(metrics[CHECKS_METRIC]) ? values(CHECKS_METRIC) : undefined;
  if (checks && typeof checks.passes === 'number' && typeof checks.fails === 'number') measure.checks = { passes: checks.passes, fails: checks.fails };
  const duration = isObj(document.state) ? document.state.testRunDurationMs : undefined;
  if (typeof duration === 'number' && Number.isFinite(duration)) measure.testRunDurationMs = duration;
  return measure;
}
