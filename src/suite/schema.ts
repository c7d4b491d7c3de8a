// The suite and profile formats. One zod schema is the single source of truth: it validates
// files, gives the TypeScript types (z.output) and is exported as JSON Schema for editors.
import { z } from 'zod';
import { COST_BOUNDS, COUNT_BOUNDS, DESCRIPTION_LENGTH, DURATION_BOUNDS, IMAGE_LENGTH, LABEL_LENGTH, NAME_LENGTH, VERSION_LENGTH } from './bounds.ts';
import { DURATION_PATTERN, formatDuration, parseDuration } from './duration.ts';
import { show } from './show.ts';

export const API_VERSION = 'meshbench.dev/v1alpha1';

const name = z
  .string()
  .max(NAME_LENGTH)
  .regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, 'a lowercase name: letters, digits, "-" and "."')
  .meta({ description: `Lowercase letters, digits, "-" and "."; at most ${NAME_LENGTH} characters.` });

/** One line of free text: control characters (ESC, CR, …) would reach terminals and reports. */
function label(max: number) {
  return z.string().min(1).max(max).regex(/^[^\0-\x1f\x7f-\x9f]*$/, 'text without control characters (ESC, CR, tab, …)');
}

const description = z
  .string()
  .max(DESCRIPTION_LENGTH)
  .regex(/^[^\0-\x08\x0b-\x1f\x7f-\x9f]*$/, 'text without control characters other than newline and tab')
  .optional()
  .meta({ description: `Free text, at most ${DESCRIPTION_LENGTH.toLocaleString('en')} characters.` });

/** A duration string as users write it ("500ms", "30s", "2m"), before it is parsed. */
export const durationText = z.string().regex(new RegExp(DURATION_PATTERN), 'a duration with a unit, like "500ms", "30s" or "2m"');

/**
 * A duration parsed to milliseconds, refused outside `bounds`; the description ends with the range.
 * `rule` says what is expected instead when a value breaks a rule of its own (Knative's), first.
 */
function duration(bounds: { min: number; max: number }, text: string, rule?: (ms: number) => string | undefined) {
  const range = bounds.min === 0 ? `at most ${formatDuration(bounds.max)}` : `from ${formatDuration(bounds.min)} to ${formatDuration(bounds.max)}`;
  return durationText
    .transform((written, ctx) => {
      const ms = parseDuration(written)!;
      // A long digit string parses to Infinity, which the bounds refuse too. `continue`: the value is
      // still a duration, so checks around it (and the inline-profile branch of a union) go on.
      const expected = rule?.(ms) ?? (ms >= bounds.min && ms <= bounds.max ? undefined : `a duration ${range}`);
      if (expected) ctx.addIssue({ code: 'custom', input: written, continue: true, message: `expected ${expected}; got ${Number.isFinite(ms) ? formatDuration(ms) : show(written)}` });
      return ms;
    })
    .meta({ description: `${text} A duration with a unit (ms, s, m or h), ${range}.` });
}

/** A whole number from `min` to `max`; the description ends with the range. */
function count(max: number, text: string, min = 1) {
  return z.number().int().min(min).max(max).meta({ description: `${text} From ${min} to ${max.toLocaleString('en')}.` });
}

// ---------------------------------------------------------------- profiles

export const TARGETS = ['local', 'kind', 'existing'] as const;
export const DRIVERS = ['builtin', 'k6'] as const;
export const K6_RUNNERS = ['job', 'testrun', 'local'] as const;

