// Issue 9.6: a Mixer pod (istio-telemetry, istio-policy) runs `mixer` and its own `istio-proxy`,
// which terminates the sidecars' mTLS on port 15004 (istio/installer charts at the commit
// istioctl 1.4.10 pins, istio-telemetry/mixer-telemetry templates/deployment.yaml; the default
// profile sets controlPlaneSecurityEnabled). Mixer's cost is both containers: CPU added up, memory
// per pod, and an error — not a cheaper figure — when the proxy is not there.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKube, type Kube } from '../../../src/kube/kube.ts';
import { expectedComponents } from '../../../src/measure/expected-components.ts';
import { createKubeletSampler } from '../../../src/measure/kubelet-sampler.ts';
import { profileSchema } from '../../../src/suite/schema.ts';
import { until } from '../../kube/support.ts';
import { startFakeKubeApi, type FakeKubeApi } from '../../fakes/kube-api-server.ts';
import { kubeletMetricsText, type FakeContainer } from '../../fakes/kubelet-metrics-text.ts';

const T0 = 1_700_000_000_000;
const MiB = 1024 * 1024;
const POD = 'istio-telemetry-6c8d9f7b5-k2j4h';
const container = (name: string, cpuSeconds: number, atS: number, mib: number): FakeContainer =>
  ({ namespace: 'istio-system', pod: POD, container: name, cpuSeconds, memoryBytes: mib * MiB, atMs: T0 + atS * 1000 });

const mixerProfile = profileSchema.parse({ name: 'm', mesh: { type: 'istio-sidecar', version: '1.4.10', telemetry: 'mixer' } });
const telemetryOnly = expectedComponents(mixerProfile, 'run', ['echo']).filter((e) => e.component === 'istio-telemetry');

let fake: FakeKubeApi;
let kube: Kube;
beforeEach(async () => {
  fake = await startFakeKubeApi();
  kube = createKube(fake.kubeConfig);
});
afterEach(() => fake.close());

async function measure(withProxy: boolean) {
  const scrapes = () => fake.requests.filter((r) => r.path === '/api/v1/nodes/node-a/proxy/metrics/resource').length;
  const scraped = async (count: number) => {
    const target = scrapes() + count;
    await until(() => scrapes() >= target, `${target} scrapes`);
  };
  const at = (s: number, mixerCpu: number, proxyCpu: number) =>
    kubeletMetricsText([container('mixer', mixerCpu, s, 90), ...(withProxy ? [container('istio-proxy', proxyCpu, s, 30)] : [])]);
  let clock = 0;
  fake.setNodeMetrics('node-a', at(0, 0, 0));
  const sampler = createKubeletSampler({ kube, nodes: ['node-a'], intervalMs: 50, expected: telemetryOnly, clock: () => clock });
  sampler.start();
  sampler.measureFrom();
  await scraped(2);
  // A reading seen before the window opened does not start a rate: two fresh ones are needed.
  fake.setNodeMetrics('node-a', at(1, 0.6, 0.25));
  await scraped(2);
  fake.setNodeMetrics('node-a', at(5, 3, 1.25)); // mixer 600 m, istio-proxy 250 m over 4 s
  await scraped(2);
  clock = 4_000;
  const [usage] = await sampler.stop(4000);
  return usage!;
}

describe('Mixer component on the kubelet sampler', () => {
  it('adds the istio-proxy of the Mixer pod to mixer: CPU summed, memory per pod', async () => {
    const usage = await measure(true);
    expect(usage.error).toBeUndefined();
    expect(usage.component).toBe('istio-telemetry');
    expect(usage.source).toBe(`istio-system/${POD}`);
    expect(usage.cpuMillicores.max).toBeCloseTo(850);
    expect(usage.cpuSecondsPer1000Requests).toBeCloseTo(0.85); // 3.4 CPU-seconds over 4000 requests
    expect(usage.memoryMiB.max).toBeCloseTo(120);
  });

  it('is an error, not a cheaper figure, when the istio-proxy is missing', async () => {
    const usage = await measure(false);
    expect(usage.error).toBe('expected containers mixer and istio-proxy in namespace istio-system (pods istio-telemetry-*): istio-proxy not found in the measured window');
  });
});
