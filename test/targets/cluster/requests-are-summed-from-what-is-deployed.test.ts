// What a profile's cluster must schedule (src/targets/cluster/requests.ts), summed from the
// objects the steps really apply plus what Istio and Knative inject per pod and install, with
// known answers worked out by hand from the upstream manifests' requests.
import { describe, expect, it } from 'vitest';
import { clusterRequests, formatRequests } from '../../../src/targets/cluster/requests.ts';
import { kindProfileSteps } from '../../../src/targets/kind/index.ts';
import { profile, RUN_ID, WORK_DIR } from './support.ts';

const workload = { delay: 0, size: 1024, startupDelay: 0 };
const Mi = 2 ** 20;
const kind = (name: string, needs = { coldStartServices: 0, warmBaseline: false, inClusterK6: true, hostLoad: false }, k6Pods = 1) => {
  const p = profile(name);
  return clusterRequests(p, kindProfileSteps(p, workload, { workDir: WORK_DIR, runId: RUN_ID, platform: 'linux/amd64' }, false, needs), { includeSystem: true, includeComponents: true, k6Pods });
};

describe('requests at the busiest moment of a profile on kind', () => {
  it('baseline: the control plane, echo and one k6 pod', () => {
    // 950m/290Mi + echo 250m/64Mi + k6 500m/256Mi.
    expect(kind('baseline').peak).toEqual({ cpuMillicores: 1700, memoryBytes: 610 * Mi });
  });

  it('istio-sidecar: istiod and the gateway, and a sidecar in the echo pod (k6 opts out)', () => {
    // 950 + 500 + 100 + (250 + 100) + 500 m; 290 + 2048 + 128 + (64 + 128) + 256 Mi.
    expect(kind('istio-sidecar').peak).toEqual({ cpuMillicores: 2400, memoryBytes: 2914 * Mi });
  });

  it('knative-kourier with 5 cold services: the cold pods or the load generator, whichever is more', () => {
    const needs = { coldStartServices: 5, warmBaseline: true, inClusterK6: true, hostLoad: false };
    const requests = kind('knative-kourier', needs);
    // 950 + 600 (Knative) + 400 (Kourier) + echo (250 + 25) + warm-1 (10 + 25) + max(k6 500, cold 5 × 35).
    expect(requests.peak.cpuMillicores).toBe(950 + 600 + 400 + 275 + 35 + 500);
    // 290 + 360 + 400 + 64 + 20 + max(256, 5 × 20).
    expect(requests.peak.memoryBytes).toBe((290 + 360 + 400 + 64 + 20 + 256) * Mi);
    expect(requests.items.map((i) => i.what)).toEqual(expect.arrayContaining(['cold-1 (Knative Service)', 'cold-5 (Knative Service)', 'warm-1 (Knative Service)', 'k6 Job pod']));
    // Twenty cold services outweigh the load generator.
    expect(kind('knative-kourier', { ...needs, coldStartServices: 20 }).peak.cpuMillicores).toBe(950 + 600 + 400 + 275 + 35 + 20 * 35);
  });

  it('counts the TestRun runners at once and a pod with init containers by its larger need', () => {
    expect(kind('baseline', undefined, 4).peak.cpuMillicores).toBe(950 + 250 + 4 * 500);
    const p = profile('baseline');
    const delayed = clusterRequests(p, kindProfileSteps(p, { ...workload, startupDelay: 500 }, { workDir: WORK_DIR, runId: RUN_ID, platform: 'linux/amd64' }, false), { includeSystem: false, includeComponents: false, k6Pods: 0 });
    // The startup-delay init container (10m/8Mi) runs before echo starts: echo's requests count.
    expect(delayed.peak).toEqual({ cpuMillicores: 250, memoryBytes: 64 * Mi });
  });

  it('prints like the plan and doctor show it', () => {
    expect(formatRequests({ cpuMillicores: 2725, memoryBytes: 1370 * Mi })).toBe('2.73 CPU, 1.3 GiB');
  });
});
