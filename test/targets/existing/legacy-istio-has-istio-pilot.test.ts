// Issue 8.1: the required-components check follows the profile's Istio version — Istio 1.4 runs
// istio-pilot (and, with Mixer, istio-telemetry and istio-policy), not istiod.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { profile } from '../cluster/support.ts';
import { fakeExistingCluster, rejection, WORKLOAD, type FakeExistingCluster } from './fake-existing-cluster.ts';

let cluster: FakeExistingCluster;
beforeEach(async () => {
  cluster = await fakeExistingCluster();
});
afterEach(() => cluster.close());

const prepare = (name: string) => cluster.target().prepare(profile(name), WORKLOAD, new AbortController().signal);

it('accepts an Istio 1.4 cluster with istio-pilot and the Mixer deployments, and records their images', async () => {
  cluster.deploy('istio-system', ['istio-pilot', 'istio-telemetry', 'istio-policy']);
  const session = await prepare('istio-1.4-mixer');
  expect(session.notes).toEqual(expect.arrayContaining([
    'istio-system/istio-pilot: example.registry/istio-pilot:1.0',
    'istio-system/istio-telemetry: example.registry/istio-telemetry:1.0',
    'istio-system/istio-policy: example.registry/istio-policy:1.0',
  ]));
  await session.close();
});

it('refuses an Istio 1.4 Mixer profile on a cluster with only istiod, naming what is missing, before creating anything', async () => {
  cluster.deploy('istio-system', ['istiod']);
  const error = await rejection(prepare('istio-1.4-mixer'));
  expect(error.message).toContain('istio-system/istio-pilot, istio-system/istio-telemetry, istio-system/istio-policy');
  expect(error.exitCode).toBe(3);
  expect(cluster.writes()).toEqual([]);
});

it('asks only istio-pilot of Istio 1.4 without Mixer, and istiod of modern Istio', async () => {
  cluster.deploy('istio-system', ['istio-pilot']);
  await (await prepare('istio-1.4-no-mixer')).close();
  await expect(prepare('istio-sidecar')).rejects.toThrow('istio-system/istiod');
});

// Issue 9.6: a Mixer-off profile on a cluster where Mixer runs would price Mixer as part of the mesh.
it('refuses the Mixer-off profile where Mixer is deployed, naming it and how to turn it off, before creating anything', async () => {
  cluster.deploy('istio-system', ['istio-pilot', 'istio-telemetry']);
  const error = await rejection(prepare('istio-1.4-no-mixer'));
  expect(error.message).toContain('the cluster runs components the profile turns off (Mixer is off in this profile): istio-system/istio-telemetry');
  expect(error.exitCode).toBe(3);
  expect(error.hint).toContain('--set telemetry.enabled=false --set policy.enabled=false --set values.telemetry.enabled=false');
  expect(cluster.writes()).toEqual([]);
});
