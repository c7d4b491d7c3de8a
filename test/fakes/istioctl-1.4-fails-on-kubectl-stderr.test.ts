// The fake istioctl 1.4 behaves like istio/operator@1.4.10: it applies through `kubectl` on PATH
// (pkg/kubectlcmd/client.go) and fails the install when kubectl prints anything on stderr but the
// one warning it ignores, even when kubectl succeeded (cmd/mesh/manifest-common.go). kubectl ≥ 1.26
// always warns about --prune (kubernetes/kubectl pkg/util/prune/prune.go@kubernetes-1.26.0).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { fakePath, type FakePath, type FakeTool } from './fake-path.ts';
import { startFakeKubeApi, type FakeKubeApi } from './kube-api-server.ts';
import { RESOURCE_TYPES } from './kube-resources.ts';

let api: FakeKubeApi | undefined;
let fakes: FakePath | undefined;
afterEach(async () => {
  await api?.close();
  await fakes?.cleanup();
  api = fakes = undefined;
});

async function manifestApply(kubectl: string | undefined) {
  api = await startFakeKubeApi();
  const tools: FakeTool[] = kubectl === undefined ? ['istioctl'] : ['istioctl', 'kubectl'];
  fakes = await fakePath({ tools, env: { FAKE_ISTIOCTL_VERSION: '1.4.10', ...(kubectl ? { FAKE_KUBECTL_VERSION: kubectl } : {}) } });
  const kubeconfig = join(fakes.dir, 'cluster.kubeconfig');
  await writeFile(kubeconfig, api.kubeconfig);
  const result = await execa('istioctl', ['manifest', 'apply', '--skip-confirmation', '--set', 'profile=default', '--kubeconfig', kubeconfig], { env: fakes.env, reject: false });
  return { result, kubeconfig };
}

const deployments = () => api!.store.list({ type: RESOURCE_TYPES.find((t) => t.kind === 'Deployment')!, namespace: 'istio-system' }).map((d) => d.metadata.name).sort();
// The default profile's components with a Deployment (istio/operator@1.4.10 data/profiles/default.yaml).
const COMPONENTS = ['Pilot', 'Policy', 'Telemetry', 'Galley', 'Citadel', 'Injector', 'IngressGateway', 'Prometheus'];
const DEPLOYMENTS = ['istio-citadel', 'istio-galley', 'istio-ingressgateway', 'istio-pilot', 'istio-policy', 'istio-sidecar-injector', 'istio-telemetry', 'prometheus'];

describe('istioctl 1.4.10 manifest apply on fakes', () => {
  it('runs kubectl apply per component: the base without --prune, the others pruned by their component label', async () => {
    const { result, kubeconfig } = await manifestApply('v1.17.17');
    expect(result.exitCode, String(result.stdout)).toBe(0);
    expect(result.stdout).toContain('✔ Installation complete');
    const kubectl = (await fakes!.calls()).filter((call) => call.tool === 'kubectl').map((call) => call.argv.join(' '));
    // Base first; then the others at once, as installer.go's goroutines apply them.
    expect(kubectl[0]).toBe(`apply --kubeconfig ${kubeconfig} --force -f -`);
    expect(kubectl.slice(1).sort()).toEqual(
      COMPONENTS.map((c) => `apply --kubeconfig ${kubeconfig} -n istio-system --force --prune --selector operator.istio.io/component=${c} -f -`).sort(),
    );
    expect(deployments()).toEqual(DEPLOYMENTS);
  });

  it('kubectl 1.25 still works: its --prune is quiet', async () => {
    expect((await manifestApply('v1.25.16')).result.exitCode).toBe(0);
  });

  it("kubectl 1.26's --prune warning fails the install with istioctl's own text, though kubectl applied everything", async () => {
    const { result } = await manifestApply('v1.26.0');
    expect(result.exitCode).toBe(255);
    expect(result.stdout).toMatch(/Error detail:\nW\d{4} [\d:.]+ +\d+ prune\.go:71\] Deprecated: kubectl apply will no longer prune non-namespaced resources by default .* \(repeated 1 times\)\n/);
    expect(result.stdout).toContain('✘ Errors were logged during apply operation. Please check component installation logs above.');
    expect(result.stderr).toBe('Failed to generate and apply manifests, error: errors were logged during apply operation');
    expect(deployments()).toEqual(DEPLOYMENTS);
  });

  it('without kubectl on PATH it cannot apply at all', async () => {
    const { result } = await manifestApply(undefined);
    expect(result.exitCode).toBe(255);
    expect(result.stdout).toContain('Error: error running kubectl: exec: "kubectl": executable file not found in $PATH');
    expect(deployments()).toEqual([]);
  });
});
