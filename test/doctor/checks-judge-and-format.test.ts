import { describe, expect, it } from 'vitest';
import { failedChecks, formatChecks, judge, needsOf, type Facts } from '../../src/doctor/checks.ts';
import { profileSchema } from '../../src/suite/schema.ts';

const GiB = 1024 ** 3;
const baseline = profileSchema.parse({ name: 'baseline', kubernetes: { nodeImage: 'kindest/node:v1.34.0@sha256:74', kindVersion: 'v0.30.0' } });
const istio = profileSchema.parse({ name: 'istio-sidecar', mesh: { type: 'istio-sidecar', version: '1.28.3' }, kubernetes: baseline.kubernetes });
const legacy = profileSchema.parse({
  name: 'istio-1.4-mixer',
  mesh: { type: 'istio-sidecar', version: '1.4.10', telemetry: 'mixer' },
  kubernetes: { nodeImage: 'kindest/node:v1.16.15@sha256:83067ed51bf2a3395b24687094e283a7c7c865ccc12a8b1d7aa673ba0c5e8861', kindVersion: 'v0.11.1' },
});
const plenty = { cpus: 8, totalMemoryBytes: 64 * GiB, freeMemoryBytes: 32 * GiB, freeDiskBytes: 100 * GiB, diskPath: '/' };
const daemon = { running: true, version: '29.7.2', imageStore: 'containerd', driver: 'overlayfs', cgroupVersion: '2', architecture: 'x86_64' } as const;
const allFound: Facts['tools'] = {
  docker: { found: true, version: '29.7.2' },
  kind: { found: true, version: 'v0.30.0' },
  kubectl: { found: true, version: 'v1.34.0' },
  istioctl: { found: true, version: '1.28.3' },
  helm: { found: true, version: 'v3.19.0' },
};

describe('doctor needs', () => {
  it('require istioctl only when a profile uses Istio, and take CPU and memory from what the largest profile requests', () => {
    const plain = needsOf('kind', [baseline]);
    expect(plain.tools.find((t) => t.tool === 'istioctl')?.required).toBe(false);
    // Without a suite's requests: the stated minimum.
    expect(plain).toMatchObject({ cpus: 2, memoryBytes: 4 * GiB });
    const requested = { profile: 'istio-sidecar', cpuMillicores: 2400, memoryBytes: 2914 * 2 ** 20 };
    const withIstio = needsOf('kind', [baseline, istio], { requested });
    expect(withIstio.tools.find((t) => t.tool === 'istioctl')?.required).toBe(true);
    // 2.4 CPU requested, rounded up, and one CPU for the load itself.
    expect(withIstio).toMatchObject({ cpus: 4, memoryBytes: 2914 * 2 ** 20, diskBytes: 13 * GiB, kindVersion: 'v0.30.0', istioVersions: ['1.28.3'], requested });
    // The local target needs nothing installed; k6 only when a cell runs the local k6 binary.
    expect(needsOf('local', [istio]).tools).toEqual([{ tool: 'k6', required: false }]);
    expect(needsOf('local', [istio], { k6Local: true }).tools).toEqual([{ tool: 'k6', required: true }]);
    expect(needsOf('existing', [istio]).tools.map((t) => t.tool)).toEqual(['kubectl', 'istioctl', 'helm', 'k6']);
  });
});

