// A fake `k6 run` of the REAL script k6/load.ts: its init context runs (options, thresholds,
// custom metrics), its default function runs once per iteration against a modelled server, its
// handleSummary gets the `data` k6 would build, and everything k6 would print goes to `onOutput`
// on a virtual clock (so a pod log can rotate like the kubelet's). Modelled on grafana/k6 v2.2.0:
// - constant-arrival-rate (lib/executor/constant_arrival_rate.go): iteration i starts at
//   startTime + i / rate; with no free VU the iteration is dropped (dropped_iterations, tagged with
//   the scenario) and, below maxVUs, one more VU is started in the background;
// - constant-vus (lib/executor/constant_vus.go): each VU loops back to back until the duration;
// - both: durations under 1 s are refused (minDuration), exit code 104 (errext/exitcodes);
//   iterations still running gracefulStop after the end are cut and push no samples
//   (metrics.PushIfNotDone);
// - execution segments (k6-operator passes --execution-segment / --execution-segment-sequence;
//   lib/execution_segment.go): N equal segments stripe the iterations, every N-th to each runner,
//   and split preAllocatedVUs / maxVUs / vus between them;
// - tags: options.systemTags filter the system tags, `--tag k=v` run tags go on every sample;
// - a failed request without response logs `level=warning msg="Request Failed"` to stderr
//   (lib/netext/httpext/request.go); --quiet does not silence it;
// - `--out json=-` writes a Metric line the first time a metric is seen and a Point line per
//   sample to stdout (internal/output/json/wrapper.go).
import { setTimeout as tick } from 'node:timers/promises';
import { vi } from 'vitest';
import { k6ScriptPath } from '../../../src/drivers/k6/scripts.ts';
import { MetricsEngine, trendResolvers, type Tags } from './engine.ts';
import { setRuntime, withRuntime, type ExpectedStatuses, type HttpResponse, type K6Runtime } from './runtime.ts';

/** What the modelled server answers for a request sent at `atMs` (ms since the test started). */
export interface ServerAnswer {
  /** 0 when there was no response (a timeout or a connection error). */
  status: number;
  durationMs: number;
  /** k6's error code when status is 0 (1050 request timeout, 1211 dial timeout, 1212 refused, …). */
  errorCode?: number;
  error?: string;
}
export type ServerModel = (request: { scenario: string; atMs: number }) => ServerAnswer;

export interface FakeK6Options {
  /** argv after `k6`: `run`, flags, the script path, flags after it (as the operator appends them). */
  argv: string[];
  server: ServerModel;
  /** Epoch ms at which the test starts. */
  startEpochMs: number;
  onOutput(stream: 'stdout' | 'stderr', text: string, atEpochMs: number): void;
  /** Files handleSummary writes (its outputs other than stdout/stderr). */
  onFile?(path: string, content: string): void;
}

export interface FakeK6Result {
  exitCode: number;
  /** Exact latency (ms) of every successful request of the measure scenario: the truth to compare with. */
  measuredSuccessMs: number[];
  /** Requests of the measure scenario that pushed samples. */
  measuredRequests: number;
  testRunDurationMs: number;
}

interface Args {
  env: Record<string, string>;
  outJsonStdout: boolean;
  runTags: Tags;
  summaryTrendStats: string[] | undefined;
  segment: { index: number; count: number };
  script: string;
}

function parseArgs(argv: string[]): Args {
  if (argv[0] !== 'run') throw new Error(`fake k6: only \`k6 run\` is modelled, got ${argv[0]}`);
  const args: Args = { env: {}, outJsonStdout: false, runTags: {}, summaryTrendStats: undefined, segment: { index: 0, count: 1 }, script: '' };
  let segment: [number, number] | undefined;
  let sequence: number[] | undefined;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') && arg.startsWith('--') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => inline ?? argv[++i]!;
    if (flag === '--env' || flag === '-e') {
      const pair = value();
      args.env[pair.slice(0, pair.indexOf('='))] = pair.slice(pair.indexOf('=') + 1);
    } else if (flag === '--out' || flag === '-o') {
      if (value() === 'json=-') args.outJsonStdout = true;
    } else if (flag === '--tag') {
      const pair = value();
      args.runTags[pair.slice(0, pair.indexOf('='))] = pair.slice(pair.indexOf('=') + 1);
    } else if (flag === '--summary-trend-stats') {
      args.summaryTrendStats = value().split(',');
    } else if (flag === '--execution-segment') {
      const [from, to] = value().split(':').map(fraction);
      segment = [from!, to!];
    } else if (flag === '--execution-segment-sequence') {
      sequence = value().split(',').map(fraction);
    } else if (flag === '--address') {
      value();
    } else if (flag === '--quiet' || flag === '-q' || flag === '--no-usage-report' || flag === '--paused' || flag === '-p') {
      // no effect on what is measured (--paused: the starter resumes the runner; not modelled)
    } else if (!flag.startsWith('-')) {
      args.script = flag;
    } else {
      throw new Error(`fake k6: unknown flag ${flag}`);
    }
  }
  if (segment) {
    const points = sequence ?? [0, segment[0], segment[1], 1];
    const index = points.findIndex((p) => Math.abs(p - segment![0]) < 1e-9);
    const count = points.length - 1;
    // Equal segments only: that is what the operator generates for `parallelism` runners.
    if (points.some((p, i) => i > 0 && Math.abs(p - points[i - 1]! - 1 / count) > 1e-9)) throw new Error('fake k6: only equal execution segments are modelled');
    args.segment = { index, count };
  }
  return args;
}

