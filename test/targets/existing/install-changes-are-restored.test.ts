// Issue 8.4: with --install, meshbench changes cluster-wide objects — the mesh-wide Telemetry
// object it creates, the keys it applies into Knative's ConfigMaps, the ingress Service it turns
// into a NodePort. It records each one first and restores it when the profile's session closes
// (so the next profile inherits nothing), and at cleanup for what a failed or interrupted prepare
// left. Istio and Knative themselves stay installed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { releaseFetcher } from '../../../src/targets/cluster/run-steps.ts';
import type { ProfileNeeds, Target } from '../../../src/targets/target.ts';
import { profile } from '../cluster/support.ts';
import { writeKnativeMirror } from '../kind/knative-mirror.ts';
import { fakeExistingCluster, KNATIVE_DEPLOYMENTS, WORKLOAD, type FakeExistingCluster } from './fake-existing-cluster.ts';

const NEEDS: ProfileNeeds = { coldStartServices: 1, warmBaseline: false, inClusterK6: false, hostLoad: true };
// `_example` as the release ships it (re-applying the release is part of the install, not undone).
const OWNER_AUTOSCALER = { _example: '# documentation only', 'stable-window': '60s', 'scale-to-zero-grace-period': '45s' };
const OWNER_NETWORK = { _example: '# documentation only', 'ingress-class': 'istio.ingress.networking.knative.dev', 'domain-template': '{{.Name}}-{{.Namespace}}.{{.Domain}}' };

let cluster: FakeExistingCluster;
let dir: string;
let target: Target;
beforeEach(async () => {
  cluster = await fakeExistingCluster();
  dir = await mkdtemp(join(tmpdir(), 'meshbench-existing-install-'));
  const mirror = await writeKnativeMirror(join(dir, 'mirror'), '1.19.5', '1.19.5');
  // Knative as its owner configured it; istiod for the Istio profile (istioctl is recorded, not run).
  cluster.deploy('knative-serving', KNATIVE_DEPLOYMENTS);
  cluster.deploy('istio-system', ['istiod']);
  cluster.configMap('knative-serving', 'config-autoscaler', OWNER_AUTOSCALER);
  cluster.configMap('knative-serving', 'config-network', OWNER_NETWORK);
  cluster.configMap('knative-serving', 'config-domain', { 'example.com': '' });
  target = cluster.target({ install: true, ingressUrl: cluster.ingressUrl, fetchRelease: releaseFetcher(mirror) });
});
afterEach(async () => {
  await cluster.close();
  await rm(dir, { recursive: true, force: true });
});

const data = (name: string) => cluster.get('v1', 'ConfigMap', 'knative-serving', name)?.data;
const kourier = () => cluster.get('v1', 'Service', 'kourier-system', 'kourier')?.spec;

it("puts Knative's ConfigMaps and the Kourier Service back when the profile's session closes", async () => {
  const session = await target.prepare(profile('knative-kourier'), WORKLOAD, new AbortController().signal, NEEDS);
  expect(data('config-autoscaler')).toMatchObject({ 'stable-window': '6s', 'allow-zero-initial-scale': 'true' });
  expect(kourier()).toMatchObject({ type: 'NodePort' });
  // Two default domains: Knative picks the smaller name, and the host is read, not assumed.
  expect(session.headers).toEqual({ host: `echo.${session.cluster!.namespace}.example.com` });

  await session.close();
  expect(data('config-autoscaler')).toEqual(OWNER_AUTOSCALER);
  expect(data('config-network')).toEqual(OWNER_NETWORK);
  expect(data('config-domain')).toEqual({ _example: '# documentation only', 'example.com': '' });
  // The Service as the Kourier release made it: LoadBalancer, its port list whole.
  expect(kourier()).toMatchObject({ type: 'LoadBalancer', ports: [{ name: 'http2', port: 80, protocol: 'TCP', targetPort: 8080 }] });
  expect(JSON.stringify(kourier())).not.toContain('nodePort');
  const patches = cluster.api.requests.filter((r) => r.contentType === 'application/merge-patch+json');
  expect(patches.map((r) => r.path)).toEqual([
    '/api/v1/namespaces/kourier-system/services/kourier',
    '/api/v1/namespaces/knative-serving/configmaps/config-domain',
    '/api/v1/namespaces/knative-serving/configmaps/config-autoscaler',
    '/api/v1/namespaces/knative-serving/configmaps/config-network',
  ]);
  // Knative stays installed: that is what --install asks.
  expect(cluster.get('apps/v1', 'Deployment', 'kourier-system', '3scale-kourier-gateway')).toBeDefined();
  // Restored once: cleanup finds nothing left to do.
  await target.cleanup();
  expect(cluster.api.requests.filter((r) => r.contentType === 'application/merge-patch+json')).toHaveLength(4);
});

it('deletes the Telemetry object it created before the next profile starts', async () => {
  const first = await target.prepare(profile('istio-sidecar-no-telemetry'), WORKLOAD, new AbortController().signal, NEEDS);
  expect(cluster.get('telemetry.istio.io/v1', 'Telemetry', 'istio-system', 'meshbench-telemetry-off')).toBeDefined();
  await first.close();
  expect(cluster.get('telemetry.istio.io/v1', 'Telemetry', 'istio-system', 'meshbench-telemetry-off')).toBeUndefined();
  const second = await target.prepare(profile('istio-sidecar'), WORKLOAD, new AbortController().signal, NEEDS);
  expect(cluster.get('telemetry.istio.io/v1', 'Telemetry', 'istio-system', 'meshbench-telemetry-off')).toBeUndefined();
  await second.close();
  expect(cluster.runner.lines().filter((line) => line.startsWith('istioctl install'))).toHaveLength(2);
});

it('cleanup restores what an interrupted prepare had changed', async () => {
  const interrupt = new AbortController();
  // Ctrl-C right after the ConfigMaps are applied, before the Kourier patch.
  cluster.api.addAdmission((object) => {
    if (object.kind === 'ConfigMap' && object.metadata.name === 'config-domain' && (object.data as Record<string, string>)['meshbench.local'] === '') setImmediate(() => interrupt.abort(new Error('SIGINT')));
    return undefined;
  });
  await expect(target.prepare(profile('knative-kourier'), WORKLOAD, interrupt.signal, NEEDS)).rejects.toThrow('SIGINT');
  expect(data('config-domain')).toMatchObject({ 'meshbench.local': '' });

  await target.cleanup();
  expect(data('config-autoscaler')).toEqual(OWNER_AUTOSCALER);
  expect(data('config-network')).toEqual(OWNER_NETWORK);
  expect(data('config-domain')).toEqual({ _example: '# documentation only', 'example.com': '' });
  expect(kourier()).toMatchObject({ type: 'LoadBalancer' });
  expect(cluster.logs.filter((line) => line.startsWith('restoring '))).toHaveLength(3);
});
