import { describe, expect, it } from 'vitest';
import { failedChecks, formatChecks, judge, needsOf, type Facts } from '../../src/doctor/checks.ts';
import { profileSchema } from '../../src/suite/schema.ts';

const GiB = 1024 ** 3;
const baseline = profileSchema.parse({ name: 'baseline', kubernetes: { nodeImage: 'kindest/node:v1.34.0@sha256:74', kindVersion: 'v0.30.0' } });
const istio = profileSchema.parse({ name: 'istio-sidecar', mesh: { type: 'istio-sidecar', version: '1.28.3' }, kubernetes: baseline.kubernetes });
const plenty = { cpus: 8, freeMemoryBytes: 32 * GiB, freeDiskBytes: 100 * GiB, diskPath: '/' };
const allFound: Facts['tools'] = {
  docker: { found: true, version: '28.2.2' },
  kind: { found: true, version: 'v0.30.0' },
  kubectl: { found: true, version: 'v1.34.0' },
  istioctl: { found: true, version: '1.28.3' },
  helm: { found: true, version: 'v3.19.0' },
};

describe('doctor needs', () => {
  it('require istioctl only when a profile uses Istio, and grow with the largest stack', () => {
    const plain = needsOf('kind', [baseline]);
    expect(plain.tools.find((t) => t.tool === 'istioctl')?.required).toBe(false);
    const withIstio = needsOf('kind', [baseline, istio]);
    expect(withIstio.tools.find((t) => t.tool === 'istioctl')?.required).toBe(true);
    expect(withIstio).toMatchObject({ cpus: 3, memoryBytes: 6 * GiB, diskBytes: 13 * GiB, kindVersion: 'v0.30.0', istioVersions: ['1.28.3'] });
    // The local target needs nothing installed; k6 only when a cell runs the local k6 binary.
    expect(needsOf('local', [istio]).tools).toEqual([{ tool: 'k6', required: false }]);
    expect(needsOf('local', [istio], { k6Local: true }).tools).toEqual([{ tool: 'k6', required: true }]);
    expect(needsOf('existing', [istio]).tools.map((t) => t.tool)).toEqual(['kubectl', 'istioctl', 'helm', 'k6']);
  });
});

describe('doctor verdicts', () => {
  it('a version other than the pinned one is a warning, not a failure', () => {
    const results = judge(needsOf('kind', [istio]), {
      tools: { ...allFound, istioctl: { found: true, version: '1.27.1' } },
      dockerDaemon: { running: true, version: '28.2.2' },
      system: plenty,
    });
    expect(results.find((r) => r.name === 'istioctl')).toMatchObject({ status: 'warning', detail: expect.stringContaining('profiles pin 1.28.3') });
    expect(failedChecks(results)).toEqual([]);
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

  it('formats one line per check and a fix line under each that is not ok', () => {
    const text = formatChecks([
      { name: 'kind', status: 'missing', detail: 'not found on PATH', fix: 'install kind' },
      { name: 'memory', status: 'ok', detail: '8.0 GiB free; needs 4.0 GiB' },
    ]);
    expect(text).toBe(['missing  kind    not found on PATH', '                 fix: install kind', 'ok       memory  8.0 GiB free; needs 4.0 GiB'].join('\n'));
  });
});