const meshSchema = z
  .strictObject({
    type: z
      .enum(['none', 'istio-sidecar', 'istio-ambient'])
      .meta({ description: 'Data-plane mesh in front of the workload.' }),
    version: label(VERSION_LENGTH).optional().meta({ description: 'Pinned mesh release, e.g. "1.27.3".' }),
    telemetry: z
      .enum(['default', 'off', 'mixer'])
      .default('default')
      .meta({
        description:
          "default: Istio's own telemetry v2 — the stats filter in every proxy, no access log, no tracer (on Istio 1.4 meshbench installs Mixer off, as for off). off: every metric disabled mesh-wide with the Telemetry API, which drops the stats filter (metadata exchange stays; access logs and span reporting are off already); on Istio 1.4, Mixer off. mixer: the legacy Istio ≤ 1.4 Mixer stack (istio-telemetry, istio-policy, sidecars that report and check).",
      }),
    mtls: z
      .enum(['permissive', 'strict', 'disabled'])
      .default('permissive')
      .meta({
        description:
          "permissive: Istio's default — plaintext accepted from outside the mesh, where meshbench's load generators run (between sidecars: mutual TLS from Istio 1.5 on, auto mTLS; plaintext on Istio 1.4, whose default has no mesh-wide mTLS). strict (refuse plaintext) is refused: it would refuse meshbench's own load.",
      }),
  })
  .meta({ description: 'Service mesh of the profile.' });

// Knative's own bounds (knative/serving@knative-v1.19.5), checked here so `validate` finds them and
// Knative's webhook never has to: config-autoscaler stable-window in [6s, 1h] and whole seconds
// (pkg/autoscaler/config/config.go validate, WindowMin/WindowMax in pkg/apis/autoscaling/
// register.go) — the same value goes into each service's autoscaling.knative.dev/window, which has
// the same bounds (pkg/apis/autoscaling/annotation_validation.go validateWindow); the grace period
// only has to be positive, with no floor and any precision (config.go).
const STABLE_WINDOW_MIN_MS = 6_000;
const STABLE_WINDOW_MAX_MS = 3_600_000;

const autoscalerSchema = z
  .strictObject({
    scaleToZeroGracePeriod: duration(DURATION_BOUNDS.autoscalerPeriod, 'config-autoscaler scale-to-zero-grace-period; Knative requires it > 0.', (ms) =>
      ms === 0 ? 'a duration above 0 (Knative: "scale-to-zero-grace-period must be positive")' : undefined,
    ).optional(),
    stableWindow: duration(
      { min: STABLE_WINDOW_MIN_MS, max: STABLE_WINDOW_MAX_MS },
      "config-autoscaler stable-window, also written as each service's autoscaling.knative.dev/window; whole seconds.",
      (ms) =>
        ms < STABLE_WINDOW_MIN_MS || ms > STABLE_WINDOW_MAX_MS || ms % 1000 !== 0
          ? 'whole seconds from 6s to 1h, the stable window Knative accepts (config-autoscaler stable-window and autoscaling.knative.dev/window)'
          : undefined,
    ).optional(),
    scaleToZeroPodRetentionPeriod: duration(DURATION_BOUNDS.autoscalerPeriod, 'config-autoscaler scale-to-zero-pod-retention-period.').optional(),
    targetBurstCapacity: count(COUNT_BOUNDS.targetBurstCapacity, 'config-autoscaler target-burst-capacity (-1: the activator always in the path).', -1).optional(),
    containerConcurrencyTargetDefault: count(COUNT_BOUNDS.containerConcurrency, 'config-autoscaler container-concurrency-target-default.').optional(),
  })
  .meta({ description: 'Knative config-autoscaler settings (camelCase of its keys).' });

const servingSchema = z
  .strictObject({
    type: z
      .enum(['deployment', 'knative'])
      .meta({ description: 'deployment: a plain Deployment + Service; knative: a Knative Service.' }),
    version: label(VERSION_LENGTH).optional().meta({ description: 'Pinned Knative Serving release, e.g. "1.19.0".' }),
    ingress: z.enum(['kourier', 'istio']).optional(),
    ingressVersion: label(VERSION_LENGTH)
      .optional()
      .meta({ description: 'Pinned net-kourier / net-istio release; their patch numbers differ from Serving\'s.' }),
    autoscaler: autoscalerSchema.optional(),
  })
  .meta({ description: 'How the workload is served.' });

