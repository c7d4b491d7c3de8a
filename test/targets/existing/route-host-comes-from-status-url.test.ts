// Issue 8.3: a Knative route's host is the cluster's (config-domain), not meshbench.local. The
// target reads it from each Knative Service's status.url — for the load driver's Host header and
// the cold-start requests through --ingress-url. With no default domain, Knative serves routes
// under svc.cluster.local, inside the cluster only: cells sent through the ingress are refused
// before anything is created, in-cluster k6 is fine.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ColdStartCell } from '../../../src/plan/types.ts';
import type { ProfileNeeds } from '../../../src/targets/target.ts';
import { profile } from '../cluster/support.ts';
import { fakeExistingCluster, KNATIVE_DEPLOYMENTS, rejection, WORKLOAD, type FakeExistingCluster } from './fake-existing-cluster.ts';

const NEEDS: ProfileNeeds = { coldStartServices: 0, warmBaseline: false, inClusterK6: false, hostLoad: false };
const COLD_CELL: ColdStartCell = {
  id: 'knative-kourier/cold/services=1/r1', profile: 'knative-kourier', experiment: 'cold', repetition: 1, estimatedMs: 0,
  type: 'cold-start', services: 1, iterations: 1, idleMs: 0, gracePeriodMs: 300, timeoutMs: 10_000,
};

let cluster: FakeExistingCluster;
beforeEach(async () => {
  cluster = await fakeExistingCluster();
  cluster.deploy('knative-serving', KNATIVE_DEPLOYMENTS);
  cluster.configMap('knative-serving', 'config-autoscaler', { 'allow-zero-initial-scale': 'true' });
});
afterEach(() => cluster.close());

const prepare = (needs: Partial<ProfileNeeds>, ingressUrl: string | undefined = cluster.ingressUrl) =>
  cluster.target({ ingressUrl }).prepare(profile('knative-kourier'), WORKLOAD, new AbortController().signal, { ...NEEDS, ...needs });

describe('with the cluster default domain example.com', () => {
  beforeEach(() => cluster.configMap('knative-serving', 'config-domain', { 'example.com': '' }));

  it('sends load with the Host of the echo route', async () => {
    const session = await prepare({ hostLoad: true });
    const namespace = session.cluster!.namespace;
    expect(session.headers).toEqual({ host: `echo.${namespace}.example.com` });
    await session.close();
  });

  it('requests each cold service through the ingress with its route host', async () => {
    const session = await prepare({ coldStartServices: 1 });
    const { iterations } = await session.coldStart!(COLD_CELL, new AbortController().signal);
    expect(iterations.map((i) => [i.service, i.ok])).toEqual([['cold-1', true]]);
    expect(cluster.hosts).toEqual([`cold-1.${session.cluster!.namespace}.example.com`]);
    await session.close();
  }, 20_000);
});

describe('with no default domain in config-domain (Knative: svc.cluster.local, cluster-local routes)', () => {
  beforeEach(() => cluster.configMap('knative-serving', 'config-domain', { _example: '# docs', 'internal.example.com': 'selector:\n  app: something-else' }));

  it('refuses load from this machine before creating anything, saying what to change', async () => {
    const error = await rejection(prepare({ hostLoad: true }));
    expect(error.exitCode).toBe(3);
    expect(error.message).toContain('the routes of echo would be cluster-local');
    expect(error.hint).toContain('knative-serving/config-domain');
    expect(cluster.writes()).toEqual([]);
  });

  it('refuses cold starts through --ingress-url the same way', async () => {
    await expect(prepare({ coldStartServices: 2, warmBaseline: true })).rejects.toThrow('the routes of cold-1, cold-2, warm-1 would be cluster-local');
    expect(cluster.writes()).toEqual([]);
  });

  it('runs in-cluster k6 load: it uses the in-cluster URL, and the host read is the cluster-local one', async () => {
    const session = await prepare({ inClusterK6: true }, undefined);
    const namespace = session.cluster!.namespace;
    expect(session.cluster!.url).toBe(`http://echo.${namespace}.svc.cluster.local/`);
    expect(session.headers).toEqual({ host: `echo.${namespace}.svc.cluster.local` });
    await session.close();
  });
});

it('a domain whose selector matches the services wins over the default, as in Knative', async () => {
  cluster.configMap('knative-serving', 'config-domain', { 'example.com': '', 'bench.example.org': 'selector:\n  app.kubernetes.io/name: echo' });
  const session = await prepare({ hostLoad: true });
  expect(session.headers).toEqual({ host: `echo.${session.cluster!.namespace}.bench.example.org` });
  await session.close();
});
