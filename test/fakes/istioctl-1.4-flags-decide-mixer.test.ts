// Issue 9.6: what meshbench's `istioctl manifest apply` flags leave running on Istio 1.4, against the
// fake istioctl 1.4 that renders components the way istio/operator@1.4.10 does (a component only
// when its IstioControlPlane feature is enabled; pilot's mesh config from the Helm values) and
// prunes disabled ones through kubectl (pkg/manifest/installer.go).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { istioInstallArgs } from '../../src/components/istio/install.ts';
import { shippedProfiles } from '../components/schemas.ts';
import { parseMeshText, renderComponents, sidecarMixer } from './bin/istioctl-1.4-manifest.ts';
import { fakePath, type FakePath } from './fake-path.ts';
import { startFakeKubeApi, type FakeKubeApi } from './kube-api-server.ts';
import { RESOURCE_TYPES } from './kube-resources.ts';

let api: FakeKubeApi | undefined;
let fakes: FakePath | undefined;
afterEach(async () => {
  await api?.close();
  await fakes?.cleanup();
  api = fakes = undefined;
});

const type = (kind: string) => RESOURCE_TYPES.find((t) => t.kind === kind && (kind === 'ConfigMap' ? t.groupVersion === 'v1' : true))!;
const profileArgs = (name: string) => istioInstallArgs(shippedProfiles().find((p) => p.name === name)!);

async function cluster() {
  api = await startFakeKubeApi();
  fakes = await fakePath({ tools: ['istioctl', 'kubectl'], env: { FAKE_ISTIOCTL_VERSION: '1.4.10', FAKE_KUBECTL_VERSION: 'v1.17.17' } });
  const kubeconfig = join(fakes.dir, 'cluster.kubeconfig');
  await writeFile(kubeconfig, api.kubeconfig);
  return (args: string[]) => execa('istioctl', [...args, '--kubeconfig', kubeconfig], { env: fakes!.env, reject: false });
}

/** Deployment → its containers, in istio-system. */
function deployments(): Record<string, string[]> {
  const listed = api!.store.list({ type: type('Deployment'), namespace: 'istio-system' });
  const containers = (d: (typeof listed)[number]) => (d.spec as { template: { spec: { containers: { name: string }[] } } }).template.spec.containers.map((c) => c.name);
  return Object.fromEntries(listed.map((d) => [d.metadata.name, containers(d)]));
}

/** What pilot makes the sidecars do, from the `istio` ConfigMap the install wrote. */
function sidecars() {
  const config = api!.store.get(type('ConfigMap'), 'istio-system', 'istio');
  return sidecarMixer(parseMeshText((config!.data as { mesh: string }).mesh));
}

describe('istioctl 1.4.10 manifest apply, Mixer per flag', () => {
  it("istio-1.4-mixer runs istio-telemetry and istio-policy, each with its istio-proxy; istio-1.4-no-mixer's install prunes them and the sidecars stop reporting", async () => {
    const istioctl = await cluster();
    const mixer = await istioctl(profileArgs('istio-1.4-mixer'));
    expect(mixer.exitCode, String(mixer.stdout)).toBe(0);
    expect(deployments()).toMatchObject({
      'istio-pilot': ['discovery', 'istio-proxy'],
      'istio-telemetry': ['mixer', 'istio-proxy'],
      'istio-policy': ['mixer', 'istio-proxy'],
    });
    expect(sidecars()).toEqual({ reports: true, checks: true });

    const noMixer = await istioctl(profileArgs('istio-1.4-no-mixer'));
    expect(noMixer.exitCode, String(noMixer.stdout)).toBe(0);
    expect(noMixer.stdout).toContain('✔ Finished pruning objects for disabled component Telemetry.');
    expect(noMixer.stdout).toContain('✔ Finished pruning objects for disabled component Policy.');
    expect(Object.keys(deployments())).not.toContain('istio-telemetry');
    expect(Object.keys(deployments())).not.toContain('istio-policy');
    expect(Object.keys(deployments())).toContain('istio-pilot');
    expect(sidecars()).toEqual({ reports: false, checks: false });
    const pruned = (await fakes!.calls()).filter((c) => c.tool === 'kubectl' && c.argv[0] !== 'apply').map((c) => c.argv.join(' '));
    expect(pruned).toEqual(expect.arrayContaining([
      expect.stringMatching(/^get all --kubeconfig \S+ -o yaml --all-namespaces --selector operator\.istio\.io\/component=Telemetry$/),
      expect.stringMatching(/^delete --kubeconfig \S+ --selector operator\.istio\.io\/component=Telemetry -f -$/),
    ]));
  }, 60_000);

  it('the Helm-chart paths values.mixer.*.enabled remove no deployment, and the sidecars still report', () => {
    const old = renderComponents(['profile=default', 'values.mixer.telemetry.enabled=false', 'values.mixer.policy.enabled=false', 'values.global.disablePolicyChecks=true'], '1.4.10');
    const names = old.flatMap((c) => c.objects.filter((o) => o.kind === 'Deployment').map((o) => (o.metadata as { name: string }).name));
    expect(names).toEqual(expect.arrayContaining(['istio-telemetry', 'istio-policy']));
    const mesh = old.flatMap((c) => c.objects).find((o) => o.kind === 'ConfigMap')!.data as { mesh: string };
    expect(sidecarMixer(parseMeshText(mesh.mesh))).toEqual({ reports: true, checks: false });
  });

  it('refuses a --set path IstioControlPlane does not have, like makeTreeFromSetList', async () => {
    const istioctl = await cluster();
    const result = await istioctl(['manifest', 'apply', '--skip-confirmation', '--set', 'profile=default', '--set', 'mixer.telemetry.enabled=false']);
    expect(result.exitCode).toBe(255);
    expect(result.stderr).toBe('Failed to generate and apply manifests, error: failed to generate tree from the set overlay, error: bad path=value: mixer.telemetry.enabled=false');
    expect(deployments()).toEqual({});
  });
});
