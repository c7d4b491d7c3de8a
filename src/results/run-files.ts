// Reading run.json and results.json back: every field is checked for shape and physical range
// before a report sees it, so a corrupted or hand-edited file is refused naming the file and the
// field ("results.json: results[3].latency.p50: expected a number ≥ 0; got "abc""), exit 2, instead
// of crashing a renderer or printing "NaNh".
//
// The schemas mirror the TypeScript interfaces (RunRecord, CellResult, and the Suite and Plan they
// embed) rather than replacing them: the interfaces document the shapes where the code uses them,
// and the checks at the bottom of this file make the compiler fail when the two drift apart.
//
// What is checked is the stored shape, not today's suite rules: a run recorded by an older
// meshbench renders even when its suite would be refused now (older suites had strict mTLS, two
// repetitions, …). Fields added after schemaVersion 1 was first written are optional, or filled
// with what older runs did (see `OLDER_RUNS`). Unknown keys are dropped, not refused: a newer
// meshbench may add optional fields within the same schemaVersion, and nothing here reads them.
import { z } from 'zod';
import type { Analysis } from '../analysis/types.ts';
import type { Plan, PlanCell } from '../plan/types.ts';
import { API_VERSION, DRIVERS, K6_RUNNERS, METRICS, TARGETS, type Profile, type Suite } from '../suite/schema.ts';
import { RUN_SCHEMA_VERSION, type DriftRecord, type RunRecord, type StackRecord } from './run-record.ts';
import type { CellResult } from './types.ts';
import { EXCERPT_LENGTH, excerpt } from '../text/excerpt.ts';
import { terminalSafe } from '../text/terminal-safe.ts';

/** One thing wrong with a run file: `field` is its path ("results[3].latency.p50"), "" for the whole file. */
export interface RunFileProblem {
  file: string;
  field: string;
  message: string;
}

/** Problems listed in the message before "and N more". */
const LISTED = 10;

export class RunFileError extends Error {
  /** Exit code 2: bad input (DESIGN.md contracts); the user pointed at a broken run directory. */
  readonly exitCode = 2;
  readonly problems: RunFileProblem[];

  constructor(problems: RunFileProblem[]) {
    const lines = problems.slice(0, LISTED).map(({ file, field, message }) => `${file}: ${field ? `${field}: ` : ''}${message}`);
    if (problems.length > LISTED) lines.push(`and ${problems.length - LISTED} more problems`);
    super(lines.join('\n'));
    this.name = 'RunFileError';
    this.problems = problems;
  }
}

// ---------------------------------------------------------------- values

/** Largest number accepted anywhere: far beyond any real count or duration, small enough that sums and medians stay finite. */
const LIMIT = Number.MAX_SAFE_INTEGER;

/** Every schema phrases its own problem as "expected <what>; got <value>". */
function expecting(what: string) {
  return { error: (issue: { input?: unknown }) => found(what, issue.input) };
}

function found(what: string, input: unknown): string {
  return input === undefined ? `missing; expected ${what}` : `expected ${what}; got ${show(input)}`;
}

const tooLarge = { error: (issue: { input?: unknown }) => `expected at most ${LIMIT}; got ${show(issue.input)}` };

/** Finite and at least `min` (zod numbers refuse NaN and ±Infinity). */
function atLeast(min: number) {
  const what = expecting(`a number ≥ ${min}`);
  return z.number(what).min(min, what).max(LIMIT, tooLarge);
}

function wholeAtLeast(min: number) {
  const what = expecting(`a whole number ≥ ${min}`);
  return z.number(what).int(what).min(min, what).max(LIMIT, tooLarge);
}

/** Milliseconds, rates, CPU and memory figures. */
const amount = atLeast(0);
/** Above zero: offered rates. */
const positive = z.number(expecting('a number > 0')).positive(expecting('a number > 0')).max(LIMIT, tooLarge);
const count = wholeAtLeast(0);
const positiveCount = wholeAtLeast(1);
/** Deltas and interval ends, which may be negative. */
const signed = z.number(expecting('a number')).min(-LIMIT, tooLarge).max(LIMIT, tooLarge);
const share = z.number(expecting('a number from 0 to 1')).min(0, expecting('a number from 0 to 1')).max(1, expecting('a number from 0 to 1'));
const text = z.string(expecting('a string'));
const flag = z.boolean(expecting('true or false'));
/** What toISOString writes; Date.parse and the reports' "2026-11-26 03:38:06 UTC" both rely on it. */
const timestamp = z.iso.datetime(expecting('a UTC time like "2026-11-26T03:38:06.000Z"'));
/** hdr-histogram-js's compressed base64; empty when nothing was recorded. */
const histogram = z.string(expecting('a base64 string')).regex(/^[A-Za-z0-9+/]*={0,2}$/, expecting('a base64 string'));

