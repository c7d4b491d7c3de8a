import { Command } from 'commander';
import { failedChecks, formatChecks, judge, needsOf } from '../doctor/checks.ts';
import { probe } from '../doctor/probe.ts';
import { execaRunner } from '../exec/runner.ts';
import { k6RunnerOf } from '../drivers/k6/runner-choice.ts';
import { expandPlan } from '../plan/expand.ts';
import { largestRequests, planRequests } from '../run/cluster-requests.ts';
import { loadSuite } from '../suite/load.ts';
import { terminalSafe } from '../text/terminal-safe.ts';
import { hostPlatform } from '../targets/kind/platform.ts';
import type { TargetName } from '../suite/schema.ts';
import { EnvironmentError } from '../errors.ts';
import { targetOption } from './target-option.ts';

export function doctorCommand(): Command {
  return new Command('doctor')
    .description("check this machine for what a run needs (docker, kind, kubectl, istioctl, helm, CPU, memory, disk); exit 3 when something required is missing")
    .argument('[suite]', "suite file: check for its target and profiles (default: the kind target, any profile)")
    .addOption(targetOption())
    .action(async (file: string | undefined, options: { target?: TargetName }) => {
      const suite = file === undefined ? undefined : await loadSuite(file, { target: options.target });
      const target = options.target ?? suite?.target ?? 'kind';
      const k6Local =
        suite !== undefined &&
        expandPlan(suite, { target }).groups.some((group) => group.cells.some((cell) => cell.type === 'load' && cell.driver === 'k6' && k6RunnerOf(cell, target) === 'local'));
      // On kind the node is this machine: what the largest profile's cluster requests must fit it.
      const requested = suite !== undefined && target === 'kind' ? largestRequests(planRequests(suite, expandPlan(suite, { target }), { platform: hostPlatform() })) : undefined;
      const needs = needsOf(target, suite?.profiles ?? [], { k6Local, ...(requested ? { requested: { profile: requested.profile, ...requested.requests.peak } } : {}) });
      const results = judge(needs, await probe(execaRunner(), needs, process.cwd()));
      process.stdout.write(terminalSafe(`meshbench doctor: ${target} target${file === undefined ? '' : `, suite ${file}`}\n${formatChecks(results)}\n`));
      const failed = failedChecks(results);
      if (failed.length > 0) {
        throw new EnvironmentError(`${failed.length} required check${failed.length === 1 ? '' : 's'} failed: ${failed.join(', ')}`, {
          hint: 'fix what is marked missing above (each has a fix: line), then run meshbench doctor again',
        });
      }
    });
}
