// Issue 11: a seeded fuzz of the suite loader. Thousands of mutations of the shipped scenarios, the
// end-to-end suites and the profile files (suite-mutations.ts) go through loadSuite in-process.
// Each must load, or be refused with a SuiteError (exit 2) whose every problem names a file, a
// line ≥ 0 and a key, with a bounded message free of raw control characters; a suite that loads
// must have a plan within the limits, of the size computed before expanding. No input may take
// more than seconds (the bound is a safety net against hangs, not a speed claim) and the heap may
// not grow without bound (a billion laughs used to take 4 GB).
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandPlan } from '../../src/plan/expand.ts';
import { MAX_CELLS, MAX_ESTIMATED_MS } from '../../src/plan/limits.ts';
import { planSize } from '../../src/plan/size.ts';
import { SuiteError, loadSuite } from '../../src/suite/load.ts';
import { MAX_PROBLEMS_SHOWN } from '../../src/suite/errors.ts';
import { SEED_PROFILES, mutants } from './suite-mutations.ts';

const SEED = 20_260_511;
const INPUTS = 3_000;
/** Per input: a safety net far above the milliseconds one takes, so a hang fails instead of stalling CI. */
const INPUT_MS = 5_000;
const HEAP_GROWTH_BYTES = 384 * 2 ** 20;
const MESSAGE_LENGTH = 2_100;
const KEY_LENGTH = 1_000;
const RAW_CONTROL = /[\0-\x1f\x7f-\x9f]/;

describe('the suite loader under fuzzing', () => {
  it(
    `loads or refuses cleanly each of ${INPUTS} mutated suites and profiles (seed ${SEED})`,
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'meshbench-fuzz-'));
      const profilesDir = join(dir, 'profiles');
      await cp('clusters/profiles', profilesDir, { recursive: true });
      const file = join(dir, 'suite.yaml');
      const violations: string[] = [];
      const outcomes = { loaded: 0, refused: 0 };
      const heapAtStart = process.memoryUsage().heapUsed;
      let heapPeak = heapAtStart;

      let index = 0;
      for (const mutant of mutants(SEED, INPUTS)) {
        await writeFile(file, mutant.suite);
        if (mutant.profile) await writeFile(join(profilesDir, `${mutant.profile.name}.yaml`), mutant.profile.text);
        const started = performance.now();
        const found = await loadSuite(file, { profilesDir }).then(
          (suite) => {
            outcomes.loaded++;
            return loadedProblems(suite);
          },
          (error: unknown) => {
            outcomes.refused++;
            return refusalProblems(error, file, profilesDir);
          },
        );
        const elapsed = performance.now() - started;
        if (elapsed > INPUT_MS) found.push(`took ${Math.round(elapsed)} ms`);
        if (found.length > 0) violations.push(`input ${index} (${mutant.edits.join(', ')}): ${found.join('; ')}\n  suite: ${JSON.stringify(mutant.suite.slice(0, 300))}`);
        if (mutant.profile) await writeFile(join(profilesDir, `${mutant.profile.name}.yaml`), SEED_PROFILES[mutant.profile.name]!);
        if (index % 50 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
        index++;
      }

      expect(index).toBe(INPUTS);
      expect(violations.slice(0, 10)).toEqual([]);
      // Both outcomes occur, so the fuzz reaches past the first check.
      expect(outcomes.loaded).toBeGreaterThan(INPUTS / 50);
      expect(outcomes.refused).toBeGreaterThan(INPUTS / 2);
      expect(heapPeak - heapAtStart).toBeLessThan(HEAP_GROWTH_BYTES);
    },
    120_000,
  );
});

/** A suite that loaded: its plan is within the limits and as large as computed without expanding. */
function loadedProblems(suite: Awaited<ReturnType<typeof loadSuite>>): string[] {
  const size = planSize(suite, suite.target);
  if (size.cells > MAX_CELLS || size.estimatedMs > MAX_ESTIMATED_MS) return [`loaded with a plan of ${size.cells} cells, ${size.estimatedMs} ms`];
  const plan = expandPlan(suite, { target: suite.target });
  return plan.cellCount === size.cells ? [] : [`plan has ${plan.cellCount} cells, computed ${size.cells}`];
}

/** A refusal: exit-2 shaped, every problem located in the suite or a profile file, printable and bounded. */
function refusalProblems(error: unknown, file: string, profilesDir: string): string[] {
  if (!(error instanceof SuiteError)) return [`threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`];
  const found: string[] = [];
  if (error.exitCode !== 2) found.push(`exit code ${error.exitCode}`);
  if (error.problems.length === 0 || error.problems.length > MAX_PROBLEMS_SHOWN + 1) found.push(`${error.problems.length} problems`);
  for (const problem of error.problems) {
    const shown = JSON.stringify(problem).slice(0, 300);
    if (problem.file !== file && !problem.file.startsWith(profilesDir)) found.push(`problem in an unexpected file: ${shown}`);
    if (!Number.isInteger(problem.line) || problem.line < 0 || !Number.isInteger(problem.column) || problem.column < 0) found.push(`bad position: ${shown}`);
    if (typeof problem.key !== 'string' || problem.key.length > KEY_LENGTH) found.push(`bad key: ${shown}`);
    if (typeof problem.message !== 'string' || problem.message.length === 0 || problem.message.length > MESSAGE_LENGTH) found.push(`bad message length: ${shown}`);
    if (RAW_CONTROL.test(problem.file + problem.key + problem.message)) found.push(`raw control character: ${shown}`);
  }
  return found;
}
