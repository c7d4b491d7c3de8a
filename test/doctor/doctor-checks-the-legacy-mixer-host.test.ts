// The legacy Mixer suite needs its own tools and host: kind v0.11.1, istioctl 1.4.x, kubectl ≤ 1.25
// and a cgroup v1 host. doctor says which are wrong, each with a fix, against the fakes' knobs.
import { describe, expect, it } from 'vitest';
import { meshbench } from '../e2e/cli.ts';
import { fakePath } from '../fakes/fake-path.ts';

const SUITE = 'scenarios/legacy-mixer.yaml';
const RIGHT_HOST = { FAKE_KIND_VERSION: 'v0.11.1', FAKE_ISTIOCTL_VERSION: '1.4.10', FAKE_KUBECTL_VERSION: 'v1.17.17', FAKE_DOCKER_CGROUP: '1' };

async function doctor(env: Record<string, string>, suite = SUITE) {
  const fakes = await fakePath({ env });
  try {
    return await meshbench(['doctor', suite], { env: fakes.env });
  } finally {
    await fakes.cleanup();
  }
}

const line = (stdout: unknown, check: string) => String(stdout).split('\n').find((text) => text.split(/\s+/)[1] === check);

describe('meshbench doctor scenarios/legacy-mixer.yaml', () => {
  it('on a current host (kind v0.30.0, istioctl 1.28.3, kubectl 1.34, cgroup v2): four checks missing, exit 3', async () => {
    const result = await doctor({});
    expect(result.exitCode).toBe(3);
    expect(line(result.stdout, 'kind')).toMatch(/^missing +kind +v0\.30\.0; the profiles' node images are pinned for kind v0\.11\.1/);
    expect(line(result.stdout, 'istioctl')).toMatch(/^missing +istioctl +1\.28\.3; .*the profiles pin 1\.4\.10/);
    expect(line(result.stdout, 'kubectl')).toMatch(/^missing +kubectl +v1\.34\.0; istioctl 1\.4 runs kubectl apply --prune/);
    expect(line(result.stdout, 'cgroup')).toMatch(/^missing +cgroup +v2; kind runs Kubernetes < 1\.19 only on cgroup v1 hosts, and istio-1\.4-no-mixer \(Kubernetes v1\.16\.15\), istio-1\.4-mixer \(Kubernetes v1\.16\.15\) need it/);
    expect(result.stdout).toContain('No Mixer profile for cgroup v2 is offered');
    expect(result.stderr).toContain('error: 4 required checks failed: kind, kubectl, istioctl, cgroup');
  });

  it('on the host it needs: every check ok, the old kubectl version format read too, exit 0', async () => {
    const result = await doctor(RIGHT_HOST);
    expect(result.exitCode, String(result.stdout)).toBe(0);
    expect(line(result.stdout, 'kubectl')).toMatch(/^ok +kubectl +v1\.17\.17$/);
    expect(line(result.stdout, 'cgroup')).toMatch(/^ok +cgroup +v1$/);
    expect(line(result.stdout, 'kind')).toMatch(/^ok +kind +v0\.11\.1$/);
  });

  it('kubectl 1.25 is the newest that works; 1.26 is refused', async () => {
    expect(line((await doctor({ ...RIGHT_HOST, FAKE_KUBECTL_VERSION: 'v1.25.16' })).stdout, 'kubectl')).toMatch(/^ok /);
    expect(line((await doctor({ ...RIGHT_HOST, FAKE_KUBECTL_VERSION: 'v1.26.0' })).stdout, 'kubectl')).toMatch(/^missing /);
  });

  it('Docker 27 cannot save one platform: docker missing with the upgrade', async () => {
    const result = await doctor({ ...RIGHT_HOST, FAKE_DOCKER_VERSION: '27.5.1' });
    expect(result.exitCode).toBe(3);
    expect(line(result.stdout, 'docker')).toMatch(/^missing +docker +client 27\.5\.1, daemon 27\.5\.1 \(linux\/amd64\); .*needs Docker 28\.0 or newer/);
    expect(line(result.stdout, 'image-store')).toMatch(/^ok +image-store +classic \(overlay2\)$/);
  });
});