export const profileSchema = z
  .strictObject({
    apiVersion: z.literal(API_VERSION).default(API_VERSION),
    kind: z.literal('Profile').default('Profile'),
    name,
    description,
    kubernetes: z
      .strictObject({
        nodeImage: label(IMAGE_LENGTH).meta({ description: 'kind node image, pinned by digest.' }),
        kindVersion: label(VERSION_LENGTH).optional(),
      })
      .optional(),
    mesh: meshSchema.default({ type: 'none', telemetry: 'default', mtls: 'permissive' }),
    serving: servingSchema.default({ type: 'deployment' }),
    emulation: z
      .strictObject({
        proxyDelay: duration(
          DURATION_BOUNDS.proxyDelay,
          "A fixed delay the local emulation's sidecar proxy hop adds to every request: a regression of known size, to rehearse compare and the nightly gate on a laptop (what meshbench calibrate injects).",
        ),
      })
      .optional()
      .meta({
        description:
          'Costs injected into the local emulation. Only on the local target, and only on profiles whose emulation has a sidecar proxy hop (mesh.type istio-sidecar, serving.type deployment).',
      }),
  })
  .superRefine((profile, ctx) => {
    // net-istio needs Istio itself, which is installed for the profile's mesh.
    if (profile.serving.ingress === 'istio' && profile.mesh.type === 'none') {
      ctx.addIssue({ code: 'custom', path: ['serving', 'ingress'], message: 'the istio ingress needs Istio: set mesh.type (istio-sidecar or istio-ambient), or use ingress: kourier' });
    }
    // STRICT refuses plaintext, and the load generators are outside the mesh (k6 pods opted out of
    // sidecars and of ambient capture, or the host): every request would be refused.
    if (profile.mesh.mtls === 'strict') {
      ctx.addIssue({ code: 'custom', path: ['mesh', 'mtls'], message: "expected permissive or disabled; got strict, which would refuse meshbench's load: its generators send plaintext from outside the mesh" });
    }
  })
  .meta({ title: 'meshbench profile', description: 'A data-plane stack that a target realises.' });

// ---------------------------------------------------------------- workload & experiments

const workloadSchema = z
  .strictObject({
    delay: duration(DURATION_BOUNDS.workloadDelay, "Echo server response delay (fortio-style ?delay=), below every experiment's timeout.").default(0),
    size: count(COUNT_BOUNDS.size, 'Response payload in bytes (?size=).', 0).default(1024),
    startupDelay: duration(DURATION_BOUNDS.startupDelay, 'Extra time before the workload listens (cold-start emulation), below every cold-start timeout.').default(0),
  })
  .meta({ description: 'The echo workload every profile serves.' });

const experimentBase = {
  name,
  description,
  profiles: z
    .array(name)
    .min(1)
    .optional()
    .meta({ description: 'Subset of the suite profiles this experiment runs on (default: all).' }),
};