function list<T extends z.ZodType>(item: T) {
  return z.array(item, expecting('a list'));
}

function record<T extends z.ZodType>(value: T) {
  return z.record(text, value, expecting('an object'));
}

function object<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.object(shape, expecting('an object'));
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, expecting(values.length === 1 ? `"${values[0]}"` : `one of ${values.map((v) => `"${v}"`).join(', ')}`));
}

function exactly<const T extends string | number>(value: T) {
  return z.literal(value, expecting(JSON.stringify(value)));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A union told apart by one look at the value (its type, its method, which key it has): only the
 * option picked is checked, so the problems name that option's fields rather than zod's guess
 * among all of them. When no option fits (not an object, an unknown type), `tag` checks the value
 * and says why.
 */
function union<T extends z.ZodType>(tag: z.ZodType, pick: (value: Record<string, unknown>) => T | undefined): z.ZodType<z.output<T>> {
  return z.unknown().transform((value, ctx) => {
    const option = isObject(value) ? pick(value) : undefined;
    const result = (option ?? tag).safeParse(value, { reportInput: true });
    if (option && result.success) return result.data as z.output<T>;
    if (result.success) ctx.issues.push({ code: 'custom', message: 'matches no known shape', input: value });
    // Paths are the option's, relative to this value; zod prefixes them with where the value is.
    else for (const issue of result.error.issues) ctx.issues.push({ ...issue, input: issue.input } as z.core.$ZodRawIssue);
    return z.NEVER;
  });
}

/**
 * A key whose value may be undefined (`rate: number | undefined`): JSON drops undefined, so the key
 * is absent from the file. Typed as required, as the interfaces declare it.
 */
function maybe<T extends z.ZodType>(schema: T): z.ZodType<z.output<T> | undefined> {
  return schema.optional() as unknown as z.ZodType<z.output<T> | undefined>;
}

// ---------------------------------------------------------------- the suite (as stored: durations in ms)

const profileSchema = object({
  apiVersion: exactly(API_VERSION),
  kind: exactly('Profile'),
  name: text,
  description: text.optional(),
  kubernetes: object({ nodeImage: text, kindVersion: text.optional() }).optional(),
  mesh: object({
    type: oneOf(['none', 'istio-sidecar', 'istio-ambient']),
    version: text.optional(),
    telemetry: oneOf(['default', 'off', 'mixer']),
    mtls: oneOf(['permissive', 'strict', 'disabled']),
  }),
  serving: object({
    type: oneOf(['deployment', 'knative']),
    version: text.optional(),
    ingress: oneOf(['kourier', 'istio']).optional(),
    ingressVersion: text.optional(),
    autoscaler: object({
      scaleToZeroGracePeriod: amount.optional(),
      stableWindow: amount.optional(),
      scaleToZeroPodRetentionPeriod: amount.optional(),
      targetBurstCapacity: wholeAtLeast(-1).optional(),
      containerConcurrencyTargetDefault: positiveCount.optional(),
    }).optional(),
  }),
  // The regression injected into a local run: whoever reads the run must see its latency was made worse on purpose.
  emulation: object({ proxyDelay: amount }).optional(),
});

const experimentBase = { name: text, description: text.optional(), profiles: list(text).optional() };

const loadExperimentSchema = object({
  ...experimentBase,
  type: exactly('load'),
  driver: oneOf(DRIVERS).optional(),
  model: oneOf(['open', 'closed']),
  arrival: oneOf(['constant', 'poisson']),
  rates: list(positive).optional(),
  connections: list(positiveCount),
  duration: amount,
  warmup: amount,
  repetitions: positiveCount,
  timeout: amount,
  k6: object({ runner: oneOf(K6_RUNNERS).optional(), parallelism: positiveCount }).optional(),
});

/** What runs recorded before a field existed did, so they read the same as they ran. */
const OLDER_RUNS = {
  /** Before bursts: one request per service. */
  burst: 1,
  /** Before warm baselines: none. */
  warmBaseline: false,
  /** Before interleaving: one profile after another. */
  schedule: 'sequential',
  /** Before stack warm-ups: none (reports show stacks[].warmup, which such runs lack too). */
  warmup: { skipped: 'not recorded: planned before stack warm-ups existed' },
  /** Before overheads were analysed (`meshbench report` recomputes the analysis anyway). */
  overheads: [],
  coldStartOverheads: [],
} as const;

const coldStartExperimentSchema = object({
  ...experimentBase,
  type: exactly('cold-start'),
  services: list(positiveCount),
  iterations: positiveCount,
  idle: amount,
  gracePeriod: amount.optional(),
  timeout: amount,
  burst: positiveCount.default(OLDER_RUNS.burst),
  warmBaseline: flag.default(OLDER_RUNS.warmBaseline),
});

const suiteSchema = object({
  apiVersion: exactly(API_VERSION),
  kind: exactly('Suite'),
  name: text,
  description: text.optional(),
  target: oneOf(TARGETS),
  driver: oneOf(DRIVERS).optional(),
  profiles: list(profileSchema),
  workload: object({ delay: amount, size: count, startupDelay: amount }),
  stackWarmup: amount.optional(),
  experiments: list(byType(loadExperimentSchema, coldStartExperimentSchema)),
  comparisons: list(object({ name: text, baseline: text, candidate: text, experiment: text.optional() })),
  thresholds: list(object({ comparison: text, metric: oneOf(METRICS), max: amount })),
  // Added later: runs recorded before the cost model have no cost block.
  cost: object({ currency: text, vcpuHour: positive, gibHour: positive, trafficRps: positive, meshedPods: positiveCount, nodes: positiveCount.optional() }).optional(),
});

// ---------------------------------------------------------------- the plan

const skippedSchema = object({ skipped: text });

const cellBase = { id: text, profile: text, experiment: text, repetition: count, estimatedMs: amount };

const loadCellSchema = object({
  ...cellBase,
  type: exactly('load'),
  driver: oneOf(DRIVERS),
  model: oneOf(['open', 'closed']),
  arrival: oneOf(['constant', 'poisson']),
  rate: maybe(positive),
  connections: positiveCount,
  durationMs: amount,
  warmupMs: amount,
  timeoutMs: amount,
  k6: loadExperimentSchema.shape.k6,
});

const coldStartCellSchema = object({
  ...cellBase,
  type: exactly('cold-start'),
  services: positiveCount,
  iterations: positiveCount,
  idleMs: amount,
  gracePeriodMs: amount.optional(),
  timeoutMs: amount,
  burst: positiveCount.optional(),
  warmBaseline: z.literal(true, expecting('true')).optional(),
});

/** Load or cold-start, by `type`. */
function byType<L extends z.ZodType, C extends z.ZodType>(load: L, coldStart: C, type = (value: Record<string, unknown>) => value.type) {
  const tag = object({ type: oneOf(['load', 'cold-start']) });
  return union(tag, (value) => (type(value) === 'load' ? load : type(value) === 'cold-start' ? coldStart : undefined));
}

const planCellSchema = byType(loadCellSchema, coldStartCellSchema);

const plannedWarmupSchema = object({ cell: loadCellSchema, estimatedMs: amount });

const planSchema = object({
  suite: text,
  target: oneOf(TARGETS),
  groups: list(
    object({
      profile: profileSchema,
      cells: list(planCellSchema),
      warmup: union(object({}), (value) => ('skipped' in value ? skippedSchema : plannedWarmupSchema)).default(() => ({ ...OLDER_RUNS.warmup })),
      estimatedMs: amount,
    }),
  ),
  schedule: oneOf(['interleaved', 'sequential']).default(OLDER_RUNS.schedule),
  /** Before the order was recorded, cells ran in plan order. */
  order: list(text).optional(),
  reference: object({ repetitions: positiveCount, rate: positive, durationMs: amount, estimatedMs: amount }).optional(),
  cellCount: count,
  estimatedMs: amount,
}).transform(({ order, ...plan }) => ({ ...plan, order: order ?? plan.groups.flatMap((group) => group.cells.map((cell) => cell.id)) }));

// ---------------------------------------------------------------- run.json

const interval = object({ low: signed, high: signed });

const analysisSchema = object({
  comparisons: list(
    object({
      comparison: text,
      experiment: text,
      baseline: text,
      candidate: text,
      rate: maybe(positive),
      connections: positiveCount,
      metric: oneOf(METRICS),
      baselineMs: amount,
      candidateMs: amount,
      deltaMs: signed,
      ci: maybe(interval),
      verdict: oneOf(['slower', 'faster', 'no measurable difference', 'insufficient repetitions', 'insufficient data']),
      repetitions: object({ baseline: count, candidate: count }),
    }),
  ),
  thresholds: list(
    object({ comparison: text, metric: oneOf(METRICS), maxMs: amount, worstDeltaMs: maybe(signed), passed: flag, reason: text }),
  ),
  overheads: list(
    object({
      topic: oneOf(['data path', 'telemetry', 'Mixer', 'Knative']),
      comparison: maybe(text),
      experiment: text,
      baseline: maybe(text),
      candidate: text,
      rate: maybe(positive),
      connections: positiveCount,
      component: text,
      measure: oneOf(['cpu-millicores', 'cpu-seconds-per-1000-requests', 'memory-mib', 'total-cpu-seconds-per-1000-requests']),
      baselineValue: maybe(amount),
      candidateValue: maybe(amount),
      delta: maybe(signed),
      ci: maybe(interval),
      verdict: oneOf(['more', 'less', 'no measurable difference', 'insufficient repetitions', 'missing data']),
      repetitions: object({ baseline: count, candidate: count }),
      error: text.optional(),
      published: object({ value: amount, source: text }).optional(),
      note: text.optional(),
    }),
  ).default(() => [...OLDER_RUNS.overheads]),
  coldStartOverheads: list(
    object({
      profile: text,
      experiment: text,
      services: positiveCount,
      coldMs: maybe(amount),
      warmMs: maybe(amount),
      overheadMs: maybe(signed),
      ci: maybe(interval),
      verdict: oneOf(['slower', 'faster', 'no measurable difference', 'insufficient iterations', 'insufficient data']),
      samples: object({ cold: count, warm: count }),
    }),
  ).default(() => [...OLDER_RUNS.coldStartOverheads]),
});

const measuredWarmupSchema = object({ ms: amount, requests: count, errors: count, rate: positive.optional(), connections: positiveCount, driver: text });
const failedWarmupSchema = object({ failed: text });

const stackSchema = object({
  profile: text,
  dataPath: list(text),
  facts: record(text),
  warmup: union(object({}), (value) =>
    'skipped' in value ? skippedSchema : 'failed' in value ? failedWarmupSchema : measuredWarmupSchema,
  ).optional(),
});

const interleavedDriftSchema = object({ method: exactly('interleaved'), detail: text });
const referenceDriftSchema = object({
  method: exactly('reference'),
  metric: exactly('p50_ms'),
  rate: positive,
  durationMs: amount,
  start: list(amount),
  end: list(amount),
  shiftMs: signed,
  ci: maybe(interval),
  coverage: maybe(share),
  flagged: flag,
});
const referenceErrorSchema = object({ method: exactly('reference'), error: text });

const driftSchema = union(object({ method: oneOf(['interleaved', 'reference']) }), (value) =>
  value.method === 'interleaved' ? interleavedDriftSchema : value.method === 'reference' ? ('error' in value ? referenceErrorSchema : referenceDriftSchema) : undefined,
);

const runRecordSchema = object({
  schemaVersion: exactly(RUN_SCHEMA_VERSION),
  meshbenchVersion: text,
  suite: suiteSchema,
  suiteFile: text,
  plan: planSchema,
  target: oneOf(TARGETS),
  emulation: flag,
  status: oneOf(['running', 'complete', 'partial', 'failed']),
  startedAt: timestamp,
  finishedAt: timestamp.optional(),
  interruptedBy: text.optional(),
  error: text.optional(),
  command: list(text),
  environment: object({
    hostname: text,
    platform: text,
    release: text,
    arch: text,
    cpus: count,
    cpuModel: text,
    memoryMiB: amount,
    node: text,
  }),
  analysis: analysisSchema.optional(),
  notes: list(text),
  stacks: list(stackSchema).optional(),
  schedule: oneOf(['interleaved', 'sequential']).optional(),
  order: list(text).optional(),
  drift: driftSchema.optional(),
});

// ---------------------------------------------------------------- results.json

const minAvgMax = object({ min: amount, avg: amount, max: amount });

const resultBase = {
  status: oneOf(['completed', 'partial', 'errored']),
  error: text.optional(),
  startedAt: timestamp,
  finishedAt: timestamp,
  resources: list(
    object({
      component: text,
      source: text,
      samples: count,
      readings: count.optional(),
      cpuMillicores: minAvgMax,
      memoryMiB: minAvgMax,
      cpuSecondsPer1000Requests: amount.optional(),
      error: text.optional(),
    }),
  ),
  notes: list(text),
};

const loadResultSchema = object({
  ...resultBase,
  cell: loadCellSchema,
  requests: count,
  errors: object({ total: count, timeout: count, connect: count, http: record(count), other: count }),
  measuredMs: amount,
  achievedRps: amount,
  sendLag: object({ p50: amount, p99: amount, max: amount }),
  saturated: flag,
  saturationReason: text.optional(),
  latency: object({ count, min: amount, mean: amount, p50: amount, p90: amount, p99: amount, p999: amount, max: amount }).optional(),
  histogram: histogram.optional(),
});

const coldStartResultSchema = object({
  ...resultBase,
  cell: coldStartCellSchema,
  iterations: list(
    object({
      iteration: count,
      service: text,
      cold: flag,
      kind: oneOf(['cold', 'warm']).optional(),
      ok: flag,
      error: text.optional(),
      totalMs: amount,
      firstBytes: list(amount).optional(),
      phases: record(amount),
    }),
  ),
  discardedWarm: count,
});

const cellResultSchema = union(object({ cell: object({ type: oneOf(['load', 'cold-start']) }) }), (value) =>
  isObject(value.cell) && value.cell.type === 'load' ? loadResultSchema : isObject(value.cell) && value.cell.type === 'cold-start' ? coldStartResultSchema : undefined,
);

const resultsFileSchema = object({ schemaVersion: exactly(RUN_SCHEMA_VERSION), results: list(cellResultSchema) });

// ---------------------------------------------------------------- parsing

/** run.json's text → the record, or RunFileError naming every problem. */
export function parseRunFile(text: string, file: string): RunRecord {
  return parseVersioned(text, file, runRecordSchema);
}

/** results.json's text → its results, or RunFileError naming every problem. */
export function parseResultsFile(text: string, file: string): CellResult[] {
  return parseVersioned(text, file, resultsFileSchema).results;
}

/**
 * What each file can be right about alone but not together: results.json holds at most one result
 * per cell of run.json's plan, and the plan counts its own cells. Reports count "N of M planned
 * cells measured" from these.
 */
export function checkRun(record: RunRecord, results: readonly CellResult[], files: { run: string; results: string }): void {
  const problems: RunFileProblem[] = [];
  const cells = record.plan.groups.flatMap((group) => group.cells);
  if (record.plan.cellCount !== cells.length) {
    problems.push({ file: files.run, field: 'plan.cellCount', message: `expected ${cells.length}, the number of cells in plan.groups; got ${record.plan.cellCount}` });
  }
  const planned = new Set<string>();
  cells.forEach((cell, index) => {
    if (planned.has(cell.id)) problems.push({ file: files.run, field: `plan cell #${index + 1}`, message: `cell id ${show(cell.id)} appears twice in the plan` });
    planned.add(cell.id);
  });
  const seen = new Map<string, number>();
  results.forEach((result, index) => {
    const id = result.cell.id;
    const field = `results[${index}].cell.id`;
    if (!planned.has(id)) problems.push({ file: files.results, field, message: `${show(id)} is not a cell of the plan in ${files.run}` });
    const earlier = seen.get(id);
    if (earlier !== undefined) problems.push({ file: files.results, field, message: `${show(id)} already has a result (results[${earlier}])` });
    else seen.set(id, index);
  });
  if (problems.length > 0) throw new RunFileError(problems);
}

function parseVersioned<T extends z.ZodType>(text: string, file: string, schema: T): z.output<T> {
  const data = parseJson(text, file);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new RunFileError([{ file, field: '', message: found('a JSON object', data) }]);
  }
  // Another version has another shape: say that alone rather than every field that differs.
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (version !== RUN_SCHEMA_VERSION) {
    const newer = typeof version === 'number' && version > RUN_SCHEMA_VERSION ? ' (written by a newer meshbench?)' : '';
    throw new RunFileError([{ file, field: 'schemaVersion', message: `${found(`${RUN_SCHEMA_VERSION}, the version this meshbench reads`, version)}${newer}` }]);
  }
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  throw new RunFileError(result.error.issues.map((issue) => problemOf(issue, file)));
}

