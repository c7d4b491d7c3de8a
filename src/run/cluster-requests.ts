// What each profile's cluster must schedule for this plan: the steps a run would apply, summed by
// src/targets/cluster/requests.ts, with as many k6 pods as the plan's in-cluster cells run at
// once. `plan` prints it; doctor and the run's preflight hold the largest one against this machine
// (kind's node is this machine's docker, and kind reserves nothing for the kubelet).
import { k6RunnerOf } from '../drivers/k6/runner-choice.ts';
import type { Plan, PlanCell } from '../plan/types.ts';
import type { Profile, Suite, TargetName } from '../suite/schema.ts';
import { clusterRequests, type ClusterRequests } from '../targets/cluster/requests.ts';
import type { Step } from '../targets/cluster/steps.ts';
import { existingProfileSteps } from '../targets/existing/index.ts';
import { kindProfileSteps } from '../targets/kind/index.ts';
import { profileNeeds } from './profile-needs.ts';

export interface ProfileRequests {
  profile: string;
  requests: ClusterRequests;
}

/** k6 pods a profile's load cells run at once in the cluster: 1 for a Job, N for a TestRun. */
function k6PodsOf(cells: readonly PlanCell[], target: TargetName): number {
  return Math.max(0, ...cells.map((cell) => {
    if (cell.type !== 'load' || cell.driver !== 'k6') return 0;
    const runner = k6RunnerOf(cell, target);
    return runner === 'local' ? 0 : runner === 'testrun' ? (cell.k6?.parallelism ?? 1) : 1;
  }));
}

/** What one profile's cluster requests, given the steps that deploy it and the cells it runs. */
export function profileRequests(profile: Profile, steps: readonly Step[], cells: readonly PlanCell[], target: 'kind' | 'existing', install: boolean): ClusterRequests {
  const kind = target === 'kind';
  return clusterRequests(profile, steps, { includeSystem: kind, includeComponents: kind || install, k6Pods: k6PodsOf(cells, target) });
}

/** Per profile, in plan order; the steps are built as `plan` builds them (names do not matter here). */
export function planRequests(suite: Suite, plan: Plan, options: { platform: string; install?: boolean }): ProfileRequests[] {
  const { target } = plan;
  if (target === 'local') return [];
  const ids = { workDir: 'reports/plan', runId: 'plan' };
  const install = options.install === true;
  return plan.groups.map(({ profile, cells }) => {
    const needs = profileNeeds(cells, target);
    const steps = target === 'kind'
      ? kindProfileSteps(profile, suite.workload, { ...ids, platform: options.platform }, false, needs)
      : existingProfileSteps(profile, suite.workload, { runId: ids.runId, kubeconfig: 'kubeconfig', install }, needs);
    return { profile: profile.name, requests: profileRequests(profile, steps, cells, target, install) };
  });
}

/** The profile that asks the most CPU (then memory): clusters exist one at a time. */
export function largestRequests(all: readonly ProfileRequests[]): ProfileRequests | undefined {
  return all.toSorted((a, b) => b.requests.peak.cpuMillicores - a.requests.peak.cpuMillicores || b.requests.peak.memoryBytes - a.requests.peak.memoryBytes)[0];
}
