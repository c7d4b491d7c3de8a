// What the activator emulation and the local target say to each other: stdout events, the
// cold-start timeline header and the control endpoints' answers.

export const TIMELINE_HEADER = 'x-meshbench-timeline';
export const STATE_PATH = '/__meshbench/state';
export const SCALE_TO_ZERO_PATH = '/__meshbench/scale-to-zero';
export const CONFIG_PATH = '/__meshbench/config';

/** Activator-side marks of one cold request: process.hrtime.bigint() ns as decimal strings. */
export interface ColdTimeline {
  service: string;
  received: string;
  spawned: string;
  port_open: string;
  ready: string;
  forwarded: string;
}

/** Phase names in timeline order (the harness adds `first_byte` after them, `sent` is the origin). */
export const ACTIVATOR_PHASES = ['received', 'spawned', 'port_open', 'ready', 'forwarded'] as const;

/** A process of an instance appearing or going, printed on the activator's stdout. */
export interface ProcessEvent {
  event: 'process';
  state: 'started' | 'exited';
  service: string;
  component: 'workload' | 'queue-proxy';
  pid: number;
}

export interface ServiceState {
  instance: { state: 'starting' | 'ready'; inFlight: number; pids: number[] } | null;
  /** Processes of a stopped instance that have not exited yet: the service is not at zero. */
  terminatingPids: number[];
}

export interface ActivatorState {
  gracePeriodMs: number;
  services: Record<string, ServiceState>;
  timelines: ColdTimeline[];
}
