// Shared inputs for the k6 driver tests: a load cell and workload like the planner makes.
import type { LoadCell } from '../../src/plan/types.ts';
import type { Workload } from '../../src/suite/schema.ts';

export const workload: Workload = { delay: 0, size: 1024, startupDelay: 0 };

export function loadCell(overrides: Partial<LoadCell> = {}): LoadCell {
  return {
    id: 'baseline/latency/rate=500,c=16/r1',
    profile: 'baseline',
    experiment: 'latency',
    repetition: 1,
    estimatedMs: 75_000,
    type: 'load',
    driver: 'k6',
    model: 'open',
    arrival: 'constant',
    rate: 500,
    connections: 16,
    durationMs: 60_000,
    warmupMs: 15_000,
    timeoutMs: 10_000,
    ...overrides,
  };
}

/** Every load-experiment shape the k6 driver accepts. */
export const SHAPES: { name: string; cell: LoadCell }[] = [
  { name: 'open, with warm-up', cell: loadCell() },
  { name: 'open, no warm-up', cell: loadCell({ warmupMs: 0 }) },
  { name: 'closed, with warm-up', cell: loadCell({ model: 'closed', rate: undefined, connections: 64 }) },
  { name: 'closed, no warm-up', cell: loadCell({ model: 'closed', rate: undefined, warmupMs: 0 }) },
];
