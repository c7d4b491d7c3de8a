// Issue 9.6 end to end: the two Istio 1.4 profiles on the fake kind target, with the fake istioctl
// 1.4 rendering components per --set flag like istio/operator@1.4.10 and the fake kubelet running
// one pod per istio-system Deployment with its containers. Mixer off must leave no Mixer deployed;
// Mixer on is priced with each Mixer pod's own istio-proxy.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meshbench } from '../../e2e/cli.ts';
import { writeSuite } from '../../e2e/suites.ts';
import { FAKE_MILLICORES } from '../../fakes/fake-kubelet.ts';
import type { Call } from '../../fakes/fake-path.ts';
import { fakeKindWorld, type FakeKindWorld } from './fake-kind-world.ts';

const LEGACY = { FAKE_KIND_VERSION: 'v0.11.1', FAKE_ISTIOCTL_VERSION: '1.4.10', FAKE_KUBECTL_VERSION: 'v1.17.17', FAKE_DOCKER_CGROUP: '1' };
const PROFILES = ['istio-1.4-no-mixer', 'istio-1.4-mixer'];
const SUITE = `apiVersion: meshbench.dev/v1alpha1
kind: Suite
name: mixer-on-fake-kind
target: kind
driver: builtin
profiles: [${PROFILES.join(', ')}]
# A short stack warm-up: the fakes need no 30 s to settle.
stackWarmup: 300ms
experiments:
  - { name: load, type: load, rates: [40], connections: [2], duration: 800ms, warmup: 200ms, repetitions: 2 }
comparisons:
  - { name: mixer overhead, baseline: istio-1.4-no-mixer, candidate: istio-1.4-mixer }
`;

describe('Istio 1.4 with Mixer on and off on the fake kind target', () => {
  let world: FakeKindWorld;
  let runDir: string;
  let result: Awaited<ReturnType<typeof meshbench>>;
  let calls: Call[];

  beforeAll(async () => {
    world = await fakeKindWorld(PROFILES, LEGACY);
    const suite = await writeSuite(SUITE);
    runDir = join(suite.dir, 'run');
    result = await meshbench(['run', suite.file, '--target', 'kind', '--out', runDir, '--sample-interval', '100ms'], { env: world.env });
    calls = await world.calls();
  }, 180_000);
  afterAll(() => world.close());

  it('runs to completion, checking after each install that Mixer is as the profile says', () => {
    expect(result.exitCode, String(result.stderr)).toBe(0);
  });

  it('the Mixer-off install deploys no istio-telemetry or istio-policy; only the Mixer profile applies them', () => {
    const installs = calls.map((call, i) => ({ call, i })).filter(({ call }) => call.tool === 'istioctl' && call.argv[0] === 'manifest');
    expect(installs).toHaveLength(2);
    const kubectlDuring = (n: number) => calls.slice(installs[n]!.i, installs[n + 1]?.i).filter((c) => c.tool === 'kubectl').map((c) => c.argv.join(' '));
    const mixerApplies = (lines: string[]) => lines.filter((line) => /^apply .*--selector operator\.istio\.io\/component=(Telemetry|Policy) /.test(line));
    expect(mixerApplies(kubectlDuring(0))).toEqual([]);
    expect(kubectlDuring(0).filter((line) => line.startsWith('get all')).map((line) => line.split('=').at(-1))).toEqual(expect.arrayContaining(['Telemetry', 'Policy']));
    expect(mixerApplies(kubectlDuring(1))).toHaveLength(2);
  });

  it("prices Mixer with each pod's istio-proxy: the component figures and Mixer's CPU per 1000 requests", async () => {
    const { results } = JSON.parse(await readFile(join(runDir, 'results.json'), 'utf8'));
    const cpu = (r: { resources: { component: string; cpuMillicores: { avg: number }; error?: string }[] }) =>
      Object.fromEntries(r.resources.map((u) => [u.component, u.error ?? Math.round(u.cpuMillicores.avg / 5) * 5]));
    const telemetry = FAKE_MILLICORES['istio-telemetry/mixer']! + FAKE_MILLICORES['istio-telemetry/istio-proxy']!;
    const policy = FAKE_MILLICORES['istio-policy/mixer']! + FAKE_MILLICORES['istio-policy/istio-proxy']!;
    for (const cell of results.filter((r: { cell: { profile: string } }) => r.cell.profile === 'istio-1.4-mixer')) {
      expect(cpu(cell)).toMatchObject({ 'istio-telemetry': telemetry, 'istio-policy': policy });
    }
    for (const cell of results.filter((r: { cell: { profile: string } }) => r.cell.profile === 'istio-1.4-no-mixer')) {
      expect(Object.keys(cpu(cell))).toEqual(['workload', 'istio-proxy', 'discovery']);
    }
    const record = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8'));
    const own = record.analysis.overheads.find((row: { topic: string; component: string }) => row.topic === 'Mixer' && row.component === 'mixer');
    const perThousand = results
      .filter((r: { cell: { profile: string } }) => r.cell.profile === 'istio-1.4-mixer')
      .map((r: { requests: number; resources: { component: string; cpuSecondsPer1000Requests: number }[] }) =>
        r.resources.filter((u) => u.component.startsWith('istio-telemetry') || u.component.startsWith('istio-policy')).reduce((sum, u) => sum + u.cpuSecondsPer1000Requests, 0));
    expect(own.candidateValue).toBeCloseTo((perThousand[0] + perThousand[1]) / 2, 6);
    // Both pods' mixer and istio-proxy, in cores, over 1000 requests at 40 per second (less whatever the rate fell short).
    expect(own.candidateValue).toBeGreaterThan(((telemetry + policy) / 1000) * (1000 / 40) * 0.8);
  });
});
