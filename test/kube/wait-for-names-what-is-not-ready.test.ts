import { expect, test } from 'vitest';
import { deploymentReady, podReady, waitFor, WaitTimeoutError } from '../../src/kube/wait.ts';
import { podLifecycle } from '../fakes/pod-lifecycle.ts';

const activator = (readyReplicas: number) => ({
  kind: 'Deployment',
  metadata: { name: 'activator', namespace: 'knative-serving', generation: 2 },
  spec: { replicas: 1 },
  status: { observedGeneration: 2, replicas: 1, updatedReplicas: 1, readyReplicas },
});

test('waitFor times out with the description and the last reason', async () => {
  const started = performance.now();
  const failure = await waitFor('deployment knative-serving/activator', () => deploymentReady(activator(0)), { timeoutMs: 200, intervalMs: 20 }).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(WaitTimeoutError);
  expect((failure as Error).message).toBe('deployment knative-serving/activator: 0/1 replicas ready after 200ms');
  expect(performance.now() - started).toBeGreaterThanOrEqual(190);
});

test('waitFor resolves once the condition turns true, treating errors as not ready yet', async () => {
  let checks = 0;
  await waitFor('deployment knative-serving/activator', () => {
    checks += 1;
    if (checks === 1) throw new Error('deployments.apps "activator" not found');
    return deploymentReady(activator(checks >= 3 ? 1 : 0));
  }, { timeoutMs: 5000, intervalMs: 10 });
  expect(checks).toBe(3);
});

test('waitFor stops when its signal aborts', async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error('interrupted')), 30);
  await expect(waitFor('x', () => ({ ready: false, reason: 'never' }), { timeoutMs: 5000, intervalMs: 10, signal: controller.signal })).rejects.toThrow('interrupted');
});

test('deploymentReady waits for the controller to observe the latest generation', () => {
  expect(deploymentReady({ ...activator(1), metadata: { generation: 3 } })).toEqual({ ready: false, reason: 'spec change not yet observed by the deployment controller' });
  expect(deploymentReady(activator(1))).toEqual({ ready: true });
});

test('podReady says where a pod is stuck on its way to Ready', () => {
  expect(podLifecycle('echo').map(podReady)).toEqual([
    { ready: false, reason: 'Pending, not scheduled' },
    { ready: false, reason: 'Pending, not ready' },
    { ready: false, reason: 'Pending, not ready (app: ContainerCreating)' },
    { ready: true },
  ]);
});
