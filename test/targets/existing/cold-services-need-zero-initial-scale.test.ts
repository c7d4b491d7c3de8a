// Issue 8.2: without --install, cold-start services are created with initial-scale 0, which
// Knative's webhook refuses unless config-autoscaler allows it (the fake webhook models
// annotation_validation.go). The target reads config-autoscaler first and refuses with what to
// change — exit 3, before anything is created.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfileNeeds } from '../../../src/targets/target.ts';
import { profile } from '../cluster/support.ts';
import { fakeExistingCluster, KNATIVE_DEPLOYMENTS, rejection, WORKLOAD, type FakeExistingCluster } from './fake-existing-cluster.ts';

const COLD: ProfileNeeds = { coldStartServices: 2, warmBaseline: false, inClusterK6: true, hostLoad: false };

let cluster: FakeExistingCluster;
beforeEach(async () => {
  cluster = await fakeExistingCluster();
  cluster.deploy('knative-serving', KNATIVE_DEPLOYMENTS);
});
afterEach(() => cluster.close());

const prepare = (needs: ProfileNeeds) => cluster.target().prepare(profile('knative-kourier'), WORKLOAD, new AbortController().signal, needs);

describe('config-autoscaler', () => {
  for (const [label, data, says] of [
    ['unset', {}, 'set allow-zero-initial-scale: "true" (it is unset, default false)'],
    ['"false"', { 'allow-zero-initial-scale': 'false' }, 'set allow-zero-initial-scale: "true" (it is "false")'],
    // strconv.ParseBool knows no "yes": Knative reads it as false.
    ['"yes"', { 'allow-zero-initial-scale': 'yes' }, '(it is "yes")'],
    ['scale to zero disabled', { 'allow-zero-initial-scale': 'true', 'enable-scale-to-zero': 'False' }, 'set enable-scale-to-zero: "true" (it is "False")'],
  ] as const) {
    it(`refuses cold-start services when allow-zero-initial-scale is ${label}, creating nothing`, async () => {
      cluster.configMap('knative-serving', 'config-autoscaler', { _example: '# docs', ...data });
      const error = await rejection(prepare(COLD));
      expect(error.exitCode).toBe(3);
      expect(error.message).toContain('initial-scale 0');
      expect(error.hint).toContain('knative-serving/config-autoscaler');
      expect(error.hint).toContain(says);
      expect(cluster.writes()).toEqual([]);
    });
  }

  it('accepts any spelling Go parses as true, and then the webhook admits the cold services', async () => {
    cluster.configMap('knative-serving', 'config-autoscaler', { 'allow-zero-initial-scale': 'T' });
    const session = await prepare(COLD);
    expect(cluster.get('serving.knative.dev/v1', 'Service', session.cluster!.namespace, 'cold-2')).toBeDefined();
    await session.close();
  });

  it('is not consulted when the profile has no cold-start cells', async () => {
    cluster.configMap('knative-serving', 'config-autoscaler', {});
    const session = await prepare({ ...COLD, coldStartServices: 0 });
    expect(cluster.api.requests.some((r) => r.path.endsWith('/configmaps/config-autoscaler'))).toBe(false);
    await session.close();
  });
});
