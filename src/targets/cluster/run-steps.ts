// Executes the steps of a cluster target: commands through the Runner, objects through the Kube
// seam, release manifests fetched then applied, waits with timeouts that name what is not ready.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Kube } from '../../kube/kube.ts';
import type { KubeObject } from '../../kube/objects.ts';
import { deploymentReady, waitFor, type Readiness } from '../../kube/wait.ts';
import type { Runner } from '../../exec/runner.ts';
import { RELEASE_ORGS } from '../../components/knative/release.ts';
import type { ChangeLog } from './change-log.ts';
import { runCheck } from './checks.ts';
import { describeWait, type Step, type WaitFor } from './steps.ts';

export interface StepEffects {
  runner: Runner;
  /** The cluster's API; asked for lazily, since its kubeconfig exists only once the cluster does. */
  kube(): Kube;
  /** Release manifest text for a URL (see releaseFetcher). */
  fetchRelease(url: string, signal?: AbortSignal): Promise<string>;
  log(line: string): void;
  /** Where `restore` applies record what they change (the existing target's; kind's steps have none). */
  changes?: ChangeLog | undefined;
}

export async function runSteps(steps: Step[], effects: StepEffects, signal: AbortSignal): Promise<void> {
  for (const step of steps) {
    signal.throwIfAborted();
    effects.log(step.title);
    switch (step.type) {
      case 'file':
        await mkdir(dirname(step.path), { recursive: true });
        await writeFile(step.path, step.content);
        break;
      case 'directory':
        await mkdir(step.path, { recursive: true });
        break;
      case 'command':
        await effects.runner.run(step.command, step.args, { signal });
        break;
      case 'check':
        await runCheck(effects.kube(), step.check);
        break;
      case 'apply':
        if (step.restore) await effects.changes?.record(effects.kube(), step.objects);
        await effects.kube().apply(step.objects, undefined, signal);
        break;
      case 'apply-release':
        // Its own field manager: our later partial patches (a ConfigMap's keys, Kourier's node
        // port) are applied as `meshbench`, and a manager re-applying an object with fewer fields
        // would delete the rest — the release's selector, ports, _example data.
        await effects.kube().apply(parseManifests(await effects.fetchRelease(step.url, signal), step.url), RELEASE_FIELD_MANAGER, signal);
        break;
      case 'wait':
        await waitFor(describeWait(step.wait), () => readiness(effects.kube(), step.wait), { timeoutMs: step.timeoutMs, intervalMs: 1000, signal });
        break;
    }
  }
}

/** Every object of a multi-document YAML manifest (empty documents skipped). */
export function parseManifests(text: string, source: string): KubeObject[] {
  return parseAllDocuments(text).flatMap((document) => {
    if (document.errors.length > 0) throw new Error(`${source}: ${document.errors[0]!.message}`);
    const object = document.toJS() as KubeObject | null;
    return object ? [object] : [];
  });
}

async function readiness(kube: Kube, wait: WaitFor): Promise<Readiness> {
  switch (wait.kind) {
    case 'deployments-available': {
      const deployments = await kube.list('apps/v1', 'Deployment', { namespace: wait.namespace });
      if (deployments.length === 0) return { ready: false, reason: 'no deployment yet' };
      for (const deployment of deployments) {
        const state = deploymentReady(deployment);
        if (!state.ready) return { ready: false, reason: `deployment ${deployment.metadata.name}: ${state.reason}` };
      }
      return { ready: true };
    }
    case 'deployment-available':
      return deploymentReady(await find(kube, 'apps/v1', 'Deployment', wait.namespace, wait.name));
    case 'knative-service-ready': {
      const service = await find(kube, 'serving.knative.dev/v1', 'Service', wait.namespace, wait.name);
      const conditions = ((service.status as { conditions?: { type: string; status: string; message?: string }[] } | undefined)?.conditions ?? []);
      const ready = conditions.find((condition) => condition.type === 'Ready');
      if (ready?.status === 'True') return { ready: true };
      return { ready: false, reason: ready ? `Ready=${ready.status}${ready.message ? ` (${ready.message})` : ''}` : 'no Ready condition yet' };
    }
  }
}

async function find(kube: Kube, apiVersion: string, kind: string, namespace: string, name: string): Promise<KubeObject> {
  const match = (await kube.list(apiVersion, kind, { namespace })).find((object) => object.metadata.name === name);
  if (!match) throw new Error(`${kind.toLowerCase()} ${namespace}/${name} does not exist yet`);
  return match;
}

/** Where Knative's releases live: serving under github.com/knative, the ingresses under github.com/knative-extensions. */
const RELEASE_ORG_PREFIXES = [...new Set(Object.values(RELEASE_ORGS))].map((org) => `${org}/`);
export const RELEASE_FIELD_MANAGER = 'meshbench-release';
const FETCH_TIMEOUT_MS = 120_000;

/**
 * Fetches release manifests from GitHub, or from a mirror (`--release-mirror`, a URL or a
 * directory with one folder per repository, whichever organisation releases it:
 * <repo>/releases/download/knative-v<version>/<file>) for clusters without internet access.
 */
export function releaseFetcher(mirror: string | undefined): (url: string, signal?: AbortSignal) => Promise<string> {
  return async (url, signal) => {
    const org = RELEASE_ORG_PREFIXES.find((prefix) => url.startsWith(prefix));
    const source = mirror && org ? `${mirror.replace(/\/$/, '')}/${url.slice(org.length)}` : url;
    if (!/^https?:\/\//.test(source)) return readFile(source, 'utf8');
    // A stalled download must neither hang a run nor survive Ctrl-C.
    const timeout = AbortSignal.timeout(FETCH_TIMEOUT_MS);
    const response = await fetch(source, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    if (!response.ok) throw new Error(`failed to fetch ${source}: HTTP ${response.status}`);
    return response.text();
  };
}
