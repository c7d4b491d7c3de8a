// The doctor's checks, run before a cluster run creates anything: a missing tool stops the run
// at once (exit 3) with the same fix hints `meshbench doctor` prints. The facts it probed (the
// docker daemon's architecture among them) are handed back for the run to use.
import { EnvironmentError } from '../errors.ts';
import type { Runner } from '../exec/runner.ts';
import type { Profile, TargetName } from '../suite/schema.ts';
import { failedChecks, formatChecks, judge, needsOf, type Facts, type Requested } from './checks.ts';
import { probe } from './probe.ts';

export async function preflight(runner: Runner, target: TargetName, profiles: Profile[], options: { install?: boolean; requested?: Requested | undefined } = {}): Promise<Facts> {
  const needs = needsOf(target, profiles, options);
  const facts = await probe(runner, needs, process.cwd());
  const results = judge(needs, facts);
  const failed = failedChecks(results);
  if (failed.length === 0) return facts;
  throw new EnvironmentError(
    `the ${target} target cannot run here: ${failed.join(', ')} missing or not working (nothing was created)\n${formatChecks(results.filter((result) => result.status === 'missing'))}`,
    { hint: 'fix what is listed above, then check with `meshbench doctor`' },
  );
}
