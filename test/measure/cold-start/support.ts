// Shared by the cold-start tests: a fake API server with a Knative revision at zero, a cell, and a
// scripted `request` that plays the cluster's side of a cold start when the harness sends it.
import { setTimeout as sleep } from 'node:timers/promises';
import { createKube, type Kube } from '../../../src/kube/kube.ts';
import type { ColdResponse } from '../../../src/measure/cold-start/knative.ts';
import type { ColdStartCell } from '../../../src/plan/types.ts';
import { startFakeKubeApi, type FakeKubeApi } from '../../fakes/kube-api-server.ts';
import type { ScriptStep } from '../../fakes/kube-store.ts';
import type { KnativeRevision } from '../../fakes/knative-lifecycle.ts';

export const BODY_BYTES = 1024;

export async function cluster(): Promise<{ fake: FakeKubeApi; kube: Kube }> {
  const fake = await startFakeKubeApi();
  return { fake, kube: createKube(fake.kubeConfig, { watchRetryDelayMs: 10 }) };
}

export function coldCell(overrides: Partial<ColdStartCell> = {}): ColdStartCell {
  return {
    type: 'cold-start', id: 'knative/cold/s1/r1', profile: 'knative', experiment: 'cold', repetition: 1, estimatedMs: 0,
    services: 1, iterations: 1, idleMs: 10, gracePeriodMs: 0, timeoutMs: 5_000, ...overrides,
  };
}

/** The answer the ingress gives once a pod serves: stamped now, as the harness's HTTP client would. */
export const answer = (status = 200, bodyBytes = BODY_BYTES): ColdResponse => ({ status, bodyBytes, firstByteAt: performance.now() });

/**
 * A `request` whose answer is whatever `script` resolves to (undefined: it never answers, like an
 * activator holding a request for a pod that never gets ready); aborting the signal rejects it.
 */
export function scriptedRequest(script: (service: string, call: number) => Promise<ColdResponse | undefined>) {
  const calls: { service: string; at: number }[] = [];
  const request = (service: string, signal: AbortSignal) =>
    new Promise<ColdResponse>((resolve, reject) => {
      calls.push({ service, at: performance.now() });
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      script(service, calls.length).then((result) => result && resolve(result), reject);
    });
  return { request, calls };
}

/** The activator's cold start as the watches see it; `pullMs` holds the pod in ContainerCreating. */
export function coldStartSteps(revision: KnativeRevision, options: { pullMs?: number; waiting?: string; ready?: boolean } = {}): ScriptStep[] {
  const { pullMs = 0, waiting, ready = true } = options;
  const steps: ScriptStep[] = [
    { afterMs: 20, type: 'MODIFIED', object: revision.autoscaler(1, 0) },
    { afterMs: 10, type: 'MODIFIED', object: revision.deployment(1) },
    { afterMs: 10, type: 'ADDED', object: revision.podAt('pending') },
    { afterMs: 10, type: 'MODIFIED', object: revision.podAt('scheduled') },
    { afterMs: 10, type: 'MODIFIED', object: revision.podAt('creating', waiting ? { waiting } : {}) },
  ];
  if (!ready) return steps;
  return [
    ...steps,
    { afterMs: 10 + pullMs, type: 'MODIFIED', object: revision.podAt('user-started') },
    { afterMs: 10, type: 'MODIFIED', object: revision.podAt('both-started') },
    { afterMs: 10, type: 'MODIFIED', object: revision.podAt('ready') },
    { afterMs: 5, type: 'MODIFIED', object: revision.autoscaler(1, 1) },
  ];
}

/** Plays the steps, then answers a little later: the activator's probe and proxying after Ready. */
export async function playThenAnswer(fake: FakeKubeApi, steps: ScriptStep[]): Promise<ColdResponse> {
  await fake.store.play(steps);
  await sleep(40);
  return answer();
}

/** The marks of `names`, which must all be present and never decrease along `names` (ties allowed). */
export function marksInOrder(phases: Record<string, number>, names: readonly string[]): boolean {
  const marks = names.map((name) => phases[name]);
  return marks.every((mark, i) => mark !== undefined && (i === 0 || mark >= marks[i - 1]!));
}

/** Phase names ordered by their mark. */
export const orderOf = (phases: Record<string, number>) => Object.entries(phases).sort((a, b) => a[1] - b[1]).map(([name]) => name);
