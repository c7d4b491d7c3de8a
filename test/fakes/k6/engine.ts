// The part of k6's metrics engine a summary comes from, modelled on grafana/k6 v2.2.0:
// - sinks (metrics/sink.go): a Trend keeps EVERY value and P(pct) interpolates linearly between
//   sorted values at rank pct × (count − 1); a Counter counts and reports rate = count / test run
//   duration; a Rate counts trues of total;
// - sub-metrics from threshold keys (metrics/metric.go AddSubmetric): `name{k:v,k2:v2}`, split on
//   "," then ":", trimmed, matched by tag subset (internal/metrics/engine/ingester.go); every
//   threshold metric counts as observed even without samples (engine.go InitSubMetricsAndThresholds);
// - summaryTrendStats resolvers (metrics/sample.go): avg, min, med, max, count, p(0..100);
// - handleSummary's `data` (internal/js/summary.go summarizeMetricsToObject): root_group, options,
//   state.testRunDurationMs, metrics.<name> = {type, contains, values, thresholds: {expr: {ok}}}.

export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend';
export type Tags = Record<string, string>;

class TrendSink {
  values: number[] = [];
  sorted = false;
  min = 0;
  max = 0;
  sum = 0;
  add(value: number): void {
    if (this.values.length === 0 || value < this.min) this.min = value;
    if (this.values.length === 0 || value > this.max) this.max = value;
    this.values.push(value);
    this.sum += value;
    this.sorted = false;
  }
  p(pct: number): number {
    const count = this.values.length;
    if (count === 0) return 0;
    if (count === 1) return this.values[0]!;
    if (!this.sorted) {
      this.values.sort((a, b) => a - b);
      this.sorted = true;
    }
    const i = pct * (count - 1);
    const j = this.values[Math.floor(i)]!;
    const k = this.values[Math.ceil(i)]!;
    return j + (k - j) * (i - Math.floor(i));
  }
}

type Sink = { kind: 'counter'; count: number; samples: number } | { kind: 'rate'; trues: number; total: number } | { kind: 'gauge'; value: number; min: number; max: number; samples: number } | { kind: 'trend'; trend: TrendSink };

function newSink(type: MetricType): Sink {
  switch (type) {
    case 'counter':
      return { kind: 'counter', count: 0, samples: 0 };
    case 'rate':
      return { kind: 'rate', trues: 0, total: 0 };
    case 'gauge':
      return { kind: 'gauge', value: 0, min: 0, max: 0, samples: 0 };
    case 'trend':
      return { kind: 'trend', trend: new TrendSink() };
  }
}

function addTo(sink: Sink, value: number): void {
  switch (sink.kind) {
    case 'counter':
      sink.count += value;
      sink.samples++;
      break;
    case 'rate':
      sink.total++;
      if (value !== 0) sink.trues++;
      break;
    case 'gauge':
      if (sink.samples === 0 || value < sink.min) sink.min = value;
      if (sink.samples === 0 || value > sink.max) sink.max = value;
      sink.value = value;
      sink.samples++;
      break;
    case 'trend':
      sink.trend.add(value);
  }
}

const isEmpty = (sink: Sink): boolean =>
  sink.kind === 'trend' ? sink.trend.values.length === 0 : sink.kind === 'rate' ? sink.total === 0 : sink.samples === 0;

interface Submetric {
  name: string;
  tags: Tags;
  sink: Sink;
  thresholds: string[];
}

interface Metric {
  name: string;
  type: MetricType;
  contains: 'default' | 'time' | 'data';
  sink: Sink;
  submetrics: Submetric[];
  thresholds: string[];
  observed: boolean;
}

/** The registry and sinks of one k6 process. */
export class MetricsEngine {
  readonly #metrics = new Map<string, Metric>();

  constructor() {
    // k6's builtin metrics (metrics/builtin.go).
    for (const name of ['http_reqs', 'iterations', 'dropped_iterations', 'data_sent', 'data_received']) this.register(name, 'counter', name.startsWith('data_') ? 'data' : 'default');
    for (const name of ['http_req_duration', 'http_req_blocked', 'http_req_connecting', 'http_req_tls_handshaking', 'http_req_sending', 'http_req_waiting', 'http_req_receiving', 'iteration_duration']) this.register(name, 'trend', 'time');
    this.register('http_req_failed', 'rate', 'default');
    this.register('checks', 'rate', 'default');
    this.register('vus', 'gauge', 'default');
    this.register('vus_max', 'gauge', 'default');
  }

  register(name: string, type: MetricType, contains: Metric['contains'] = 'default'): void {
    // metrics/registry.go: a name can be registered again only with the same type.
    const existing = this.#metrics.get(name);
    if (existing && existing.type !== type) throw new Error(`metric '${name}' already exists but with type ${existing.type}, instead of ${type}`);
    if (!/^[a-zA-Z_][a-zA-Z0-9_]{1,128}$/.test(name)) throw new Error(`Metric names must only include up to 128 ASCII letters, numbers, or underscores and start with a letter or an underscore. '${name}' is invalid`);
    if (!existing) this.#metrics.set(name, { name, type, contains, sink: newSink(type), submetrics: [], thresholds: [], observed: false });
  }

