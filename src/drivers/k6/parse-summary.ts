// k6's end-of-test summary, in either of its two JSON shapes, normalised:
// - handleSummary(data) (and k6 ≥ 0.30 JSON summaries): metrics.<name> =
//   {type, contains, values: {...}, thresholds?: {expr: {ok}}}; root_group's
//   groups and checks are arrays; state.testRunDurationMs.
// - legacy --summary-export: values flattened into the metric, a rate's `rate`
//   renamed `value`, thresholds {expr: bool} where TRUE MEANS FAILED; root_group's
//   groups and checks are maps keyed by name; no run duration.
// Each metric is read by its own shape (a `values` object or not; a threshold
// that is a boolean or an {ok} object), so a file mixing shapes still reads right.
// A metric absent from the file stays undefined — never 0.
import { readFile } from 'node:fs/promises';

/** Trend statistics in milliseconds; only those k6 was asked for (summaryTrendStats). */
export interface K6Trend {
  avg?: number;
  min?: number;
  med?: number;
  max?: number;
  p90?: number;
  p95?: number;
  p99?: number;
  p999?: number;
}

export interface K6Threshold {
  metric: string;
  expression: string;
  /** Normalised: true means the threshold held, whatever the file's convention. */
  passed: boolean;
}

export interface K6Summary {
  shape: 'handleSummary' | 'summary-export';
  httpReqs?: { count: number; rate: number };
  httpReqDuration?: K6Trend;
  /** The `http_req_duration{expected_response:true}` submetric (k6 ≥ 0.31). */
  httpReqDurationExpected?: K6Trend;
  /** Share of requests that failed, with k6's counts (passes = failed requests). */
  httpReqFailed?: { rate: number; passes: number; fails: number };
  droppedIterations?: number;
  iterations?: { count: number; rate: number };
  checks?: { passes: number; fails: number };
  thresholds: K6Threshold[];
  testRunDurationMs?: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (o: Obj, key: string): number | undefined => {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};

/** A metric's statistics, whichever shape holds them. */
function valuesOf(metric: unknown): Obj | undefined {
  if (!isObj(metric)) return undefined;
  return isObj(metric.values) ? metric.values : metric;
}

const TREND_KEYS: ReadonlyArray<readonly [keyof K6Trend, string]> = [
  ['avg', 'avg'],
  ['min', 'min'],
  ['med', 'med'],
  ['max', 'max'],
  ['p90', 'p(90)'],
  ['p95', 'p(95)'],
  ['p99', 'p(99)'],
  ['p999', 'p(99.9)'],
];

function trendOf(metric: unknown): K6Trend | undefined {
  const values = valuesOf(metric);
  if (values === undefined) return undefined;
  const trend: K6Trend = {};
  for (const [key, k6Key] of TREND_KEYS) {
    const v = num(values, k6Key);
    if (v !== undefined) trend[key] = v;
  }
  return trend;
}

function counterOf(metric: unknown): { count: number; rate: number } | undefined {
  const values = valuesOf(metric);
  const count = values && num(values, 'count');
  if (values === undefined || count === undefined) return undefined;
  return { count, rate: num(values, 'rate') ?? 0 };
}

function rateOf(metric: unknown): { rate: number; passes: number; fails: number } | undefined {
  const values = valuesOf(metric);
  if (values === undefined) return undefined;
  // handleSummary calls it `rate`; --summary-export renamed it `value`.
  const rate = num(values, 'rate') ?? num(values, 'value');
  if (rate === undefined) return undefined;
  return { rate, passes: num(values, 'passes') ?? 0, fails: num(values, 'fails') ?? 0 };
}

function thresholdsOf(name: string, metric: unknown): K6Threshold[] {
  if (!isObj(metric) || !isObj(metric.thresholds)) return [];
  const out: K6Threshold[] = [];
  for (const [expression, result] of Object.entries(metric.thresholds)) {
    // Legacy: a boolean that is true when the threshold was CROSSED (failed).
    if (typeof result === 'boolean') out.push({ metric: name, expression, passed: !result });
    else if (isObj(result) && typeof result.ok === 'boolean') out.push({ metric: name, expression, passed: result.ok });
  }
  return out;
}

/** Check totals over a root_group tree whose groups and checks are arrays or name-keyed maps. */
function checksOfGroup(group: unknown): { passes: number; fails: number; checks: number } {
  const total = { passes: 0, fails: 0, checks: 0 };
  if (!isObj(group)) return total;
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : isObj(v) ? Object.values(v) : []);
  for (const check of list(group.checks)) {
    if (!isObj(check)) continue;
    total.checks++;
    total.passes += num(check, 'passes') ?? 0;
    total.fails += num(check, 'fails') ?? 0;
  }
  for (const sub of list(group.groups)) {
    const t = checksOfGroup(sub);
    total.passes += t.passes;
    total.fails += t.fails;
    total.checks += t.checks;
  }
  return total;
}

/** Normalise a parsed summary JSON document. Throws when it has no `metrics` object. */
export function parseK6Summary(document: unknown): K6Summary {
  if (!isObj(document) || !isObj(document.metrics)) {
    throw new Error('not a k6 summary: expected a JSON object with a "metrics" object');
  }
  const metrics = document.metrics;
  const modern = isObj(document.state) || Object.values(metrics).some((m) => isObj(m) && isObj(m.values));
  const summary: K6Summary = {
    shape: modern ? 'handleSummary' : 'summary-export',
    thresholds: Object.entries(metrics).flatMap(([name, m]) => thresholdsOf(name, m)),
  };
  const set = <K extends keyof K6Summary>(key: K, value: K6Summary[K] | undefined): void => {
    if (value !== undefined) summary[key] = value;
  };
  set('httpReqs', counterOf(metrics.http_reqs));
  set('httpReqDuration', trendOf(metrics.http_req_duration));
  set('httpReqDurationExpected', trendOf(metrics['http_req_duration{expected_response:true}']));
  set('httpReqFailed', rateOf(metrics.http_req_failed));
  set('droppedIterations', counterOf(metrics.dropped_iterations)?.count);
  set('iterations', counterOf(metrics.iterations));
  const checks = rateOf(metrics.checks);
  // The `checks` rate is absent from some exports; the group tree then holds the same counts.
  const tree = checksOfGroup(document.root_group);
  const treeChecks = tree.checks > 0 ? { passes: tree.passes, fails: tree.fails } : undefined;
  set('checks', checks ? { passes: checks.passes, fails: checks.fails } : treeChecks);
  if (isObj(document.state)) set('testRunDurationMs', num(document.state, 'testRunDurationMs'));
  return summary;
}

/** Read and normalise a summary JSON file (handleSummary output or --summary-export). */
export async function readK6Summary(path: string): Promise<K6Summary> {
  const text = await readFile(path, 'utf8');
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (cause) {
    throw new Error(`k6 summary ${path} is not valid JSON`, { cause });
  }
  return parseK6Summary(document);
}
