import type { ColdStartExperiment, DriverName, LoadExperiment, Profile, TargetName } from '../suite/schema.ts';

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
  estimatedMs: number;
}

/** The ordered plan: grouped by profile so each profile's stack is prepared once. */
export interface Plan {
  suite: string;
  target: TargetName;
  groups: PlanGroup[];
  cellCount: number;
  estimatedMs: number;
}

export type { ColdStartExperiment, LoadExperiment };