  /** options.thresholds → sub-metrics, as k6 does after the init context ran. */
  applyThresholds(thresholds: Record<string, string[]>): void {
    for (const [key, expressions] of Object.entries(thresholds)) {
      const brace = key.indexOf('{');
      const parentName = brace < 0 ? key : key.slice(0, brace);
      const parent = this.#metrics.get(parentName);
      if (!parent) throw new Error(`invalid threshold defined on ${key}; reason: no metric name "${parentName}" found`);
      parent.observed = true;
      if (brace < 0) {
        parent.thresholds.push(...expressions);
        continue;
      }
      if (!key.endsWith('}')) throw new Error(`malformed metric name: ${key}`);
      const inner = key.slice(brace + 1, -1).trim();
      const tags: Tags = {};
      for (const kv of inner.split(',')) {
        const colon = kv.indexOf(':');
        const k = (colon < 0 ? kv : kv.slice(0, colon)).trim().replace(/^["']|["']$/g, '');
        const v = (colon < 0 ? '' : kv.slice(colon + 1)).trim().replace(/^["']|["']$/g, '');
        tags[k] = v;
      }
      const same = parent.submetrics.find((sm) => sameTags(sm.tags, tags));
      if (same) same.thresholds = expressions;
      else parent.submetrics.push({ name: `${parentName}{${inner}}`, tags, sink: newSink(parent.type), thresholds: expressions });
    }
  }

  push(name: string, value: number, tags: Tags): void {
    const metric = this.#metrics.get(name);
    if (!metric) throw new Error(`fake k6: no metric ${name}`);
    metric.observed = true;
    addTo(metric.sink, value);
    for (const sm of metric.submetrics) if (containsTags(tags, sm.tags)) addTo(sm.sink, value);
  }

  /** handleSummary's `data.metrics`: every observed metric and every threshold sub-metric. */
  summaryMetrics(trendStats: readonly string[], testRunDurationMs: number): Record<string, unknown> {
    const resolvers = trendResolvers(trendStats);
    const out: Record<string, unknown> = {};
    const entry = (metric: Metric, sink: Sink, thresholds: string[]) => ({
      type: metric.type,
      contains: metric.contains,
      values: valuesOf(sink, resolvers, testRunDurationMs),
      ...(thresholds.length > 0 ? { thresholds: Object.fromEntries(thresholds.map((t) => [t, { ok: true }])) } : {}),
    });
    for (const metric of this.#metrics.values()) {
      if (metric.observed && (!isEmpty(metric.sink) || metric.thresholds.length > 0 || metric.submetrics.length > 0)) out[metric.name] = entry(metric, metric.sink, metric.thresholds);
      for (const sm of metric.submetrics) out[sm.name] = entry(metric, sm.sink, sm.thresholds);
    }
    return out;
  }
}

function sameTags(a: Tags, b: Tags): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

function containsTags(tags: Tags, wanted: Tags): boolean {
  for (const [k, v] of Object.entries(wanted)) if (tags[k] !== v) return false;
  return true;
}

type Resolver = (trend: TrendSink) => number;

/** metrics/sample.go GetResolversForTrendColumns: the same names and the same refusals. */
export function trendResolvers(stats: readonly string[]): Map<string, Resolver> {
  const resolvers = new Map<string, Resolver>();
  for (const stat of stats) {
    const fixed: Record<string, Resolver> = {
      avg: (t) => (t.values.length === 0 ? 0 : t.sum / t.values.length),
      min: (t) => t.min,
      med: (t) => t.p(0.5),
      max: (t) => t.max,
      count: (t) => t.values.length,
    };
    if (fixed[stat]) {
      resolvers.set(stat, fixed[stat]!);
      continue;
    }
    if (!stat.startsWith('p(') || !stat.endsWith(')')) throw new Error(`invalid trend stat '${stat}', unknown format`);
    const percentile = Number(stat.slice(2, -1));
    if (stat.slice(2, -1).trim() !== stat.slice(2, -1) || !Number.isFinite(percentile) || percentile < 0 || percentile > 100) {
      throw new Error(`invalid percentile trend stat value '${stat}', provide a number between 0 and 100`);
    }
    resolvers.set(stat, (t) => t.p(percentile / 100));
  }
  return resolvers;
}

function valuesOf(sink: Sink, resolvers: Map<string, Resolver>, testRunDurationMs: number): Record<string, number> {
  switch (sink.kind) {
    case 'counter':
      return { count: sink.count, rate: testRunDurationMs > 0 ? sink.count / (testRunDurationMs / 1000) : 0 };
    case 'rate':
      return { rate: sink.total > 0 ? sink.trues / sink.total : 0, passes: sink.trues, fails: sink.total - sink.trues };
    case 'gauge':
      return { value: sink.value, min: sink.min, max: sink.max };
    case 'trend':
      return Object.fromEntries([...resolvers].map(([stat, resolve]) => [stat, resolve(sink.trend)]));
  }
}
