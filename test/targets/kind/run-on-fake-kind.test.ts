// Contract test of `meshbench run --target kind`: the real CLI against fake kind/docker/istioctl
// on PATH and a fake Kubernetes API server. Asserts the command order, the applied objects, one
// cluster per profile reused by every cell of that profile, and cleanup — after success, after a
// step that fails midway, and after SIGINT.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { echoResourcesText } from '../../../src/workloads/echo/manifests.ts';
import { meshbench } from '../../e2e/cli.ts';
import { writeSuite } from '../../e2e/suites.ts';
import type { Call } from '../../fakes/fake-path.ts';
import { fakeKindWorld, kindSuite, type FakeKindWorld } from './fake-kind-world.ts';

const PROFILES = ['baseline', 'istio-sidecar', 'knative-kourier'];
const line = (call: Call) => `${call.tool} ${call.argv.join(' ')}`;
/** The calls that change something, in order (version probes and listings left out). */
const actions = (calls: Call[]) =>
  calls.map(line).filter((text) => !/ (--version|version( --client| --remote=false| --short)?|info --format .*)$/.test(text) && text !== 'kind get clusters');

async function json(path: string) {
  return JSON.parse(await readFile(path, 'utf8'));
}

describe('meshbench run --target kind on fakes', () => {
  let world: FakeKindWorld | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('creates one cluster per profile, installs, measures every cell, deletes the clusters', async () => {
    world = await fakeKindWorld(PROFILES);
    const suite = await writeSuite(kindSuite({ duration: '600ms' }));
    const runDir = join(suite.dir, 'run');
    const result = await meshbench(['run', suite.file, '--target', 'kind', '--out', runDir, '--release-mirror', world.mirror, '--sample-interval', '100ms'], { env: world.env });
    expect(result.exitCode, String(result.stderr)).toBe(0);

    const steps = actions(await world.calls());
    const kc = (profile: string) => join(runDir, `meshbench-${profile}.kubeconfig`);
    // Saved for the fake daemon's platform (x86_64), loaded as an archive (kubernetes-sigs/kind#3795).
    const load = (image: string, profile: string) => {
      const archive = join(runDir, 'images', `${image.replaceAll(/[/:]/g, '_')}.tar`);
      return [`docker save --platform linux/amd64 -o ${archive} ${image}`, `kind load image-archive ${archive} --name meshbench-${profile}`];
    };
    expect(steps).toEqual([
      `kind create cluster --name meshbench-baseline --config ${join(runDir, 'meshbench-baseline.kind.yaml')} --image kindest/node:v1.34.0@sha256:7416a61b42b1662ca6ca89f02028ac133a309a2a30ba309614e8ec94d976dc5a --wait 5m --kubeconfig ${kc('baseline')}`,
      'docker pull fortio/fortio:1.69.5',
      ...load('fortio/fortio:1.69.5', 'baseline'),
      // Each cluster goes as soon as its profile's cells are done, so none runs beside the next.
      `kind delete cluster --name meshbench-baseline --kubeconfig ${kc('baseline')}`,
      expect.stringMatching(/^kind create cluster --name meshbench-istio-sidecar /),
      'docker pull fortio/fortio:1.69.5',
      ...load('fortio/fortio:1.69.5', 'istio-sidecar'),
      `istioctl install --skip-confirmation --set profile=default --kubeconfig ${kc('istio-sidecar')}`,
      `kind delete cluster --name meshbench-istio-sidecar --kubeconfig ${kc('istio-sidecar')}`,
      expect.stringMatching(/^kind create cluster --name meshbench-knative-kourier /),
      'docker pull fortio/fortio:1.69.5',
      'docker tag fortio/fortio:1.69.5 kind.local/fortio:1.69.5',
      ...load('kind.local/fortio:1.69.5', 'knative-kourier'),
      `kind delete cluster --name meshbench-knative-kourier --kubeconfig ${kc('knative-kourier')}`,
    ]);

    // Every cell measured, each profile's two cells on its one cluster, through its ingress port.
    const { results } = await json(join(runDir, 'results.json'));
    expect(results.map((r: { cell: { id: string }; status: string }) => `${r.cell.id} ${r.status}`)).toEqual(
      PROFILES.flatMap((profile) => [1, 2].map((rep) => `${profile}/load/rate=40,c=2/r${rep} completed`)),
    );
    for (const r of results) expect(r.requests).toBeGreaterThan(10);
    // Resources from the kubelets (the fake burns known millicores per container), per component.
    const cpu = (r: { resources: { component: string; cpuMillicores: { avg: number }; error?: string }[] }) =>
      Object.fromEntries(r.resources.map((u) => [u.component, u.error ?? Math.round(u.cpuMillicores.avg / 10) * 10]));
    expect(cpu(results[0])).toEqual({ workload: 100 });
    expect(cpu(results[2])).toEqual({ workload: 100, 'istio-proxy': 200, discovery: 20 });
    expect(cpu(results[4])).toMatchObject({ 'queue-proxy': 50, activator: 30, autoscaler: 10 });
    const record = await json(join(runDir, 'run.json'));
    expect(record).toMatchObject({ status: 'complete', target: 'kind', emulation: false });
    // The stack each profile ran on, for comparing runs later.
    expect(record.stacks.map((stack: { profile: string }) => stack.profile)).toEqual(PROFILES);
    expect(record.stacks[0].facts).toEqual({
      cluster: 'meshbench-baseline',
      kind: 'v0.30.0',
      nodeImage: 'kindest/node:v1.34.0@sha256:7416a61b42b1662ca6ca89f02028ac133a309a2a30ba309614e8ec94d976dc5a',
      kubernetes: 'v1.34.0',
      nodes: '1 (8 CPU, 15.6 GiB in total)',
      images: 'fortio/fortio:1.69.5',
      workloadResources: echoResourcesText(),
    });
    expect(record.stacks[2].facts).toMatchObject({ knative: 'serving 1.19.5, kourier 1.19.5', images: 'kind.local/fortio:1.69.5' });

    // Applied with server-side apply, by field manager meshbench.
    const applied = world.api.requests.filter((r) => r.method === 'PATCH' && r.query.fieldManager === 'meshbench');
    expect(applied.every((r) => r.contentType === 'application/apply-patch+yaml')).toBe(true);
    const paths = applied.map((r) => r.path);
    const namespace = `meshbench-${runDir.split('/').at(-1)}`;
    expect(paths).toEqual(
      expect.arrayContaining([
        `/api/v1/namespaces/${namespace}`,
        `/apis/apps/v1/namespaces/${namespace}/deployments/echo`,
        `/api/v1/namespaces/${namespace}/services/echo`,
        '/api/v1/namespaces/knative-serving/configmaps/config-network',
        '/api/v1/namespaces/knative-serving/configmaps/config-autoscaler',
        '/api/v1/namespaces/kourier-system/services/kourier',
        `/apis/serving.knative.dev/v1/namespaces/${namespace}/services/echo`,
      ]),
    );
    // Release manifests under their own field manager, so our partial patches never strip them.
    const released = world.api.requests.filter((r) => r.method === 'PATCH' && r.query.fieldManager === 'meshbench-release').map((r) => r.path);
    expect(released).toEqual(
      expect.arrayContaining([
        '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/services.serving.knative.dev',
        '/apis/apps/v1/namespaces/knative-serving/deployments/activator',
        '/api/v1/namespaces/kourier-system/services/kourier',
      ]),
    );
    const autoscaler = world.api.store.list({ type: { groupVersion: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true }, namespace: 'knative-serving' }).find((c) => c.metadata.name === 'config-autoscaler');
    expect(autoscaler?.data).toEqual({ _example: '# documentation only', 'scale-to-zero-grace-period': '6s', 'stable-window': '6s', 'scale-to-zero-pod-retention-period': '0s' });

    // Knative is reached by its route's host name through Kourier; the others by node port.
    expect(new Set(world.hosts.get('knative-kourier'))).toEqual(new Set([`echo.${namespace}.meshbench.local`]));
    expect(world.hosts.get('baseline')!.length).toBeGreaterThan(20);
  }, 120_000);

  it('a step failing midway stops the run with exit 3 and still deletes the cluster it created', async () => {
    world = await fakeKindWorld(PROFILES, { FAKE_KIND_FAIL_ON: 'load' });
    const suite = await writeSuite(kindSuite({ duration: '600ms' }));
    const runDir = join(suite.dir, 'run');
    const result = await meshbench(['run', suite.file, '--target', 'kind', '--out', runDir, '--release-mirror', world.mirror], { env: world.env });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/failed to prepare profile baseline on the kind target/);
    expect(result.stderr).toMatch(/kind load image-archive \S+\/images\/fortio_fortio_1\.69\.5\.tar --name meshbench-baseline/);
    const steps = actions(await world.calls());
    expect(steps.filter((s) => s.startsWith('kind create'))).toHaveLength(1);
    expect(steps.at(-1)).toMatch(/^kind delete cluster --name meshbench-baseline /);
    expect((await json(join(runDir, 'run.json'))).status).toBe('failed');
  }, 60_000);

  it('SIGINT mid-run: exit 130 within 5 s, created clusters deleted, run partial', async () => {
    world = await fakeKindWorld(PROFILES);
    const suite = await writeSuite(kindSuite({ duration: '20s' }));
    const runDir = join(suite.dir, 'run');
    const child = meshbench(['run', suite.file, '--target', 'kind', '--out', runDir, '--release-mirror', world.mirror], { env: world.env });
    // Past the stack warm-up (1 s at 40 rps) and into the first cell.
    while (world.hosts.get('baseline')!.length < 60) await sleep(100);
    const sent = performance.now();
    child.kill('SIGINT');
    const result = await child;
    expect(performance.now() - sent).toBeLessThan(5_000);
    expect(result.exitCode, String(result.stderr)).toBe(130);
    const steps = actions(await world.calls());
    expect(steps.filter((s) => s.startsWith('kind create'))).toEqual([expect.stringMatching(/meshbench-baseline/)]);
    expect(steps.at(-1)).toMatch(/^kind delete cluster --name meshbench-baseline /);
    const record = await json(join(runDir, 'run.json'));
    expect(record).toMatchObject({ status: 'partial', interruptedBy: 'SIGINT' });
    expect((await json(join(runDir, 'results.json'))).results[0].status).toBe('partial');
  }, 60_000);

  it('an existing cluster is refused without --reuse-clusters and adopted (not deleted) with it', async () => {
    world = await fakeKindWorld(['baseline']);
    await world.seedCluster('meshbench-baseline');
    const suite = await writeSuite(kindSuite({ duration: '400ms', profiles: ['baseline'] }));

    const refused = await meshbench(['run', suite.file, '--target', 'kind', '--out', join(suite.dir, 'refused')], { env: world.env });
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/kind cluster meshbench-baseline already exists/);
    expect(refused.stderr).toMatch(/--reuse-clusters/);
    expect(actions(await world.calls())).toEqual([]);

    const runDir = join(suite.dir, 'adopted');
    const adopted = await meshbench(['run', suite.file, '--target', 'kind', '--out', runDir, '--reuse-clusters'], { env: world.env });
    expect(adopted.exitCode, String(adopted.stderr)).toBe(0);
    const steps = actions(await world.calls());
    expect(steps[0]).toBe(`kind export kubeconfig --name meshbench-baseline --kubeconfig ${join(runDir, 'meshbench-baseline.kubeconfig')}`);
    expect(steps.some((s) => s.startsWith('kind create') || s.startsWith('kind delete'))).toBe(false);
    // The cluster stays; what the run created in it (its namespace) goes.
    const deleted = world.api.requests.filter((r) => r.method === 'DELETE').map((r) => r.path);
    expect(deleted).toEqual([`/api/v1/namespaces/meshbench-adopted`]);
  }, 60_000);
});
