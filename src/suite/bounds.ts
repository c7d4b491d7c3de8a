// The bounds of every number, duration and text in a suite, each with its reason; the schema
// (schema.ts) applies them and states them in its descriptions, the README lists them. They keep a
// typo from expanding a plan until the heap dies, blocking the event loop (1e9 rps), overflowing
// Node's timers (2^31 − 1 ms, about 24.8 days) or failing late with a stack trace; each is far
// beyond what a benchmark run needs.
import { MAX_DELAY_MS, MAX_SIZE } from '../workloads/echo/options.ts';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Names become directory names (the run directory is <timestamp>-<suite>) and Kubernetes objects: a DNS label. */
export const NAME_LENGTH = 63;
/** Comparison names are free text shown as report headings. */
export const LABEL_LENGTH = 100;
export const DESCRIPTION_LENGTH = 2_000;
/** Version pins ("1.28.3", "v0.30.0"). */
export const VERSION_LENGTH = 64;
/** A container image reference, at most 255 characters in Docker's distribution/reference. */
export const IMAGE_LENGTH = 255;

export const DURATION_BOUNDS = {
  /**
   * A window under 100 ms holds too few requests for a percentile (k6 also refuses under 1 s); one
   * over an hour lets the machine drift inside a single cell: repeat the cell instead.
   */
  loadDuration: { min: 100, max: HOUR },
  loadWarmup: { min: 0, max: 10 * MINUTE },
  /**
   * The per-request timeout guards against hung requests, it is no latency goal: under 100 ms it
   * would cut the very tail being measured (0 ms timed out requests on loopback).
   */
  loadTimeout: { min: 100, max: 5 * MINUTE },
  /** Knative's longest stable window is an hour: no longer quiet time is needed to reach zero. */
  idle: { min: 0, max: HOUR },
  gracePeriod: { min: 0, max: HOUR },
  /** A cold start may pull an image and schedule a pod on a busy cluster, never for half an hour. */
  coldStartTimeout: { min: SECOND, max: 30 * MINUTE },
  /** The echo servers' own ceiling (local server, fortio -max-echo-delay). */
  workloadDelay: { min: 0, max: MAX_DELAY_MS },
  startupDelay: { min: 0, max: 5 * MINUTE },
  stackWarmup: { min: 0, max: 10 * MINUTE },
  /** A latency shift threshold past the longest request timeout could never be reached. */
  thresholdMax: { min: 0, max: 5 * MINUTE },
  /** Knative's autoscaler periods (its stable window is at most an hour too). */
  autoscalerPeriod: { min: 0, max: HOUR },
  /**
   * The regression a profile injects into the local emulation's proxy hop (emulation.proxyDelay):
   * a sidecar costs a fraction of a millisecond to a few, so a second per request is far past any
   * regression worth rehearsing; longer only makes requests time out.
   */
  proxyDelay: { min: 0, max: SECOND },
} as const;

export const COUNT_BOUNDS = {
  /** A verdict needs 4 a side and the default 8 finds a 1.5 × IQR shift 87 % of the time; 1000 is far past any gain. */
  repetitions: 1_000,
  /**
   * The builtin driver tops out at tens of thousands of requests per second on a laptop and k6 at
   * 1000 VUs per runner; at 1e9 the builtin driver's scheduler blocks the event loop for a minute.
   */
  rate: 100_000,
  /** Sockets from one generator; past 10,000 the machine's file descriptors and ports run out first. */
  connections: 10_000,
  /** k6-operator runner pods. */
  parallelism: 100,
  /** Services made cold at once: local processes or Knative Services started together. */
  services: 100,
  iterations: 1_000,
  /** Concurrent first requests to each cold service. */
  burst: 1_000,
  /** The echo servers refuse bodies above 64 MiB (they build each one in memory). */
  size: MAX_SIZE,
  /** Knative's default container-concurrency-max-limit: a target above any service's limit is never reached. */
  containerConcurrency: 1_000,
  /** More than the requests meshbench can ever have in flight (the builtin driver's cap is 10,000) is the same as -1. */
  targetBurstCapacity: 100_000,
} as const;

/**
 * The cost model's inputs (suite `cost:`, `--vcpu-hour-price` …): generous ceilings that only catch
 * a typo (a price per month written as per hour, a pod count with extra zeros), so money figures
 * stay finite and readable.
 */
export const COST_BOUNDS = {
  /** Currency per vCPU-hour or per GiB-hour: on-demand prices are cents; 1000 is far past any. */
  pricePerHour: 1_000,
  /** Requests per second of the user's whole mesh. */
  trafficRps: 100_000_000,
  /** Meshed pods (one sidecar each) or nodes (one ztunnel each). */
  instances: 10_000_000,
} as const;
