// doctor reads every daemon fact from one `docker info --format '{{json .}}'`; the JSON below has
// the shape the docker/cli v29 client prints (moby api/types/system/info.go field names).
import { describe, expect, it } from 'vitest';
import { readDockerInfo } from '../../src/doctor/docker-info.ts';

const containerd = {
  ID: 'f2b3c1d4',
  Driver: 'overlayfs',
  DriverStatus: [['driver-type', 'io.containerd.snapshotter.v1']],
  CgroupDriver: 'systemd',
  CgroupVersion: '2',
  OSType: 'linux',
  Architecture: 'aarch64',
  NCPU: 4,
  MemTotal: 8_218_427_392,
  ServerVersion: '29.7.2',
  ClientInfo: { Debug: false, Version: '29.7.2', Context: 'default' },
};

describe('docker info JSON', () => {
  it("gives version, architecture, cgroup version, the host's CPUs and memory, and the containerd store from its driver-type pair", () => {
    expect(readDockerInfo(JSON.stringify(containerd))).toEqual({
      running: true,
      version: '29.7.2',
      imageStore: 'containerd',
      driver: 'overlayfs',
      cgroupVersion: '2',
      architecture: 'aarch64',
      cpus: 4,
      memoryBytes: 8_218_427_392,
    });
  });

  it('calls any other storage driver the classic store', () => {
    const classic = { ...containerd, Driver: 'overlay2', DriverStatus: [['Backing Filesystem', 'xfs'], ['Supports d_type', 'true']], CgroupVersion: '1' };
    expect(readDockerInfo(JSON.stringify(classic))).toMatchObject({ imageStore: 'classic', driver: 'overlay2', cgroupVersion: '1' });
  });

  it('without a server version the daemon is not running, with its first server error as the reason', () => {
    expect(readDockerInfo(JSON.stringify({ ServerVersion: '', ServerErrors: ['Error response from daemon: bad gateway'], ClientInfo: {} }))).toEqual({
      running: false,
      problem: 'Error response from daemon: bad gateway',
    });
    expect(readDockerInfo('Client:\n Version: 29.7.2')).toEqual({ running: false, problem: 'docker info printed no JSON: Client:' });
  });
});
