import type { ResourceUsage } from '../results/types.ts';

/** Collects resource use while a cell runs. */
export interface Sampler {
  /** Begin sampling; samples before `measureFrom()` are the warm-up and are cut. */
  start(): void;
  /** Mark the start of the measured window (end of warm-up). */
  measureFrom(): void;
  /**
   * Mark the end of the measured window (the driver's: its schedule ended). What follows — a k6 Job
   * completing, its logs being read, objects deleted — is cut. Without it the window ends at stop().
   */
  measureUntil(): void;
  /** Stop sampling and summarise the measured window; `requests` gives per-1000-request cost. */
  stop(requests: number): Promise<ResourceUsage[]>;
}
