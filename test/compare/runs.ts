// Test helper: a recorded local run (test/fixtures/runs/local-412cb26: baseline, istio-sidecar,
// knative-kourier at 100 rps × 4 repetitions, one cold-start point), loaded as `compare` loads it,
// and copies of it changed as a test needs.
import { fileURLToPath } from 'node:url';
import type { RunInput } from '../../src/compare/pairing.ts';
import { loadRun } from '../../src/results/store.ts';
import type { LoadCellResult } from '../../src/results/types.ts';

export const RECORDED = fileURLToPath(new URL('../fixtures/runs/local-412cb26', import.meta.url));

export async function recordedRun(dir = 'run'): Promise<RunInput> {
  return { dir, ...(await loadRun(RECORDED)) };
}

/** Every latency percentile of `profile`'s load cells moved by `ms`, as an added proxy delay moves them. */
export function delayed(run: RunInput, profile: string, ms: number): RunInput {
  const copy = structuredClone(run);
  for (const result of copy.results) {
    if (result.cell.profile !== profile || result.cell.type !== 'load') continue;
    const latency = (result as LoadCellResult).latency!;
    for (const key of ['min', 'mean', 'p50', 'p90', 'p99', 'p999', 'max'] as const) latency[key] += ms;
  }
  return copy;
}

/** `from` renamed `to` everywhere a run names profiles. */
export function renamed(run: RunInput, from: string, to: string): RunInput {
  const copy = structuredClone(run);
  for (const profile of copy.record.suite.profiles) if (profile.name === from) profile.name = to;
  for (const result of copy.results) if (result.cell.profile === from) result.cell.profile = to;
  for (const stack of copy.record.stacks ?? []) if (stack.profile === from) stack.profile = to;
  return copy;
}
