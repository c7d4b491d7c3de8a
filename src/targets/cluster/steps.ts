// What a cluster target does, as data: `meshbench plan --target kind|existing` prints these steps
// and `run` executes the very same list, so the plan can never drift from what a run applies.
import { stringify } from 'yaml';
import type { KubeObject } from '../../kube/objects.ts';
import { prettyCommand } from '../../exec/runner.ts';
import { describeCheck, type ClusterCheck } from './checks.ts';

export type Step =
  /** A file the following commands read (a kind config). */
  | { type: 'file'; title: string; path: string; content: string }
  /** A directory the following commands write into (image archives). */
  | { type: 'directory'; title: string; path: string }
  | { type: 'command'; title: string; command: string; args: string[] }
  /** Something the cluster must already be or have; fails the prepare before anything is created. */
  | { type: 'check'; title: string; check: ClusterCheck }
  /**
   * Server-side apply. `restore`: objects someone else owns (or that outlive the run's namespace):
   * each one's current values of the fields applied (or its absence) are recorded first and put
   * back when the profile's session closes (see change-log.ts).
   */
  | { type: 'apply'; title: string; objects: KubeObject[]; restore?: boolean }
  /** A release manifest (Knative) fetched at run time and applied with server-side apply. */
  | { type: 'apply-release'; title: string; url: string }
  | { type: 'wait'; title: string; wait: WaitFor; timeoutMs: number };

export type WaitFor =
  /** Every Deployment in the namespace has all its replicas available. */
  | { kind: 'deployments-available'; namespace: string }
  | { kind: 'deployment-available'; namespace: string; name: string }
  /** A Knative Service reports Ready=True. */
  | { kind: 'knative-service-ready'; namespace: string; name: string };

/** The steps as text: pasteable commands, full YAML of every object, what is awaited. */
export function formatSteps(steps: Step[]): string {
  return steps.map((step, index) => `${index + 1}. ${step.title}\n${indent(body(step))}`).join('\n');
}

function body(step: Step): string {
  switch (step.type) {
    case 'file':
      return `${step.path}:\n${step.content.trimEnd()}`;
    case 'directory':
      return `create directory ${step.path} (and its parents)`;
    case 'command':
      return `$ ${prettyCommand(step.command, step.args)}`;
    case 'check':
      return describeCheck(step.check);
    case 'apply': {
      // No YAML anchors: printed manifests are meant to be read and pasted, object by object.
      const manifests = step.objects.map((object) => stringify(object, { aliasDuplicateObjects: false }).trimEnd()).join('\n---\n');
      return step.restore ? `${RESTORE_NOTE}\n${manifests}` : manifests;
    }
    case 'apply-release':
      return `server-side apply of every object in ${step.url} (CustomResourceDefinitions first)`;
    case 'wait':
      return `wait up to ${Math.round(step.timeoutMs / 1000)}s for ${describeWait(step.wait)}`;
  }
}

export function describeWait(wait: WaitFor): string {
  switch (wait.kind) {
    case 'deployments-available':
      return `every deployment in namespace ${wait.namespace} to be available`;
    case 'deployment-available':
      return `deployment ${wait.namespace}/${wait.name} to be available`;
    case 'knative-service-ready':
      return `Knative service ${wait.namespace}/${wait.name} to be Ready`;
  }
}

const RESTORE_NOTE = '# first records what these fields are now (or that the object is absent), to restore it after the profile';

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `     ${line}`)
    .join('\n');
}
