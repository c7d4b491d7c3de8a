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
}

export interface StackRecord {
  profile: string;
  dataPath: string[];
  facts: Record<string, string>;
}

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
