// Issue 8.5: the run's namespace is deleted only while it carries this run's ownership labels;
// one that lost them is left alone with a warning. A namespace a failed prepare left is deleted at
// cleanup, under the same rule.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { RUN_LABEL } from '../../../src/kube/ownership.ts';
import { profile } from '../cluster/support.ts';
import { fakeExistingCluster, RUN_ID, WORKLOAD, type FakeExistingCluster } from './fake-existing-cluster.ts';

let cluster: FakeExistingCluster;
beforeEach(async () => {
  cluster = await fakeExistingCluster();
});
afterEach(() => cluster.close());

const NAMESPACE = `meshbench-${RUN_ID}-baseline`;
const namespace = () => cluster.get('v1', 'Namespace', undefined, NAMESPACE);

it("deletes the run's own namespace when the profile's session closes", async () => {
  const session = await cluster.target().prepare(profile('baseline'), WORKLOAD, new AbortController().signal);
  expect(namespace()?.metadata.labels).toMatchObject({ [RUN_LABEL]: RUN_ID });
  await session.close();
  expect(namespace()).toBeUndefined();
});

it('leaves a namespace that no longer carries this run\'s labels, and warns', async () => {
  const session = await cluster.target().prepare(profile('baseline'), WORKLOAD, new AbortController().signal);
  const current = namespace()!;
  cluster.put({ ...current, metadata: { ...current.metadata, labels: { [RUN_LABEL]: 'another-run', team: 'payments' } } });
  await session.close();
  expect(namespace()).toBeDefined();
  expect(cluster.api.requests.some((r) => r.method === 'DELETE')).toBe(false);
  expect(cluster.logs).toContainEqual(expect.stringMatching(new RegExp(`^warning: leaving namespace ${NAMESPACE}: it does not carry this run's labels`)));
});

it('cleanup deletes the namespace of a prepare that failed after creating it', async () => {
  const target = cluster.target();
  // A refusal that does not heal by retrying: the namespace's quota (apiserver admission ResourceQuota).
  cluster.api.addAdmission((object) => (object.kind === 'Deployment' ? { code: 403, reason: 'Forbidden', message: `deployments.apps "${object.metadata.name}" is forbidden: exceeded quota: compute, requested: requests.cpu=250m, used: requests.cpu=0, limited: requests.cpu=100m` } : undefined));
  await expect(target.prepare(profile('baseline'), WORKLOAD, new AbortController().signal)).rejects.toThrow('failed to apply deployment');
  expect(namespace()).toBeDefined();
  await target.cleanup();
  expect(namespace()).toBeUndefined();
});