function parseJson(withMark: string, file: string): unknown {
  // A byte-order mark (an editor's, on a hand-edited file) is not part of the JSON.
  const text = withMark.replace(/^\ufeff/, '');
  if (text.trim() === '') throw new RunFileError([{ file, field: '', message: 'the file is empty' }]);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RunFileError([{ file, field: '', message: `not valid JSON: ${jsonProblem(text, (error as Error).message)}` }]);
  }
}

/**
 * V8's JSON.parse message without the excerpt of the file it sometimes quotes (raw text, any
 * length), with the line and column where V8 gives a position.
 */
function jsonProblem(text: string, message: string): string {
  if (/^Unexpected end of JSON input/.test(message)) {
    const lines = text.split('\n');
    return `the file ends early (truncated?) at line ${lines.length}, column ${lines.at(-1)!.length + 1}`;
  }
  const token = /^Unexpected token '([\s\S]*?)', (?:\.\.\.)?"/.exec(message);
  if (token) return `unexpected ${show(token[1])}`;
  const position = / in JSON at position (\d+)(?: \(line (\d+) column (\d+)\))?/.exec(message);
  const reason = message.replace(/ in JSON at position[\s\S]*$/, '').slice(0, 80);
  if (!position) return reason;
  const [line, column] = position[2] ? [position[2], position[3]] : lineAndColumn(text, Number(position[1]));
  return `${reason} at line ${line}, column ${column}`;
}

