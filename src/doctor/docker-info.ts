// Reads `docker info --format '{{json .}}'`: every daemon fact a kind run depends on, from one call.
// Field names are moby's system.Info (api/types/system/info.go); the client prints the daemon's
// answer at the top level of the JSON and its own failures under ServerErrors
// (docker/cli cli/command/system/info.go).

export interface DockerDaemon {
  running: boolean;
  version?: string;
  /** Why it is not running (the client's first line of error). */
  problem?: string;
  /** "1" or "2" (moby daemon/info_unix.go: "2" when the host's cgroup hierarchy is unified). */
  cgroupVersion?: string;
  /** containerd when DriverStatus holds driver-type io.containerd.snapshotter.v1 (moby daemon/containerd/service.go). */
  imageStore?: 'containerd' | 'classic';
  /** The storage driver, or the snapshotter on the containerd store (overlay2, overlayfs, …). */
  driver?: string;
  /** The daemon's `uname -m`: x86_64, aarch64, … */
  architecture?: string;
  /** CPUs and memory of the daemon's host (NCPU, MemTotal): what a kind node can schedule on. */
  cpus?: number;
  memoryBytes?: number;
}

const CONTAINERD_SNAPSHOTTER = ['driver-type', 'io.containerd.snapshotter.v1'];

export function readDockerInfo(stdout: string): DockerDaemon {
  let info: Record<string, unknown>;
  try {
    info = JSON.parse(stdout) as Record<string, unknown>;
  } catch {
    return { running: false, problem: `docker info printed no JSON: ${stdout.trim().split('\n')[0] ?? ''}` };
  }
  const text = (key: string) => (typeof info[key] === 'string' && info[key] !== '' ? (info[key] as string) : undefined);
  const version = text('ServerVersion');
  if (version === undefined) {
    const errors = Array.isArray(info.ServerErrors) ? info.ServerErrors.map(String) : [];
    return { running: false, problem: errors[0] ?? 'docker info reported no server version' };
  }
  const status = Array.isArray(info.DriverStatus) ? (info.DriverStatus as unknown[][]) : [];
  const containerd = status.some((pair) => pair[0] === CONTAINERD_SNAPSHOTTER[0] && pair[1] === CONTAINERD_SNAPSHOTTER[1]);
  const facts: DockerDaemon = { running: true, version, imageStore: containerd ? 'containerd' : 'classic' };
  const cgroupVersion = text('CgroupVersion');
  const driver = text('Driver');
  const architecture = text('Architecture');
  const count = (key: string) => (typeof info[key] === 'number' && (info[key] as number) > 0 ? (info[key] as number) : undefined);
  const cpus = count('NCPU');
  const memoryBytes = count('MemTotal');
  return {
    ...facts,
    ...(cgroupVersion ? { cgroupVersion } : {}),
    ...(driver ? { driver } : {}),
    ...(architecture ? { architecture } : {}),
    ...(cpus ? { cpus } : {}),
    ...(memoryBytes ? { memoryBytes } : {}),
  };
}
