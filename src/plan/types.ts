import type { ColdStartExperiment, DriverName, LoadExperiment, Profile, TargetName } from '../suite/schema.ts';
import type { Schedule } from './order.ts';
import type { ReferencePlan } from './reference.ts';
import type { StackWarmupPlan } from './warmup.ts';

/** One point of the matrix: profile × experiment × parameters × repetition. */
export type PlanCell = LoadCell | ColdStartCell;

interface CellBase {
  /** Stable, unique, readable: "<profile>/<experiment>/<params>/r<repetition>". */
  id: string;
  profile: string;
  experiment: string;
  /** 1-based. */
  repetition: number;
  /** Expected wall time of the cell, milliseconds. */
  estimatedMs: number;
}

export interface LoadCell extends CellBase {
  type: 'load';
  driver: DriverName;
  model: LoadExperiment['model'];
  arrival: LoadExperiment['arrival'];
  /** Requests per second; undefined for the closed model. */
  rate: number | undefined;
  connections: number;
  durationMs: number;
  warmupMs: number;
  timeoutMs: number;
  /** How the k6 driver runs this cell, when the experiment says. */
  k6?: LoadExperiment['k6'];
}

export interface ColdStartCell extends CellBase {
  type: 'cold-start';
  /** Services made cold and requested at once. */
  services: number;
  iterations: number;
  idleMs: number;
  /** Knative only: the scale-to-zero grace period in force for this cell (none on a plain Deployment). */
  gracePeriodMs?: number;
  timeoutMs: number;
  /** Concurrent requests to each cold service per iteration; set only above 1, so older plans read the same. */
  burst?: number;
  /** Each iteration also times a warm request (set only when asked, so older plans read the same). */
  warmBaseline?: true;
}

export interface PlanGroup {
  profile: Profile;
  cells: PlanCell[];
  /** Load that warms the stack before its first measured cell (unrecorded), or why there is none. */
  warmup: StackWarmupPlan;
  /** The cells and the warm-up. */
  estimatedMs: number;
}

/** The ordered plan: grouped by profile so each profile's stack is prepared once. */
export interface Plan {
  suite: string;
  target: TargetName;
  groups: PlanGroup[];
  /** interleaved: all sessions at once, load cells round-robin; sequential: one profile after another. */
  schedule: Schedule;
  /** Cell ids in the order they run. */
  order: string[];
  /** Sequential runs only: the drift reference at the start and end of the run. */
  reference?: ReferencePlan;
  cellCount: number;
  /** Cells, warm-ups and reference. */
  estimatedMs: number;
}

export type { ColdStartExperiment, LoadExperiment };
