// The nightly workflow installs kind, kubectl and istioctl at pinned versions: they must be the
// pins of the profiles of the suite it runs, or `meshbench doctor` refuses the run (one kind and
// one istioctl serve it whole). kubectl follows the node image's Kubernetes release.
import { describe, expect, it } from 'vitest';
import { loadSuite } from '../../src/suite/load.ts';
import { workflow } from './workflow.ts';

describe("the nightly workflow's tool pins", () => {
  it("are the kind, Istio and Kubernetes releases the suite's profiles pin", async () => {
    const { SUITE, KIND_VERSION, ISTIO_VERSION, KUBECTL_VERSION } = workflow.env;
    const suite = await loadSuite(SUITE!, { target: 'kind' });
    expect(suite.target).toBe('kind');
    const kind = new Set(suite.profiles.map((profile) => profile.kubernetes?.kindVersion));
    const istio = new Set(suite.profiles.flatMap((profile) => (profile.mesh.type === 'none' ? [] : [profile.mesh.version])));
    const kubernetes = new Set(suite.profiles.map((profile) => /^kindest\/node:(v\d+\.\d+\.\d+)@sha256:/.exec(profile.kubernetes?.nodeImage ?? '')?.[1]));
    expect([...kind]).toEqual([KIND_VERSION]);
    expect([...istio]).toEqual([ISTIO_VERSION]);
    expect([...kubernetes]).toEqual([KUBECTL_VERSION]);
  });
});
