// Issue 8: kind runs Kubernetes < 1.19 only on cgroup v1 hosts, so `run` of the Istio 1.4 profiles
// (Kubernetes 1.16 node images) on a cgroup v2 host stops in the preflight — exit 3, the reason and
// what to do — before any cluster or run directory exists. On a cgroup v1 host it goes on.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { meshbench } from '../../e2e/cli.ts';
import { writeSuite } from '../../e2e/suites.ts';
import { fakePath, type FakePath } from '../../fakes/fake-path.ts';

const LEGACY_TOOLS = { FAKE_KIND_VERSION: 'v0.11.1', FAKE_ISTIOCTL_VERSION: '1.4.10', FAKE_KUBECTL_VERSION: 'v1.17.17' };
const suite = `apiVersion: meshbench.dev/v1alpha1
kind: Suite
name: legacy-here
target: kind
driver: builtin
profiles: [istio-1.4-mixer]
experiments:
  - { name: load, type: load, rates: [10], duration: 1s }
`;

describe('meshbench run of a Kubernetes 1.16 profile on kind', () => {
  let fakes: FakePath | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await fakes?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
    fakes = dir = undefined;
  });

  it('on a cgroup v2 host: exit 3 in the preflight, with why and what to do, nothing created', async () => {
    fakes = await fakePath({ env: { ...LEGACY_TOOLS, FAKE_DOCKER_CGROUP: '2' } });
    const written = await writeSuite(suite);
    dir = written.dir;
    const runDir = join(dir, 'run');
    const result = await meshbench(['run', written.file, '--target', 'kind', '--out', runDir], { env: fakes.env });
    expect(result.exitCode, String(result.stderr)).toBe(3);
    const stderr = String(result.stderr);
    expect(stderr).toContain('the kind target cannot run here: cgroup missing or not working (nothing was created)');
    expect(stderr).toMatch(/missing +cgroup +v2; kind runs Kubernetes < 1\.19 only on cgroup v1 hosts, and istio-1\.4-mixer \(Kubernetes v1\.16\.15\) needs it/);
    expect(stderr).toContain('fix: run these profiles on a cgroup v1 host');
    expect(stderr).toContain('No Mixer profile for cgroup v2 is offered: Mixer exists up to Istio 1.7, which is tested on Kubernetes 1.16–1.18 only, and kind runs only Kubernetes ≥ 1.19 on cgroup v2');
    expect((await fakes.calls()).filter((call) => call.tool === 'kind' && call.argv[0] !== 'version')).toEqual([]);
    expect(existsSync(runDir)).toBe(false);
  });

  it('on a cgroup v1 host the preflight passes and the cluster is created', async () => {
    // FAKE_KIND_FAIL_ON stops the run at its first kind action after the preflight: far enough.
    fakes = await fakePath({ env: { ...LEGACY_TOOLS, FAKE_DOCKER_CGROUP: '1', FAKE_KIND_FAIL_ON: 'create' } });
    const written = await writeSuite(suite);
    dir = written.dir;
    const result = await meshbench(['run', written.file, '--target', 'kind', '--out', join(dir, 'run')], { env: fakes.env });
    expect(String(result.stderr)).not.toContain('cannot run here');
    expect((await fakes.calls()).some((call) => call.tool === 'kind' && call.argv[0] === 'create')).toBe(true);
  });
});
