// Shared by the cluster-step tests: the shipped profiles, the two workload shapes (with and
// without a startup delay) and every step list a run or plan can build from them.
import type { KubeObject } from '../../../src/kube/objects.ts';
import type { Profile, Workload } from '../../../src/suite/schema.ts';
import type { Step } from '../../../src/targets/cluster/steps.ts';
import { existingProfileSteps } from '../../../src/targets/existing/index.ts';
import { kindProfileSteps } from '../../../src/targets/kind/index.ts';
import { shippedProfiles } from '../../components/schemas.ts';

export const RUN_ID = '20260101t000000z-suite';
export const NAMESPACE = 'meshbench-20260101t000000z-suite';
export const WORK_DIR = '/tmp/meshbench-run';
export const KUBECONFIG = '/home/user/.kube/staging';
export const PLATFORM = 'linux/amd64';

export const WORKLOADS: { name: string; workload: Workload }[] = [
  { name: 'no startup delay', workload: { delay: 0, size: 1024, startupDelay: 0 } },
  { name: 'a 500ms startup delay', workload: { delay: 5, size: 300_000, startupDelay: 500 } },
];

export const PROFILE_NAMES = [
  'baseline',
  'istio-1.4-mixer',
  'istio-1.4-no-mixer',
  'istio-ambient',
  'istio-sidecar',
  'istio-sidecar-no-telemetry',
  'knative-istio',
  'knative-kourier',
];

export function profile(name: string): Profile {
  const found = shippedProfiles().find((p) => p.name === name);
  if (!found) throw new Error(`clusters/profiles/${name}.yaml is missing`);
  return found;
}

export interface Variant {
  label: string;
  profile: Profile;
  workload: Workload;
  steps: Step[];
}

/** Every step list meshbench can build for the shipped profiles: kind (new and reused) and existing (with and without --install). */
export function everyVariant(): Variant[] {
  return shippedProfiles().flatMap((p) =>
    WORKLOADS.flatMap(({ name, workload }) => [
      { label: `kind ${p.name}, ${name}`, profile: p, workload, steps: kindSteps(p, workload) },
      { label: `kind --reuse-clusters ${p.name}, ${name}`, profile: p, workload, steps: kindSteps(p, workload, true) },
      { label: `existing --install ${p.name}, ${name}`, profile: p, workload, steps: existingSteps(p, workload, true) },
      { label: `existing ${p.name}, ${name}`, profile: p, workload, steps: existingSteps(p, workload, false) },
    ]),
  );
}

export function kindSteps(p: Profile, workload: Workload, reuse = false): Step[] {
  return kindProfileSteps(p, workload, { workDir: WORK_DIR, runId: RUN_ID, platform: PLATFORM }, reuse);
}

export function existingSteps(p: Profile, workload: Workload, install: boolean, context?: string): Step[] {
  return existingProfileSteps(p, workload, { runId: RUN_ID, kubeconfig: KUBECONFIG, context, install });
}

export function appliedObjects(steps: Step[]): KubeObject[] {
  return steps.flatMap((step) => (step.type === 'apply' ? step.objects : []));
}

/** "command args…" of every command step, in order. */
export function commandLines(steps: Step[]): string[] {
  return steps.flatMap((step) => (step.type === 'command' ? [[step.command, ...step.args].join(' ')] : []));
}

export const key = (object: KubeObject): string =>
  `${object.apiVersion}/${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
