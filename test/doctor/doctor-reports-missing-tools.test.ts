import { describe, expect, it } from 'vitest';
import { meshbench } from '../e2e/cli.ts';
import { fakePath } from '../fakes/fake-path.ts';

const SUITE = 'scenarios/sidecar-and-cold-start.yaml'; // kind target, Istio and Knative profiles

/** The status word of a check's line, e.g. "ok" for "ok       docker  client 29.7.2, …". */
function statusOf(stdout: string, check: string): string | undefined {
  return stdout.split('\n').find((line) => line.split(/\s+/)[1] === check)?.split(/\s+/)[0];
}

describe('meshbench doctor against fake tools on PATH', () => {
  it('all tools present and the daemon running: every tool ok, exit 0', async () => {
    const fakes = await fakePath();
    try {
      const result = await meshbench(['doctor', SUITE], { env: fakes.env });
      expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
      for (const tool of ['docker', 'kind', 'kubectl', 'istioctl', 'helm']) expect(statusOf(String(result.stdout), tool)).toBe('ok');
      expect(result.stdout).toContain('client 29.7.2, daemon 29.7.2 (linux/amd64)');
      expect(result.stdout).toMatch(/ok +kind +v0\.30\.0/);
      // The fake daemon is a fresh Docker 29: containerd image store, cgroup v2.
      expect(result.stdout).toMatch(/ok +image-store +containerd \(overlayfs\): kind load docker-image fails here/);
      expect(result.stdout).toMatch(/ok +cgroup +v2\n/);
      // Version checks only: doctor never creates or lists clusters.
      const argvs = (await fakes.calls()).map((call) => [call.tool, ...call.argv].join(' '));
      // One docker info call answers every daemon question.
      expect(argvs.sort()).toEqual(['docker --version', 'docker info --format {{json .}}', 'helm version --short', 'istioctl version --remote=false', 'kind version', 'kubectl version --client']);
    } finally {
      await fakes.cleanup();
    }
  });

  it('docker daemon down: docker missing with how to start it, exit 3', async () => {
    const fakes = await fakePath({ env: { FAKE_DOCKER_DAEMON: 'down' } });
    try {
      const result = await meshbench(['doctor', SUITE], { env: fakes.env });
      expect(result.exitCode).toBe(3);
      const stdout = String(result.stdout);
      expect(statusOf(stdout, 'docker')).toBe('missing');
      expect(stdout).toContain('the daemon is not running: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?');
      expect(stdout).toContain('fix: start the Docker daemon: sudo systemctl start docker');
      expect(statusOf(stdout, 'kind')).toBe('ok');
      expect(result.stderr).toContain('error: 1 required check failed: docker');
    } finally {
      await fakes.cleanup();
    }
  });

  it('without a suite, istioctl and helm are reported but not required', async () => {
    const fakes = await fakePath({ tools: ['docker', 'kind', 'kubectl'] });
    try {
      const result = await meshbench(['doctor'], { env: fakes.env });
      expect(result.exitCode, String(result.stderr)).toBe(0);
      expect(statusOf(String(result.stdout), 'istioctl')).toBe('warning');
      expect(result.stdout).toContain('fix: install istioctl 1.28.3: curl -L https://istio.io/downloadIstio');
    } finally {
      await fakes.cleanup();
    }
  });
});

// The development and CI machines have a docker client but no daemon, and no kind (nothing to run
// it on): doctor must say so and how to fix it. Deliberately unconditional — a skip proves nothing.

describe('meshbench doctor on this machine as it is', () => {
  it('reports docker and kind missing with fix hints, exit 3', async () => {
    const result = await meshbench(['doctor']);
    expect(result.exitCode).toBe(3);
    const stdout = String(result.stdout);
    expect(statusOf(stdout, 'kind')).toBe('missing');
    expect(stdout).toContain('fix: install kind v0.30.0: https://kind.sigs.k8s.io/docs/user/quick-start/#installation');
    expect(statusOf(stdout, 'docker')).toBe('missing');
    expect(stdout).toMatch(/fix: (start the Docker daemon|install Docker Engine)/);
    expect(result.stderr).toMatch(/error: \d required checks? failed: .*kind/);
  });
});