const loadExperimentSchema = z
  .strictObject({
    ...experimentBase,
    type: z.literal('load'),
    driver: z.enum(DRIVERS).optional().meta({ description: 'Load generator (default: the suite driver).' }),
    model: z
      .enum(['open', 'closed'])
      .default('open')
      .meta({ description: 'open: fixed arrival rate, latency from intended send time; closed: fixed concurrency.' }),
    arrival: z
      .enum(['constant', 'poisson'])
      .default('constant')
      .meta({ description: 'Open model only: evenly spaced or Poisson arrivals.' }),
    rates: z.array(count(COUNT_BOUNDS.rate, 'Requests per second.')).min(1).optional().meta({ description: 'Requests per second (open model), one cell per value.' }),
    connections: z
      .array(count(COUNT_BOUNDS.connections, 'Connections or clients.'))
      .min(1)
      .default([16])
      .meta({ description: 'Open model: connection pool size; closed model: concurrent clients.' }),
    duration: duration(DURATION_BOUNDS.loadDuration, 'Measured window per cell, after warm-up.'),
    warmup: duration(DURATION_BOUNDS.loadWarmup, 'Traffic sent before the measured window and cut from it.').default(0),
    repetitions: count(
      COUNT_BOUNDS.repetitions,
      'Independent runs of each cell; each gives one value per percentile, and comparisons are over these values. A verdict needs at least 4 a side; the default 8 finds a shift of 1.5 × the per-repetition interquartile range about 87% of the time (README "How the numbers are made trustworthy").',
    ).default(8),
    timeout: duration(DURATION_BOUNDS.loadTimeout, 'Per-request timeout.').default(10_000),
    k6: z
      .strictObject({
        runner: z
          .enum(K6_RUNNERS)
          .optional()
          .meta({ description: 'job: one k6 pod; testrun: k6-operator with parallelism runners; local: the k6 binary here (default: local on the local target, else job, or testrun when parallelism > 1).' }),
        parallelism: count(COUNT_BOUNDS.parallelism, 'k6-operator runner pods sharing the load (testrun).').default(1),
      })
      .optional()
      .meta({ description: 'How the k6 driver runs (only used when the driver is k6).' }),
  })
  .superRefine((experiment, ctx) => {
    if (experiment.model === 'open' && !experiment.rates) {
      ctx.addIssue({ code: 'custom', path: ['rates'], message: 'an open-model experiment needs rates' });
    }
    if (experiment.model === 'closed' && experiment.rates) {
      ctx.addIssue({
        code: 'custom',
        path: ['rates'],
        message: 'a closed-model experiment has no rates (its rate is whatever the connections achieve)',
      });
    }
  });

const coldStartExperimentSchema = z.strictObject({
  ...experimentBase,
  type: z.literal('cold-start'),
  services: z
    .array(count(COUNT_BOUNDS.services, 'Services made cold at once.'))
    .min(1)
    .default([1])
    .meta({ description: 'How many services are made cold and hit at once, one cell per value.' }),
  iterations: count(COUNT_BOUNDS.iterations, 'Cold requests per service.').default(5),
  idle: duration(
    DURATION_BOUNDS.idle,
    'Quiet time before each iteration. Locally it must be at least the grace period; on clusters each iteration then also waits until Knative has scaled the service to zero (stable window + grace period + queue-proxy drain).',
  ),
  gracePeriod: duration(
    DURATION_BOUNDS.gracePeriod,
    "Scale-to-zero grace period for this experiment, local target only (overrides the profile autoscaler setting there; on clusters it is config-autoscaler's, set by the profile).",
  ).optional(),
  timeout: duration(DURATION_BOUNDS.coldStartTimeout, 'Longest wait for a cold request to answer.').default(60_000),
  burst: count(
    COUNT_BOUNDS.burst,
    'Concurrent requests sent at once to each cold service per iteration; the iteration records every first byte and its total is the slowest.',
  ).default(1),
  warmBaseline: z.boolean().default(false).meta({
    description:
      'Also time a warm request each iteration (on clusters the service warm-1, deployed with min-scale 1 so it never scales to zero; locally the just-started service again), so the report can give cold-start overhead = median cold − median warm.',
  }),
});

export const experimentSchema = z.discriminatedUnion('type', [loadExperimentSchema, coldStartExperimentSchema]);

// ---------------------------------------------------------------- comparisons & thresholds

export const METRICS = ['p50', 'p90', 'p99', 'p999', 'max', 'mean'] as const;

const comparisonSchema = z.strictObject({
  name: label(LABEL_LENGTH).meta({ description: `Shown as a report heading; one line, at most ${LABEL_LENGTH} characters.` }),
  baseline: name.meta({ description: 'Profile the candidate is measured against.' }),
  candidate: name,
  experiment: name.optional().meta({ description: 'Restrict to one experiment (default: every shared one).' }),
});

