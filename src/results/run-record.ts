// The shape of run.json: what was asked for (suite, plan), where and how it ran, and how it
// ended. `meshbench report` re-renders from this file and results.json alone, so everything a
// report shows about the run itself must live here.
import os from 'node:os';
import type { Analysis } from '../analysis/types.ts';
import type { Plan } from '../plan/types.ts';
import type { Suite, TargetName } from '../suite/schema.ts';

export const RUN_SCHEMA_VERSION = 1;

/** running: cells still being measured (or the process died); partial: stopped early, what was measured is kept. */
export type RunStatus = 'running' | 'complete' | 'partial' | 'failed';

/** The machine the harness ran on: numbers from different machines are not comparable. */
export interface RunEnvironment {
  hostname: string;
  platform: string;
  release: string;
  arch: string;
  cpus: number;
  cpuModel: string;
  memoryMiB: number;
  node: string;
}

export interface RunRecord {
  schemaVersion: typeof RUN_SCHEMA_VERSION;
  meshbenchVersion: string;
  suite: Suite;
  suiteFile: string;
  plan: Plan;
  target: TargetName;
  /** True when the data path was emulated (local target): every report says so on its first screen. */
  emulation: boolean;
  status: RunStatus;
  startedAt: string;
  finishedAt?: string;
  /** The signal that stopped the run early, e.g. "SIGINT". */
  interruptedBy?: string;
  error?: string;
  /** argv as typed, so the run can be repeated. */
  command: string[];
  environment: RunEnvironment;
  analysis?: Analysis;
  notes: string[];
  /** What each profile ran on: data path and facts (versions, nodes, images) the target reported. */
  stacks?: StackRecord[];
  /** interleaved (local) or sequential (clusters); absent in runs recorded before it was. */
  schedule?: 'interleaved' | 'sequential';
  /** Plan cell ids in the order they ran (warm-ups and reference cells are not cells). */
  order?: string[];
  /** How machine drift was controlled or checked. */
  drift?: DriftRecord;
}

export interface StackRecord {
  profile: string;
  dataPath: string[];
  facts: Record<string, string>;
  /** The unrecorded load that warmed the stack before its first measured cell (absent in older runs). */
  warmup?: WarmupRecord;
}

export type WarmupRecord =
  | {
      ms: number;
      requests: number;
      errors: number;
      /** Requests per second; absent for a closed-model warm-up. */
      rate?: number;
      connections: number;
      driver: string;
    }
  | { skipped: string }
  /** The profile's cells were not measured: a cold stack is not measured silently. */
  | { failed: string };

/** The reference cell's p50 per repetition at the run's start and end, and the shift end − start. */
export interface ReferenceDrift {
  method: 'reference';
  metric: 'p50_ms';
  rate: number;
  durationMs: number;
  start: number[];
  end: number[];
  /** Hodges–Lehmann estimate of end − start, ms. */
  shiftMs: number;
  /** 95 % exact Mann–Whitney interval of the shift. */
  ci: { low: number; high: number } | undefined;
  coverage: number | undefined;
  /** The interval excludes 0: drift larger than the noise. */
  flagged: boolean;
}

export type DriftRecord =
  | { method: 'interleaved'; detail: string }
  | ReferenceDrift
  /** A reference phase could not run (e.g. interrupted): no check. */
  | { method: 'reference'; error: string };

export function captureEnvironment(): RunEnvironment {
  const cpus = os.cpus();
  return {
    hostname: os.hostname(),
    platform: os.platform(),
    release: os.release(),
    arch: os.arch(),
    // os.cpus() can be empty in some containers; availableParallelism() still answers.
    cpus: cpus.length || os.availableParallelism(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryMiB: Math.round(os.totalmem() / 1024 / 1024),
    node: process.version,
  };
}
