import { join } from 'node:path';
import { Command } from 'commander';
import { expandPlan } from '../plan/expand.ts';
import { formatPlan } from '../plan/format.ts';
import type { Plan } from '../plan/types.ts';
import { compactTimestamp } from '../results/store.ts';
import { defaultKubeconfig, runIdOf, type ClusterFlags } from '../run/open-target.ts';
import { loadSuite } from '../suite/load.ts';
import { terminalSafe } from '../text/terminal-safe.ts';
import type { Suite, TargetName } from '../suite/schema.ts';
import { formatSteps, type Step } from '../targets/cluster/steps.ts';
import { describeObject } from '../kube/objects.ts';
import { existingProfileSteps, restoredObjects } from '../targets/existing/index.ts';
import { clusterName } from '../targets/kind/cluster.ts';
import { kindProfileSteps } from '../targets/kind/index.ts';
import { hostPlatform } from '../targets/kind/platform.ts';
import { formatRequests, type ClusterRequests } from '../targets/cluster/requests.ts';
import { profileRequests } from '../run/cluster-requests.ts';
import { runNamespace } from '../targets/cluster/profile-steps.ts';
import { profileNeeds } from '../run/profile-needs.ts';
import { clusterOptions } from './cluster-options.ts';
import { targetOption } from './target-option.ts';

type PlanFlags = { target?: TargetName; out?: string } & ClusterFlags;

export function planCommand(): Command {
  const command = new Command('plan')
    .description('print the ordered plan a run would execute: cells per profile, estimated duration and, on kind or existing, every command and manifest')
    .argument('<suite>', 'suite file (scenarios/*.yaml)')
    .addOption(targetOption())
    .option('--out <dir>', 'run directory the run would write (default: reports/<timestamp>-<suite>)');
  for (const option of clusterOptions()) command.addOption(option);
  return command.action(async (file: string, options: PlanFlags) => {
    const suite = await loadSuite(file, { target: options.target, install: options.install });
    const target = options.target ?? suite.target;
    const plan = expandPlan(suite, { target });
    // Version pins and flags (--out, --context) are echoed in the plan: control characters neutralised.
    process.stdout.write(`${terminalSafe(formatPlan(plan))}\n`);
    if (target !== 'local') process.stdout.write(`\n${terminalSafe(clusterPlan(suite, plan, target, options))}\n`);
  });
}

/** What the profile's pods request at its busiest, and of what: what doctor holds against this machine. */
function requestsText({ peak, items }: ClusterRequests, target: 'kind' | 'existing'): string {
  const scope = target === 'kind' ? 'the cluster requests' : 'meshbench deploys requests';
  const list = items.map((item) => `     ${item.what}: ${+(item.cpuMillicores / 1000).toFixed(3)} CPU, ${Math.round(item.memoryBytes / 2 ** 20)} Mi`);
  return [`resources: ${scope} ${formatRequests(peak)} at its busiest (the load generators or the cold-start pods, whichever is more):`, ...list].join('\n');
}

/** Every command and manifest a cluster run would execute, profile by profile, then the cleanup. */
function clusterPlan(suite: Suite, plan: Plan, target: 'kind' | 'existing', options: PlanFlags): string {
  const runDir = options.out ?? join('reports', `${compactTimestamp(new Date())}-${suite.name}`);
  const runId = runIdOf(runDir);
  // A plan asks no daemon: it shows this host's platform, where a run uses the docker daemon's.
  const platform = hostPlatform();
  const profiles = plan.groups.map(({ profile, cells }) => {
    const needs = profileNeeds(cells, target);
    const steps =
      target === 'kind'
        ? kindProfileSteps(profile, suite.workload, { workDir: runDir, runId, platform }, options.reuseClusters === true, needs)
        : existingProfileSteps(profile, suite.workload, { runId, kubeconfig: defaultKubeconfig(options.kubeconfig), context: options.context, install: options.install === true, ingressUrl: options.ingressUrl }, needs);
    return { profile, steps, requests: profileRequests(profile, steps, cells, target, options.install === true) };
  });
  const sections = profiles.map(({ profile, steps, requests }) => `== profile ${profile.name} on the ${target} target ==\n${requestsText(requests, target)}\n${formatSteps(steps)}`);
  const cleanup =
    target === 'existing'
      ? profiles.flatMap(({ profile, steps }) => existingTeardown(profile.name, runNamespace(runId, profile.name), steps))
      : options.keepClusters
        ? ['keep every cluster (--keep-clusters)']
        : [
            ...(options.reuseClusters ? ['clusters adopted with --reuse-clusters are kept; the ones this run created are deleted:'] : []),
            // Each right after its profile's cells, so no cluster runs beside the next one measured.
            ...plan.groups.map(({ profile }) => `$ kind delete cluster --name ${clusterName(profile)} --kubeconfig ${join(runDir, `${clusterName(profile)}.kubeconfig`)}`),
          ];
  const note = target === 'kind' ? `images are saved for ${platform}, this machine's platform; a run saves them for the docker daemon's (docker info Architecture)\n\n` : '';
  return `${note}${sections.join('\n\n')}\n\n== cleanup ==\n${cleanup.join('\n')}`;
}

/** What the existing target undoes after a profile's cells (or at the end, after a failed prepare). */
function existingTeardown(profile: string, namespace: string, steps: Step[]): string[] {
  return [
    `after the cells of ${profile} (or at the end, if its preparation failed or was interrupted):`,
    `  delete namespace ${namespace} if it carries this run's ownership labels (else leave it and warn)`,
    ...restoredObjects(steps)
      .reverse()
      .map((object) => `  restore ${describeObject(object)} (deleted if the run created it, else the previous values of the fields it set)`),
  ];
}