describe('doctor on the docker daemon', () => {
  const judged = (profiles: typeof baseline[], dockerDaemon: Facts['dockerDaemon'], docker = '29.7.2') =>
    judge(needsOf('kind', profiles), { tools: { ...allFound, docker: { found: true, version: docker } }, dockerDaemon, system: plenty });

  it('reports the daemon platform, the image store and the cgroup version on their own lines', () => {
    const results = judged([baseline], daemon);
    expect(results.map((r) => [r.name, r.status, r.detail])).toEqual(expect.arrayContaining([
      ['docker', 'ok', 'client 29.7.2, daemon 29.7.2 (linux/amd64)'],
      ['image-store', 'ok', 'containerd (overlayfs): kind load docker-image fails here on multi-arch images (kubernetes-sigs/kind#3795), so meshbench loads single-platform archives'],
      ['cgroup', 'ok', 'v2'],
    ]));
    expect(judged([baseline], { ...daemon, imageStore: 'classic', driver: 'overlay2', cgroupVersion: '1' }).filter((r) => ['image-store', 'cgroup'].includes(r.name)).map((r) => r.detail)).toEqual(['classic (overlay2)', 'v1']);
  });

  it('docker save --platform needs Docker 28.0: an older client or daemon is missing', () => {
    for (const [client, server] of [['27.5.1', '29.7.2'], ['29.7.2', '27.5.1']] as const) {
      const docker = judged([baseline], { ...daemon, version: server }, client).find((r) => r.name === 'docker');
      expect(docker).toMatchObject({ status: 'missing', detail: expect.stringContaining('which needs Docker 28.0 or newer (API 1.48)'), fix: expect.stringContaining('28.0 or newer') });
    }
    expect(judged([baseline], { ...daemon, version: '28.0.0' }, '28.0.0').find((r) => r.name === 'docker')?.status).toBe('ok');
  });

  it('a profile on Kubernetes < 1.19 refuses a cgroup v2 host, saying why no cgroup v2 Mixer profile exists', () => {
    const cgroup = judged([legacy], daemon).find((r) => r.name === 'cgroup');
    expect(cgroup).toMatchObject({ status: 'missing', detail: 'v2; kind runs Kubernetes < 1.19 only on cgroup v1 hosts, and istio-1.4-mixer (Kubernetes v1.16.15) needs it' });
    expect(cgroup?.fix).toContain('run these profiles on a cgroup v1 host');
    expect(cgroup?.fix).toContain('Mixer exists up to Istio 1.7, which is tested on Kubernetes 1.16–1.18 only, and kind runs only Kubernetes ≥ 1.19 on cgroup v2');
    expect(judged([legacy], { ...daemon, cgroupVersion: '1' }).find((r) => r.name === 'cgroup')).toMatchObject({ status: 'ok', detail: 'v1' });
  });

  it('no daemon, no daemon lines: only the docker line says so', () => {
    const results = judged([legacy], { running: false, problem: 'Cannot connect to the Docker daemon' });
    expect(results.filter((r) => ['image-store', 'cgroup'].includes(r.name))).toEqual([]);
    expect(results.find((r) => r.name === 'docker')?.status).toBe('missing');
  });
});

describe('doctor on kubectl for istioctl 1.4', () => {
  const kubectl = (version: string | undefined, target: 'kind' | 'existing' = 'kind', install = false) =>
    judge(needsOf(target, [legacy], { install }), {
      tools: { ...allFound, kind: { found: true, version: 'v0.11.1' }, istioctl: { found: true, version: '1.4.10' }, kubectl: version ? { found: true, version } : { found: false } },
      dockerDaemon: { ...daemon, cgroupVersion: '1' },
      system: plenty,
    }).find((r) => r.name === 'kubectl');

  it('is required, and must be 1.25 or older: istioctl 1.4 fails on the --prune warning of kubectl ≥ 1.26', () => {
    expect(kubectl('v1.25.16')).toMatchObject({ status: 'ok' });
    expect(kubectl('v1.17.17')).toMatchObject({ status: 'ok' });
    expect(kubectl('v1.26.0')).toMatchObject({ status: 'missing', detail: expect.stringContaining('kubectl ≥ 1.26 always warns about --prune'), fix: expect.stringContaining('install kubectl v1.17.17') });
    expect(kubectl(undefined)).toMatchObject({ status: 'missing', fix: expect.stringContaining('https://dl.k8s.io/release/v1.17.17/bin/linux/amd64/kubectl') });
  });

  it('on an existing cluster only when --install runs istioctl', () => {
    expect(kubectl('v1.34.0', 'existing', false)?.status).toBe('ok');
    expect(kubectl('v1.34.0', 'existing', true)?.status).toBe('missing');
  });
});

