// The suite and profile formats. One zod schema is the single source of truth: it validates
// files, gives the TypeScript types (z.output) and is exported as JSON Schema for editors.
import { z } from 'zod';
import { DURATION_PATTERN, formatDuration, parseDuration } from './duration.ts';

export const API_VERSION = 'meshbench.dev/v1alpha1';

const name = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, 'a lowercase name: letters, digits, "-" and "."');

/** A duration string ("500ms", "30s", "2m") parsed to milliseconds. */
export const duration = z
  .string()
  .regex(new RegExp(DURATION_PATTERN), 'a duration with a unit, like "500ms", "30s" or "2m"')
  .transform((text) => parseDuration(text) as number)
  .meta({ description: 'Duration with a unit: ms, s, m or h (e.g. "500ms", "30s", "2m").' });

const positiveInt = z.number().int().positive();

// ---------------------------------------------------------------- profiles

export const TARGETS = ['local', 'kind', 'existing'] as const;
export const DRIVERS = ['builtin', 'k6'] as const;
export const K6_RUNNERS = ['job', 'testrun', 'local'] as const;

const meshSchema = z
  .strictObject({
    type: z
      .enum(['none', 'istio-sidecar', 'istio-ambient'])
      .meta({ description: 'Data-plane mesh in front of the workload.' }),
    version: z.string().optional().meta({ description: 'Pinned mesh release, e.g. "1.27.3".' }),
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
    scaleToZeroGracePeriod: duration.optional().meta({ description: 'config-autoscaler scale-to-zero-grace-period; Knative requires it > 0.' }),
    stableWindow: duration
      .optional()
      .meta({ description: 'config-autoscaler stable-window, also written as each service\'s autoscaling.knative.dev/window; whole seconds from 6s to 1h.' }),
    scaleToZeroPodRetentionPeriod: duration.optional(),
    targetBurstCapacity: z.number().int().min(-1).optional(),
    containerConcurrencyTargetDefault: positiveInt.optional(),
  })
  .superRefine((autoscaler, ctx) => {
    const window = autoscaler.stableWindow;
    if (window !== undefined && (window < STABLE_WINDOW_MIN_MS || window > STABLE_WINDOW_MAX_MS || window % 1000 !== 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['stableWindow'],
        message: `expected whole seconds from 6s to 1h, the stable window Knative accepts (config-autoscaler stable-window and autoscaling.knative.dev/window); got ${formatDuration(window)}`,
      });
    }
    if (autoscaler.scaleToZeroGracePeriod === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['scaleToZeroGracePeriod'],
        message: 'expected a duration above 0 (Knative: "scale-to-zero-grace-period must be positive"); got 0ms',
      });
    }
  })
  .meta({ description: 'Knative config-autoscaler settings (camelCase of its keys).' });

const servingSchema = z
  .strictObject({
    type: z
      .enum(['deployment', 'knative'])
      .meta({ description: 'deployment: a plain Deployment + Service; knative: a Knative Service.' }),
    version: z.string().optional().meta({ description: 'Pinned Knative Serving release, e.g. "1.19.0".' }),
    ingress: z.enum(['kourier', 'istio']).optional(),
    ingressVersion: z
      .string()
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
    description: z.string().optional(),
    kubernetes: z
      .strictObject({
        nodeImage: z.string().meta({ description: 'kind node image, pinned by digest.' }),
        kindVersion: z.string().optional(),
      })
      .optional(),
    mesh: meshSchema.default({ type: 'none', telemetry: 'default', mtls: 'permissive' }),
    serving: servingSchema.default({ type: 'deployment' }),
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
    delay: duration.default(0).meta({ description: 'Echo server response delay (fortio-style ?delay=).' }),
    size: z.number().int().min(0).default(1024).meta({ description: 'Response payload in bytes (?size=).' }),
    startupDelay: duration
      .default(0)
      .meta({ description: 'Extra time before the workload listens (cold-start emulation).' }),
  })
  .meta({ description: 'The echo workload every profile serves.' });

