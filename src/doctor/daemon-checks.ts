// The doctor's verdicts on the docker daemon, from the facts of one `docker info` (docker-info.ts):
// is it recent enough to save a single platform, which image store it uses, and whether its
// host's cgroup version can run the profiles' node images.
import { linuxPlatform } from '../targets/kind/platform.ts';
import type { CheckResult, Needs } from './checks.ts';
import type { DockerDaemon } from './docker-info.ts';

// docker save --platform arrived in docker/cli v28.0.0 and needs API 1.48 (cli/command/image/save.go:
// the flag's "version" annotation), so both the client and the daemon must be 28.0 or newer.
const MIN_DOCKER_MAJOR = 28;

/** The docker line: client and daemon both answer, both ≥ 28.0. */
export function judgeDocker(client: string, daemon: DockerDaemon | undefined, required: boolean): CheckResult {
  const absent = required ? 'missing' : 'warning';
  if (!daemon?.running) {
    const problem = daemon?.problem ?? 'docker info failed';
    const fix = /permission denied/i.test(problem)
      ? 'let your user reach the daemon: sudo usermod -aG docker $USER, then log in again'
      : 'start the Docker daemon: sudo systemctl start docker (or sudo service docker start; on macOS/Windows start Docker Desktop), then check with docker info';
    return { name: 'docker', status: absent, detail: `client ${client}, but the daemon is not running: ${problem}`, fix };
  }
  const server = daemon.version ?? 'unknown';
  const detail = `client ${client}, daemon ${server}${daemon.architecture ? ` (${linuxPlatform(daemon.architecture)})` : ''}`;
  const old = [client, server].some((version) => major(version) < MIN_DOCKER_MAJOR);
  if (!old) return { name: 'docker', status: 'ok', detail };
  return {
    name: 'docker',
    status: absent,
    detail: `${detail}; meshbench loads images into kind as single-platform archives (docker save --platform), which needs Docker 28.0 or newer (API 1.48)`,
    fix: 'upgrade Docker Engine (client and daemon) to 28.0 or newer: https://docs.docker.com/engine/install/',
  };
}

// "29.7.2", "28.0.0-rc.1", "26.1.5+dfsg1" → 29, 28, 26; unreadable → 0 (too old to trust).
function major(version: string): number {
  return Number(/^(\d+)\./.exec(version)?.[1] ?? 0);
}

/** The image store and cgroup lines; only a daemon that answered has them. */
export function daemonChecks(needs: Needs, daemon: DockerDaemon | undefined): CheckResult[] {
  if (!daemon?.running) return [];
  return [imageStore(daemon), cgroup(needs, daemon)];
}

function imageStore(daemon: DockerDaemon): CheckResult {
  const driver = daemon.driver ? ` (${daemon.driver})` : '';
  if (daemon.imageStore === 'classic') return { name: 'image-store', status: 'ok', detail: `classic${driver}` };
  return {
    name: 'image-store',
    status: 'ok',
    detail: `containerd${driver}: kind load docker-image fails here on multi-arch images (kubernetes-sigs/kind#3795), so meshbench loads single-platform archives`,
  };
}

const CGROUP_V1_FIX =
  'run these profiles on a cgroup v1 host (e.g. a VM booted with systemd.unified_cgroup_hierarchy=0): kind supports Kubernetes < 1.19 only there (kind v0.11.1 known issues). ' +
  'No Mixer profile for cgroup v2 is offered: Mixer exists up to Istio 1.7, which is tested on Kubernetes 1.16–1.18 only, and kind runs only Kubernetes ≥ 1.19 on cgroup v2';

function cgroup(needs: Needs, daemon: DockerDaemon): CheckResult {
  const version = daemon.cgroupVersion;
  const shown = version === undefined ? 'unknown' : `v${version}`;
  const old = needs.cgroupV1Profiles;
  if (old.length === 0 || version === '1') return { name: 'cgroup', status: 'ok', detail: shown };
  const which = old.map((p) => `${p.profile} (Kubernetes ${p.kubernetes})`).join(', ');
  return {
    name: 'cgroup',
    // docker reports no version on hosts without cgroups (Windows): not a verdict, a doubt.
    status: version === undefined ? 'warning' : 'missing',
    detail: `${shown}; kind runs Kubernetes < 1.19 only on cgroup v1 hosts, and ${which} ${old.length === 1 ? 'needs' : 'need'} it`,
    fix: CGROUP_V1_FIX,
  };
}