function fraction(text: string): number {
  if (text.includes('/')) {
    const [a, b] = text.split('/').map(Number);
    return a! / b!;
  }
  return text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
}

/** k6 durations as the script writes them ("60000ms", "0s"). */
function durationMs(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text);
  if (!m) throw new Error(`fake k6: unreadable duration ${text}`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms']!;
}

const goDuration = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);

const rfc3339 = (epochMs: number): string => new Date(epochMs).toISOString();

export interface ScriptModule {
  options: { scenarios: Record<string, Record<string, unknown>>; thresholds?: Record<string, string[]>; systemTags?: string[]; summaryTrendStats?: string[] };
  handleSummary?(data: unknown): Record<string, string>;
  default(): void;
}

// k6's default system tags (metrics/system_tag.go DefaultSystemTagSet).
const DEFAULT_SYSTEM_TAGS = ['proto', 'subproto', 'status', 'method', 'url', 'name', 'group', 'check', 'error', 'error_code', 'tls_version', 'scenario', 'service', 'expected_response'];

/** A min-heap of events by time. */
class Queue<T> {
  readonly #items: { at: number; seq: number; value: T }[] = [];
  #seq = 0;
  get size(): number {
    return this.#items.length;
  }
  push(at: number, value: T): void {
    const items = this.#items;
    items.push({ at, seq: this.#seq++, value });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }
  pop(): { at: number; value: T } {
    const items = this.#items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && less(items[l]!, items[m]!)) m = l;
        if (r < items.length && less(items[r]!, items[m]!)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top;
  }
}
const less = (a: { at: number; seq: number }, b: { at: number; seq: number }): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

type Event =
  | { kind: 'arrival'; scenario: string; index: number }
  | { kind: 'vu-loop'; scenario: string; vu: number }
  | { kind: 'vu-free'; scenario: string };

interface ScenarioState {
  name: string;
  executor: string;
  startMs: number;
  endMs: number;
  gracefulStopMs: number;
  freeVUs: number;
  activeVUs: number;
  maxVUs: number;
}

/** The script as k6's init context leaves it for `env` (a fresh module instance; inert k6 modules unless a runtime is set). */
export async function importK6Script(env: Record<string, string>): Promise<ScriptModule> {
  vi.resetModules();
  (globalThis as { __ENV?: Record<string, string> }).__ENV = { ...env };
  return (await import(k6ScriptPath())) as ScriptModule;
}

// One fake k6 at a time: each run re-imports the script with its own __ENV and runtime.
let running: Promise<unknown> = Promise.resolve();

export function runFakeK6(options: FakeK6Options): Promise<FakeK6Result> {
  const run = running.then(() => fakeK6(options));
  running = run.catch(() => undefined);
  return run;
}

async function fakeK6(options: FakeK6Options): Promise<FakeK6Result> {
  const args = parseArgs(options.argv);
  if (!args.script.endsWith('/load.ts')) throw new Error(`fake k6: only k6/load.ts is modelled, got ${args.script}`);
  const engine = new MetricsEngine();
  const start = options.startEpochMs;
  let now = 0; // ms since start: the iteration being run
  let iterationMs = 0; // how long the running iteration has taken: the sum of its requests
  let cutAtMs = Infinity; // when the running iteration's scenario cuts what is still in flight
  let iterationCut = false; // the rest of a cut iteration does not run in k6: it pushes nothing more
  let scenarioName = '';
  let responseCallback: ExpectedStatuses | null = { ranges: [[200, 399]] }; // k6's default
  const emittedMetrics = new Set<string>();
  const result: FakeK6Result = { exitCode: 0, measuredSuccessMs: [], measuredRequests: 0, testRunDurationMs: 0 };
  const stderr = (level: string, msg: string, atMs: number, extra = ''): void =>
    options.onOutput('stderr', `time="${rfc3339(start + atMs).replace(/\.\d+Z$/, 'Z')}" level=${level} msg="${msg}"${extra}\n`, start + atMs);

  let systemTags = new Set(DEFAULT_SYSTEM_TAGS);
  const push = (metric: string, value: number, tags: Tags, atMs: number): void => {
    engine.push(metric, value, tags);
    if (!args.outJsonStdout) return;
    if (!emittedMetrics.has(metric)) {
      emittedMetrics.add(metric);
      options.onOutput('stdout', `${JSON.stringify({ type: 'Metric', data: { name: metric, type: 'trend', contains: 'default', thresholds: [], submetrics: null }, metric })}\n`, start + atMs);
    }
    options.onOutput('stdout', `${JSON.stringify({ metric, type: 'Point', data: { time: rfc3339(start + atMs), value, tags } })}\n`, start + atMs);
  };
  const baseTags = (): Tags => ({ ...args.runTags, ...(systemTags.has('scenario') ? { scenario: scenarioName } : {}) });
  const expected = (status: number): boolean => responseCallback !== null && responseCallback.ranges.some(([min, max]) => status >= min && status <= max);

  const runtime: K6Runtime = {
    request(method, url, params) {
      const timeoutMs = params?.timeout ? durationMs(params.timeout) : 60_000;
      let answer = options.server({ scenario: scenarioName, atMs: now });
      if (answer.durationMs >= timeoutMs) answer = { status: 0, durationMs: timeoutMs, errorCode: 1050, error: 'request timeout' };
      const at = now + answer.durationMs;
      iterationMs += answer.durationMs;
      // Still running when the scenario's graceful stop ends: k6 cancels it and pushes nothing.
      if (at > cutAtMs) {
        iterationCut = true;
        return { status: 0, error: 'context canceled', error_code: 0, timings: { duration: 0, blocked: 0, connecting: 0, tls_handshaking: 0, sending: 0, waiting: 0, receiving: 0 } };
      }
      const tags: Tags = baseTags();
      const all: Tags = { proto: 'HTTP/1.1', status: String(answer.status), method, url, name: url, group: '' };
      if (responseCallback !== null) all.expected_response = String(expected(answer.status));
      if (answer.status === 0 || answer.status >= 400) all.error_code = String(answer.status === 0 ? answer.errorCode ?? 1000 : 1000 + answer.status);
      if (answer.status === 0) all.error = answer.error ?? 'connection error';
      for (const [k, v] of Object.entries(all)) if (systemTags.has(k)) tags[k] = v;
      const timings = { duration: answer.durationMs, blocked: 0.005, connecting: 0, tls_handshaking: 0, sending: 0.01, waiting: Math.max(0, answer.durationMs - 0.03), receiving: 0.02 };
      push('http_reqs', 1, tags, at);
      push('http_req_duration', timings.duration, tags, at);
      for (const [metric, value] of [['http_req_blocked', timings.blocked], ['http_req_connecting', 0], ['http_req_tls_handshaking', 0], ['http_req_sending', timings.sending], ['http_req_waiting', timings.waiting], ['http_req_receiving', timings.receiving]] as const) push(metric, value, tags, at);
      if (responseCallback !== null) push('http_req_failed', expected(answer.status) ? 0 : 1, tags, at);
      push('data_sent', 120, tags, at);
      push('data_received', answer.status === 0 ? 0 : 1200, tags, at);
      if (answer.status === 0) stderr('warning', 'Request Failed', at, ` error="${method} \\"${url}\\": ${answer.error ?? 'request timeout'}"`);
      if (scenarioName === 'measure') {
        result.measuredRequests++;
        if (all.expected_response === 'true') result.measuredSuccessMs.push(answer.durationMs);
      }
      return { status: answer.status, error: answer.error ?? '', error_code: Number(all.error_code ?? 0), timings } satisfies HttpResponse;
    },
    setResponseCallback(callback) {
      responseCallback = callback;
    },
    check(checks, value) {
      if (iterationCut) return false;
      let ok = true;
      for (const [name, fn] of Object.entries(checks)) {
        const passed = fn(value);
        ok &&= passed;
        push('checks', passed ? 1 : 0, { ...baseTags(), ...(systemTags.has('check') ? { check: name } : {}) }, now);
      }
      return ok;
    },
    registerMetric: (name, type) => engine.register(name, type),
    addToMetric: (name, value, tags) => {
      if (!iterationCut) push(name, value, { ...baseTags(), ...tags }, now);
    },
  };

  // The init context: k6 evaluates the script with __ENV set, then reads its exported options.
  setRuntime(runtime);
  let script: ScriptModule;
  try {
    script = await importK6Script(args.env);
  } catch (error) {
    stderr('error', `${(error as Error).message}`, 0);
    return { ...result, exitCode: 107 };
  } finally {
    setRuntime(undefined);
  }
  const { options: scriptOptions } = script;
  if (scriptOptions.systemTags) systemTags = new Set(scriptOptions.systemTags);
  const trendStats = args.summaryTrendStats ?? scriptOptions.summaryTrendStats ?? ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'];
  try {
    trendResolvers(trendStats);
    engine.applyThresholds(scriptOptions.thresholds ?? {});
  } catch (error) {
    stderr('error', (error as Error).message, 0);
    return { ...result, exitCode: 104 };
  }

  // Scenarios: validated as k6 does before anything runs.
  const { index: segIndex, count: segCount } = args.segment;
  const scenarios = new Map<string, ScenarioState>();
  const queue = new Queue<Event>();
  const problems: string[] = [];
  for (const [name, config] of Object.entries(scriptOptions.scenarios)) {
    const duration = durationMs(String(config.duration));
    if (duration < 1000) problems.push(`scenario ${name} has configuration errors: the duration must be at least 1s, but is ${goDuration(duration)}`);
    const startMs = durationMs(String(config.startTime ?? '0s'));
    const gracefulStopMs = durationMs(String(config.gracefulStop ?? '30s'));
    const share = (n: number): number => Math.ceil(n / segCount);
    if (config.executor === 'constant-arrival-rate') {
      const rate = Number(config.rate);
      const pre = share(Number(config.preAllocatedVUs));
      scenarios.set(name, { name, executor: 'car', startMs, endMs: startMs + duration, gracefulStopMs, freeVUs: pre, activeVUs: pre, maxVUs: share(Number(config.maxVUs)) });
      const iterations = Math.floor((rate * duration) / 1000);
      for (let i = segIndex; i < iterations; i += segCount) queue.push(startMs + (i * 1000) / rate, { kind: 'arrival', scenario: name, index: i });
    } else if (config.executor === 'constant-vus') {
      const vus = share(Number(config.vus));
      scenarios.set(name, { name, executor: 'cv', startMs, endMs: startMs + duration, gracefulStopMs, freeVUs: 0, activeVUs: vus, maxVUs: vus });
      for (let vu = 0; vu < vus; vu++) queue.push(startMs, { kind: 'vu-loop', scenario: name, vu });
    } else {
      throw new Error(`fake k6: executor ${String(config.executor)} is not modelled`);
    }
  }
  if (problems.length > 0) {
    stderr('error', `There were problems with the specified script configuration:\\n\\t- ${problems.join('\\n\\t- ')}`, 0);
    return { ...result, exitCode: 104 };
  }

  let testEnd = 0;
  let processed = 0;
  const iterate = (scenario: ScenarioState, at: number): number => {
    now = at;
    scenarioName = scenario.name;
    iterationMs = 0;
    iterationCut = false;
    cutAtMs = scenario.endMs + scenario.gracefulStopMs;
    withRuntime(runtime, () => script.default());
    const end = at + iterationMs;
    if (iterationCut) return end;
    push('iterations', 1, baseTags(), end);
    push('iteration_duration', iterationMs, baseTags(), end);
    testEnd = Math.max(testEnd, end);
    return end;
  };

  while (queue.size > 0) {
    const { at, value: event } = queue.pop();
    const scenario = scenarios.get(event.scenario)!;
    if (event.kind === 'vu-free') {
      scenario.freeVUs++;
    } else if (event.kind === 'arrival') {
      if (scenario.freeVUs > 0) {
        scenario.freeVUs--;
        queue.push(iterate(scenario, at), { kind: 'vu-free', scenario: scenario.name });
      } else {
        scenarioName = scenario.name;
        push('dropped_iterations', 1, baseTags(), at);
        if (scenario.activeVUs < scenario.maxVUs) {
          scenario.activeVUs++;
          queue.push(at + 5, { kind: 'vu-free', scenario: scenario.name }); // a new VU's init, in the background
        }
      }
    } else if (at < scenario.endMs) {
      queue.push(iterate(scenario, at), event);
    }
    // Yield now and then: a long fake run must not starve the fake API server in this process.
    if (++processed % 20_000 === 0) await tick(0);
  }

  // Each executor runs for its whole duration, then waits for iterations in flight (up to gracefulStop).
  for (const scenario of scenarios.values()) testEnd = Math.max(testEnd, scenario.endMs);
  result.testRunDurationMs = testEnd;
  const data = {
    root_group: { name: '', path: '', id: 'd41d8cd98f00b204e9800998ecf8427e', groups: [], checks: [] },
    options: { summaryTrendStats: trendStats, summaryTimeUnit: '', noColor: false },
    state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: testEnd },
    metrics: engine.summaryMetrics(trendStats, testEnd),
  };
  const outputs = script.handleSummary ? withRuntime(runtime, () => script.handleSummary!(data)) : { stdout: '' };
  for (const [target, content] of Object.entries(outputs)) {
    if (target === 'stdout' || target === 'stderr') options.onOutput(target, content, start + testEnd);
    else options.onFile?.(target, content);
  }
  return result;
}
