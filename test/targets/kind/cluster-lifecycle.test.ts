import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { execaRunner, type Runner } from '../../../src/exec/runner.ts';
import { RecordingRunner } from '../../fakes/recording-runner.ts';
import { profileSchema } from '../../../src/suite/schema.ts';
import {
  clusterName,
  createCluster,
  deleteCluster,
  hostPortClashes,
  ingressHostPorts,
  kindConfig,
  listClusters,
  writeKindConfig,
} from '../../../src/targets/kind/cluster.ts';
import { fakePath, type FakePath } from '../../fakes/fake-path.ts';

const NODE_IMAGE = 'kindest/node:v1.34.0@sha256:7416a61b42b1662ca6ca89f02028ac133a309a2a30ba309614e8ec94d976dc5a';
const profile = profileSchema.parse({ name: 'istio-sidecar', kubernetes: { nodeImage: NODE_IMAGE, kindVersion: 'v0.30.0' } });
const files = { config: '/tmp/run/meshbench-istio-sidecar.kind.yaml', kubeconfig: '/tmp/run/kubeconfig' };

let fakes: FakePath | undefined;
let dir: string | undefined;
afterEach(async () => {
  await fakes?.cleanup();
  if (dir) await rm(dir, { recursive: true, force: true });
  fakes = dir = undefined;
});

describe('kind cluster config', () => {
  it('is one control-plane node on the pinned image with the ingress node ports on 127.0.0.1', () => {
    const { http, https } = ingressHostPorts(profile);
    expect(kindConfig(profile)).toEqual({
      apiVersion: 'kind.x-k8s.io/v1alpha4',
      kind: 'Cluster',
      name: 'meshbench-istio-sidecar',
      nodes: [
        {
          role: 'control-plane',
          image: NODE_IMAGE,
          extraPortMappings: [
            { containerPort: 31080, hostPort: http, listenAddress: '127.0.0.1', protocol: 'TCP' },
            { containerPort: 31443, hostPort: https, listenAddress: '127.0.0.1', protocol: 'TCP' },
          ],
        },
      ],
    });
  });

  it('gives each profile its own fixed host ports, the same on every call, below the ephemeral range', () => {
    const names = ['baseline', 'istio-sidecar', 'istio-sidecar-no-telemetry', 'istio-ambient', 'knative-kourier', 'knative-istio', 'istio-1.4-mixer', 'istio-1.4-no-mixer'];
    const ports = names.map((name) => ingressHostPorts({ name }));
    expect(ingressHostPorts({ name: 'baseline' })).toEqual(ports[0]);
    for (const { http, https } of ports) {
      expect(https).toBe(http + 1);
      expect(http).toBeGreaterThanOrEqual(20000);
      expect(https).toBeLessThan(30000);
    }
    expect(new Set(ports.map((p) => p.http)).size).toBe(names.length);
    expect(hostPortClashes(names.map((name) => ({ name })))).toEqual([]);
  });

  it('refuses a profile without a node image', () => {
    expect(() => kindConfig(profileSchema.parse({ name: 'bare' }))).toThrow(/profile bare has no kubernetes.nodeImage/);
  });

  it('is written as YAML that reads back to the same object', async () => {
    dir = await mkdtemp(join(tmpdir(), 'meshbench-kind-'));
    const file = await writeKindConfig(profile, dir);
    expect(file).toBe(join(dir, 'meshbench-istio-sidecar.kind.yaml'));
    expect(parse(await readFile(file, 'utf8'))).toEqual(kindConfig(profile));
  });
});

describe('kind lifecycle commands', () => {
  it('create and delete run the exact argv', async () => {
    const runner = new RecordingRunner();
    await createCluster(runner, profile, files);
    await deleteCluster(runner, clusterName(profile), files.kubeconfig);
    await deleteCluster(runner, 'meshbench-old');
    expect(runner.commands).toEqual([
      { cmd: 'kind', args: ['create', 'cluster', '--name', 'meshbench-istio-sidecar', '--config', files.config, '--image', NODE_IMAGE, '--wait', '5m', '--kubeconfig', files.kubeconfig] },
      { cmd: 'kind', args: ['delete', 'cluster', '--name', 'meshbench-istio-sidecar', '--kubeconfig', files.kubeconfig] },
      { cmd: 'kind', args: ['delete', 'cluster', '--name', 'meshbench-old'] },
    ]);
  });

  it('listClusters reads names from stdout and treats "No kind clusters found." as none', async () => {
    const answer = (stdout: string, stderr: string): Runner => new RecordingRunner(() => ({ stdout, stderr }));
    expect(await listClusters(answer('', 'No kind clusters found.'))).toEqual([]);
    expect(await listClusters(answer('No kind clusters found.\n', ''))).toEqual([]);
    expect(await listClusters(answer('kind\nmeshbench-baseline\nmeshbench-istio-sidecar\n', ''))).toEqual(['kind', 'meshbench-baseline', 'meshbench-istio-sidecar']);
  });
});

describe('kind lifecycle against the fake kind', () => {
  const runnerWith = (env: Record<string, string>): Runner => {
    const real = execaRunner();
    return { run: (cmd, args, options) => real.run(cmd, args, { ...options, env }) };
  };

  it('creates, lists, deletes, and deletes again without error', async () => {
    fakes = await fakePath();
    const runner = runnerWith(fakes.env);
    const config = await writeKindConfig(profile, fakes.dir);
    const kubeconfig = join(fakes.dir, 'kubeconfig');
    expect(await listClusters(runner)).toEqual([]);
    await createCluster(runner, profile, { config, kubeconfig });
    expect(await listClusters(runner)).toEqual(['meshbench-istio-sidecar']);
    expect(await readFile(kubeconfig, 'utf8')).toContain('current-context: kind-meshbench-istio-sidecar');
    await deleteCluster(runner, 'meshbench-istio-sidecar', kubeconfig);
    await deleteCluster(runner, 'meshbench-istio-sidecar', kubeconfig);
    expect(await listClusters(runner)).toEqual([]);

    const calls = await fakes.calls();
    expect(calls.map((call) => call.argv.slice(0, 2).join(' '))).toEqual([
      'get clusters', 'create cluster', 'get clusters', 'delete cluster', 'delete cluster', 'get clusters',
    ]);
    // The config kind saw is the one kindConfig produced.
    expect(parse(calls[1]!.seen!.config!)).toEqual(kindConfig(profile));
  });

  it('a failed create names the cluster and keeps kind\'s own error as the cause', async () => {
    fakes = await fakePath({ env: { FAKE_KIND_FAIL_ON: 'create' } });
    const config = await writeKindConfig(profile, fakes.dir);
    const error = (await createCluster(runnerWith(fakes.env), profile, { config, kubeconfig: join(fakes.dir, 'kubeconfig') }).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe('failed to create kind cluster meshbench-istio-sidecar');
    expect(error).toMatchObject({ exitCode: 3 });
    expect(String((error.cause as Error).message)).toContain('ERROR: failed to create cluster: failed to init node with kubeadm');
  });
});