describe('doctor verdicts', () => {
  it('a kind or istioctl other than the pinned one is missing: one of each serves the whole run', () => {
    const results = judge(needsOf('kind', [istio]), {
      tools: { ...allFound, kind: { found: true, version: 'v0.29.0' }, istioctl: { found: true, version: '1.27.1' } },
      dockerDaemon: daemon,
      system: plenty,
    });
    expect(results.find((r) => r.name === 'kind')).toMatchObject({ status: 'missing', detail: 'v0.29.0; the profiles\' node images are pinned for kind v0.30.0, and one kind serves the whole run', fix: expect.stringContaining('install kind v0.30.0') });
    expect(results.find((r) => r.name === 'istioctl')).toMatchObject({ status: 'missing', detail: expect.stringContaining('profiles pin 1.28.3'), fix: expect.stringContaining('ISTIO_VERSION=1.28.3') });
    expect(failedChecks(results)).toEqual(['kind', 'istioctl']);
  });

  it('on an existing cluster without --install istioctl installs nothing: another version only warns', () => {
    const facts = { tools: { ...allFound, istioctl: { found: true, version: '1.27.1' } }, system: plenty };
    expect(judge(needsOf('existing', [istio]), facts).find((r) => r.name === 'istioctl')?.status).toBe('warning');
    expect(failedChecks(judge(needsOf('existing', [istio], { install: true }), facts))).toEqual(['istioctl']);
  });

  it('a daemon refusing the user suggests the docker group; short resources warn', () => {
    const results = judge(needsOf('kind', [baseline]), {
      tools: allFound,
      dockerDaemon: { running: false, problem: 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock' },
      system: { ...plenty, cpus: 1 },
    });
    expect(results.find((r) => r.name === 'docker')).toMatchObject({ status: 'missing', fix: expect.stringContaining('usermod -aG docker') });
    expect(results.find((r) => r.name === 'cpu')).toMatchObject({ status: 'warning', detail: '1 CPU available; needs 2 CPUs' });
    expect(failedChecks(results)).toEqual(['docker']);
  });

  it('requests that do not fit this machine are missing: those pods would stay Pending; a thin margin warns', () => {
    const requested = { profile: 'knative-kourier', cpuMillicores: 2725, memoryBytes: 1370 * 2 ** 20 };
    // The kind node runs on the docker host: the daemon's NCPU and MemTotal decide.
    const judged = (host: { cpus?: number; memoryBytes?: number }, system: Partial<typeof plenty> = {}) =>
      judge(needsOf('kind', [baseline], { requested }), { tools: allFound, dockerDaemon: { ...daemon, ...host }, system: { ...plenty, ...system } });
    const check = (results: ReturnType<typeof judged>, name: string) => results.find((r) => r.name === name);
    expect(check(judged({ cpus: 2 }), 'cpu')).toMatchObject({ status: 'missing', detail: "2 CPUs on the docker host; profile knative-kourier's cluster requests 2.73 CPUs: its pods would stay Pending" });
    expect(check(judged({ cpus: 3 }), 'cpu')).toMatchObject({ status: 'warning', detail: expect.stringContaining('leaving less than one CPU for the load itself') });
    expect(check(judged({ cpus: 4 }), 'cpu')?.status).toBe('ok');
    expect(check(judged({ cpus: 8, memoryBytes: 1 * GiB }), 'memory')).toMatchObject({ status: 'missing', detail: expect.stringContaining('1.3 GiB: its pods would stay Pending') });
    expect(check(judged({ cpus: 8 }, { freeMemoryBytes: 1 * GiB }), 'memory')?.status).toBe('warning');
    expect(failedChecks(judged({ cpus: 2 }))).toEqual(['cpu']);
    // Without the daemon's answer, this machine stands in and can only warn.
    expect(check(judged({}, { cpus: 2 }), 'cpu')).toMatchObject({ status: 'warning', detail: expect.stringContaining('2 CPUs here (the docker daemon did not say)') });
  });

  it('formats one line per check and a fix line under each that is not ok', () => {
    const text = formatChecks([
      { name: 'kind', status: 'missing', detail: 'not found on PATH', fix: 'install kind' },
      { name: 'memory', status: 'ok', detail: '8.0 GiB free; needs 4.0 GiB' },
    ]);
    expect(text).toBe(['missing  kind    not found on PATH', '                 fix: install kind', 'ok       memory  8.0 GiB free; needs 4.0 GiB'].join('\n'));
  });
});
