// The seam between the pipeline and where a profile is realised (local processes, kind, an
// existing cluster). One contract line per method, like kind's node Provider.
import type { ColdStartCell, PlanCell } from '../plan/types.ts';
import type { ColdStartIteration } from '../results/types.ts';
import type { Profile, TargetName, Workload } from '../suite/schema.ts';
import type { Kube } from '../kube/kube.ts';
import type { Sampler } from '../measure/sampler.ts';

export interface Target {
  readonly name: TargetName;
  /** True when the data path is emulated (the local target): every report says so. */
  readonly emulation: boolean;
  /** Realise one profile serving the workload; the session lives until closed. */
  prepare(profile: Profile, workload: Workload, signal: AbortSignal, needs?: ProfileNeeds): Promise<ProfileSession>;
  /** Stop everything this target started, idempotent; called on success, failure and interrupt. */
  cleanup(): Promise<void>;
}

/** What the profile's cells will ask of the session, known from the plan before it starts. */
export interface ProfileNeeds {
  /** Services cold-start cells make cold at once (their largest `services`); 0 without cold-start cells. */
  coldStartServices: number;
  /** Some cold-start cell times a warm baseline (clusters deploy warm-1, kept at one replica). */
  warmBaseline: boolean;
  /** Some load cell runs k6 inside the cluster (its image is loaded before anything is measured). */
  inClusterK6: boolean;
  /** Some load cell sends from this machine (builtin, or the local k6 binary) to the session's url. */
  hostLoad: boolean;
}

export interface InCluster {
  kube: Kube;
  /** The run's namespace, where load generators run too. */
  namespace: string;
  runId: string;
  /** The workload's in-cluster URL (its Service, or the Knative route's cluster-local address). */
  url: string;
}

export interface ProfileSession {
  readonly profile: string;
  /** URL the load driver sends to (warm data path). */
  readonly url: string;
  /** Headers every request needs, e.g. Host for a Knative route behind the ingress. */
  readonly headers?: Record<string, string>;
  /** Hops a request crosses, client first, e.g. ["client", "proxy (built-in)", "workload"]. */
  readonly dataPath: string[];
  /** Facts worth printing in the report, e.g. which proxy implementation is used. */
  readonly notes: string[];
  /** The stack as recorded in run.json: versions, nodes, images ("kubernetes": "v1.34.0", …). */
  readonly facts?: Record<string, string>;
  /** Cluster targets: what an in-cluster load generator (a k6 Job) needs to reach the workload. */
  readonly cluster?: InCluster;
  /** Make `cell.services` services cold and request them at once, `cell.iterations` times each. */
  coldStart?(cell: ColdStartCell, signal: AbortSignal): Promise<{ iterations: ColdStartIteration[]; discardedWarm: number }>;
  /** A resource sampler for the processes or containers that serve `cell` (its workload's pods, not the namespace's). */
  sampler(cell: PlanCell): Sampler;
  /** Release this profile's processes or objects. */
  close(): Promise<void>;
}