const thresholdSchema = z.strictObject({
  comparison: label(LABEL_LENGTH).meta({ description: 'Name of a comparison.' }),
  metric: z.enum(METRICS),
  max: duration(DURATION_BOUNDS.thresholdMax, 'Largest acceptable latency delta (candidate − baseline).'),
});

// ---------------------------------------------------------------- cost

/** A number above 0 and at most `max`; the description ends with the range. */
function positiveAmount(max: number, text: string) {
  return z.number().positive().max(max).meta({ description: `${text} Above 0, at most ${max.toLocaleString('en')}.` });
}

export const costSchema = z
  .strictObject({
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'a three-letter currency code such as USD or EUR')
      .default('USD')
      .meta({ description: 'Currency of the prices, a three-letter code (ISO 4217); only printed beside the money.' }),
    vcpuHour: positiveAmount(COST_BOUNDS.pricePerHour, 'Price of one vCPU for one hour.'),
    gibHour: positiveAmount(COST_BOUNDS.pricePerHour, 'Price of one GiB of memory for one hour.'),
    trafficRps: positiveAmount(COST_BOUNDS.trafficRps, 'Requests per second through your mesh, each crossing one proxy as here (count service-to-service calls once per sidecar they cross).'),
    meshedPods: count(COST_BOUNDS.instances, 'Meshed pods, one sidecar (or queue-proxy) each.'),
    nodes: count(COST_BOUNDS.instances, 'Nodes, one ztunnel each (ambient mode); without it per-node memory is not priced.').optional(),
  })
  .meta({
    description:
      'Turns measured overheads into money per month (README "Cost per month"): CPU per request × traffic, memory per proxy × pods, control-plane components at their measured level. Overridable by flags of run and report.',
  });

// ---------------------------------------------------------------- suite

export const suiteSchema = z
  .strictObject({
    apiVersion: z.literal(API_VERSION),
    kind: z.literal('Suite'),
    name,
    description,
    target: z.enum(TARGETS).default('local').meta({ description: 'Where to run (CLI --target overrides).' }),
    driver: z.enum(DRIVERS).optional().meta({ description: 'Default load generator for load experiments.' }),
    profiles: z
      .array(z.union([name, profileSchema]))
      .min(1)
      .meta({ description: 'Profile names (clusters/profiles/<name>.yaml) or inline profiles.' }),
    workload: workloadSchema.default({ delay: 0, size: 1024, startupDelay: 0 }),
    stackWarmup: duration(
      DURATION_BOUNDS.stackWarmup,
      "How long each profile's stack is warmed with load before its first measured cell (default 3s on local, 30s on kind and existing); 0s skips it.",
    ).optional(),
    experiments: z.array(experimentSchema).min(1),
    comparisons: z.array(comparisonSchema).default([]),
    thresholds: z.array(thresholdSchema).default([]),
    cost: costSchema.optional(),
  })
  .meta({ title: 'meshbench suite', description: 'What meshbench measures: profiles, workload, experiments.' });

export type Profile = z.output<typeof profileSchema>;
export type Workload = z.output<typeof workloadSchema>;
export type LoadExperiment = z.output<typeof loadExperimentSchema>;
export type ColdStartExperiment = z.output<typeof coldStartExperimentSchema>;
export type Experiment = z.output<typeof experimentSchema>;
export type Comparison = z.output<typeof comparisonSchema>;
export type Threshold = z.output<typeof thresholdSchema>;
export type CostBlock = z.output<typeof costSchema>;
export type Metric = (typeof METRICS)[number];
export type TargetName = (typeof TARGETS)[number];
export type DriverName = (typeof DRIVERS)[number];
export type K6Runner = (typeof K6_RUNNERS)[number];

/** A suite after loading: profile references resolved to profile objects. */
export type Suite = Omit<z.output<typeof suiteSchema>, 'profiles'> & { profiles: Profile[] };