function lineAndColumn(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset).split('\n');
  return [before.length, before.at(-1)!.length + 1];
}

function problemOf(issue: z.core.$ZodIssue, file: string): RunFileProblem {
  return { file, field: fieldOf(issue.path), message: issue.message };
}

/** "results[3].latency.p50"; keys that are not plain names are quoted and capped (they come from the file). */
function fieldOf(path: readonly PropertyKey[]): string {
  let field = '';
  for (const segment of path) {
    if (typeof segment === 'number') field += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$-]{0,63}$/.test(segment)) field += field ? `.${segment}` : segment;
    else field += `[${show(String(segment))}]`;
  }
  return field;
}

/**
 * A value from the file as a message may echo it: strings quoted, capped, with every character that
 * could retitle a terminal, forge a line or hide text shown as an escape.
 */
export function show(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value !== 'string') return String(value);
  return excerpt(value, EXCERPT_LENGTH, (text) => terminalSafe(JSON.stringify(text)));
}

// ---------------------------------------------------------------- schemas and interfaces in step

/** Object types as plain nested shapes: intersections flattened, readonly dropped. */
type Plain<T> = T extends readonly (infer E)[] ? Plain<E>[] : T extends object ? { [K in keyof T]: Plain<T[K]> } : T;
/** Exactly the same type: a field added, dropped, made optional or retyped on one side fails. */
type Same<A, B> = (<G>() => G extends Plain<A> ? 1 : 2) extends (<G>() => G extends Plain<B> ? 1 : 2) ? true : false;

// Each line names the part that drifted when it stops compiling ("Type 'true' does not satisfy 'false'").
true satisfies Same<z.output<typeof profileSchema>, Profile>;
true satisfies Same<z.output<typeof suiteSchema>, Suite>;
true satisfies Same<z.output<typeof planCellSchema>, PlanCell>;
true satisfies Same<z.output<typeof planSchema>, Plan>;
true satisfies Same<z.output<typeof analysisSchema>, Analysis>;
true satisfies Same<z.output<typeof stackSchema>, StackRecord>;
true satisfies Same<z.output<typeof driftSchema>, DriftRecord>;
true satisfies Same<z.output<typeof runRecordSchema>, RunRecord>;
true satisfies Same<z.output<typeof cellResultSchema>, CellResult>;