const experimentBase = {
  name,
  description: z.string().optional(),
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
    rates: z.array(positiveInt).min(1).optional().meta({ description: 'Requests per second (open model).' }),
    connections: z
      .array(positiveInt)
      .min(1)
      .default([16])
      .meta({ description: 'Open model: connection pool size; closed model: concurrent clients.' }),
    duration: duration.meta({ description: 'Measured window per cell, after warm-up.' }),
    warmup: duration.default(0).meta({ description: 'Traffic sent before the measured window and cut from it.' }),
    repetitions: positiveInt.default(8).meta({
      description:
        'Independent runs of each cell; each gives one value per percentile, and comparisons are over these values. A verdict needs at least 4 a side; the default 8 finds a shift of 1.5 × the per-repetition interquartile range about 87% of the time (README "How the numbers are made trustworthy").',
    }),
    timeout: duration.default(10_000).meta({ description: 'Per-request timeout.' }),
    k6: z
      .strictObject({
        runner: z
          .enum(K6_RUNNERS)
          .optional()
          .meta({ description: 'job: one k6 pod; testrun: k6-operator with parallelism runners; local: the k6 binary here (default: local on the local target, else job, or testrun when parallelism > 1).' }),
        parallelism: positiveInt.default(1).meta({ description: 'k6-operator runner pods sharing the load (testrun).' }),
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
    .array(positiveInt)
    .min(1)
    .default([1])
    .meta({ description: 'How many services are made cold and hit at once, one cell per value.' }),
  iterations: positiveInt.default(5).meta({ description: 'Cold requests per service.' }),
  idle: duration.meta({
    description:
      'Quiet time before each iteration. Locally it must be at least the grace period; on clusters each iteration then also waits until Knative has scaled the service to zero (stable window + grace period + queue-proxy drain).',
  }),
  gracePeriod: duration
    .optional()
    .meta({ description: 'Scale-to-zero grace period for this experiment, local target only (overrides the profile autoscaler setting there; on clusters it is config-autoscaler\'s, set by the profile).' }),
  timeout: duration.default(60_000).meta({ description: 'Longest wait for a cold request to answer.' }),
  burst: positiveInt.default(1).meta({
    description:
      'Concurrent requests sent at once to each cold service per iteration; the iteration records every first byte and its total is the slowest.',
  }),
  warmBaseline: z.boolean().default(false).meta({
    description:
      'Also time a warm request each iteration (on clusters the service warm-1, deployed with min-scale 1 so it never scales to zero; locally the just-started service again), so the report can give cold-start overhead = median cold − median warm.',
  }),
});

export const experimentSchema = z.discriminatedUnion('type', [loadExperimentSchema, coldStartExperimentSchema]);

// ---------------------------------------------------------------- comparisons & thresholds

export const METRICS = ['p50', 'p90', 'p99', 'p999', 'max', 'mean'] as const;

const comparisonSchema = z.strictObject({
  name: z.string().min(1),
  baseline: name.meta({ description: 'Profile the candidate is measured against.' }),
  candidate: name,
  experiment: name.optional().meta({ description: 'Restrict to one experiment (default: every shared one).' }),
});

const thresholdSchema = z.strictObject({
  comparison: z.string().min(1).meta({ description: 'Name of a comparison.' }),
  metric: z.enum(METRICS),
  max: duration.meta({ description: 'Largest acceptable latency delta (candidate − baseline).' }),
});

// ---------------------------------------------------------------- suite

export const suiteSchema = z
  .strictObject({
    apiVersion: z.literal(API_VERSION),
    kind: z.literal('Suite'),
    name,
    description: z.string().optional(),
    target: z.enum(TARGETS).default('local').meta({ description: 'Where to run (CLI --target overrides).' }),
    driver: z.enum(DRIVERS).optional().meta({ description: 'Default load generator for load experiments.' }),
    profiles: z
      .array(z.union([name, profileSchema]))
      .min(1)
      .meta({ description: 'Profile names (clusters/profiles/<name>.yaml) or inline profiles.' }),
    workload: workloadSchema.default({ delay: 0, size: 1024, startupDelay: 0 }),
    stackWarmup: duration.optional().meta({
      description: "How long each profile's stack is warmed with load before its first measured cell (default 3s on local, 30s on kind and existing); 0s skips it.",
    }),
    experiments: z.array(experimentSchema).min(1),
    comparisons: z.array(comparisonSchema).default([]),
    thresholds: z.array(thresholdSchema).default([]),
  })
  .meta({ title: 'meshbench suite', description: 'What meshbench measures: profiles, workload, experiments.' });

export type Profile = z.output<typeof profileSchema>;
export type Workload = z.output<typeof workloadSchema>;
export type LoadExperiment = z.output<typeof loadExperimentSchema>;
export type ColdStartExperiment = z.output<typeof coldStartExperimentSchema>;
export type Experiment = z.output<typeof experimentSchema>;
export type Comparison = z.output<typeof comparisonSchema>;
export type Threshold = z.output<typeof thresholdSchema>;
export type Metric = (typeof METRICS)[number];
export type TargetName = (typeof TARGETS)[number];
export type DriverName = (typeof DRIVERS)[number];
export type K6Runner = (typeof K6_RUNNERS)[number];

/** A suite after loading: profile references resolved to profile objects. */
export type Suite = Omit<z.output<typeof suiteSchema>, 'profiles'> & { profiles: Profile[] };
