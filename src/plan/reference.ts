// The reference cell (pure): on targets that run profiles one after another, the same small load
// against an echo server on 127.0.0.1 at the start and at the end of the run. The two sides differ
// only by time, so a shift between them beyond the noise is drift of this machine, which the
// sequential profiles are confounded with.
import { LOAD_SETUP_MS } from './allowances.ts';
import type { LoadCell } from './types.ts';

export type ReferencePhase = 'start' | 'end';

/**
 * Five repetitions per side: 5 against 5 is the smallest even split whose exact Mann–Whitney 95 %
 * interval exists with room (C(10, 5) = 252 arrangements; 4 against 4 has 70, barely above the 40
 * needed). 1 s at 200 rps gives each repetition's median 200 requests, small next to any cell.
 */
export const REFERENCE = { repetitions: 5, rate: 200, connections: 4, durationMs: 1_000, warmupMs: 200, timeoutMs: 5_000 } as const;
/** One unrecorded second before the first repetition: the first load of a fresh process is slower (JIT, sockets). */
export const REFERENCE_PRIME_MS = 1_000;

export interface ReferencePlan {
  repetitions: number;
  rate: number;
  durationMs: number;
  /** Both phases together. */
  estimatedMs: number;
}

export function referencePlan(): ReferencePlan {
  const phaseMs = REFERENCE_PRIME_MS + LOAD_SETUP_MS + REFERENCE.repetitions * (REFERENCE.warmupMs + REFERENCE.durationMs + LOAD_SETUP_MS);
  return { repetitions: REFERENCE.repetitions, rate: REFERENCE.rate, durationMs: REFERENCE.durationMs, estimatedMs: 2 * phaseMs };
}

/** The phase's cells: repetition 0 primes (not recorded), 1… are measured. */
export function referenceCells(phase: ReferencePhase): LoadCell[] {
  return Array.from({ length: REFERENCE.repetitions + 1 }, (_, repetition) => {
    const durationMs = repetition === 0 ? REFERENCE_PRIME_MS : REFERENCE.durationMs;
    const warmupMs = repetition === 0 ? 0 : REFERENCE.warmupMs;
    return {
      id: `reference/${phase}/r${repetition}`,
      type: 'load',
      profile: 'reference',
      experiment: 'reference',
      repetition,
      estimatedMs: warmupMs + durationMs + LOAD_SETUP_MS,
      driver: 'builtin',
      model: 'open',
      arrival: 'constant',
      rate: REFERENCE.rate,
      connections: REFERENCE.connections,
      durationMs,
      warmupMs,
      timeoutMs: REFERENCE.timeoutMs,
    } satisfies LoadCell;
  });
}
