import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { expandPlan } from '../../src/plan/expand.ts';
import { loadSuite } from '../../src/suite/load.ts';

describe('the shipped scenarios and profiles', () => {
  it('quickstart loads, resolving its profile names to profile files', async () => {
    const suite = await loadSuite('scenarios/quickstart.yaml');
    expect(suite.target).toBe('local');
    expect(suite.profiles.map((profile) => profile.name)).toEqual(['baseline', 'istio-sidecar', 'knative-kourier']);
    expect(suite.profiles[1]?.mesh).toMatchObject({ type: 'istio-sidecar', telemetry: 'default' });
    expect(suite.profiles[2]?.serving).toMatchObject({ type: 'knative', ingress: 'kourier' });
  });

  // Five repetitions of one load point, so its threshold can be judged (issue 10), and three cold
  // starts: ≈ 43 s measured, about a minute with the stack warm-ups and process start-up.
  it('quickstart measures for under a minute on the local target', async () => {
    const suite = await loadSuite('scenarios/quickstart.yaml');
    const cells = expandPlan(suite, { target: 'local' }).groups.flatMap((group) => group.cells);
    const measuredMs = cells.reduce(
      (total, cell) =>
        total +
        (cell.type === 'load' ? cell.warmupMs + cell.durationMs : cell.iterations * (cell.idleMs + suite.workload.startupDelay)),
      0,
    );
    expect(measuredMs).toBeGreaterThan(35_000);
    expect(measuredMs).toBeLessThanOrEqual(50_000);
  });

  it('sidecar-and-cold-start loads with all four profiles and the telemetry comparison', async () => {
    const suite = await loadSuite('scenarios/sidecar-and-cold-start.yaml');
    expect(suite.target).toBe('kind');
    expect(suite.profiles.map((profile) => profile.name)).toEqual([
      'baseline',
      'istio-sidecar',
      'istio-sidecar-no-telemetry',
      'knative-kourier',
    ]);
    expect(suite.comparisons).toContainEqual(
      expect.objectContaining({ baseline: 'istio-sidecar-no-telemetry', candidate: 'istio-sidecar' }),
    );
  });

  it('all-profiles and legacy-mixer hold every profile between them, the Istio 1.4 ones apart', async () => {
    const all = await loadSuite('scenarios/all-profiles.yaml');
    const legacy = await loadSuite('scenarios/legacy-mixer.yaml');
    expect(all.profiles.map((profile) => profile.name)).toEqual(['baseline', 'istio-sidecar', 'istio-sidecar-no-telemetry', 'istio-ambient', 'knative-kourier', 'knative-istio']);
    expect(legacy.profiles.map((profile) => profile.name)).toEqual(['istio-1.4-no-mixer', 'istio-1.4-mixer']);
    expect(legacy.comparisons).toEqual([{ name: 'mixer overhead', baseline: 'istio-1.4-no-mixer', candidate: 'istio-1.4-mixer' }]);
    expect(legacy.target).toBe('kind');
  });

  it('every profile pins its kind node image by digest and its stack versions', async () => {
    const names = (await readdir('clusters/profiles')).map((file) => file.replace(/\.yaml$/, ''));
    const profiles = [...(await loadSuite('scenarios/all-profiles.yaml')).profiles, ...(await loadSuite('scenarios/legacy-mixer.yaml')).profiles];
    expect(profiles.map((profile) => profile.name).sort()).toEqual(names.sort());
    for (const profile of profiles) {
      expect(profile.kubernetes?.nodeImage).toMatch(/^kindest\/node:v\d+\.\d+\.\d+@sha256:[0-9a-f]{64}$/);
      expect(profile.kubernetes?.kindVersion).toMatch(/^v\d+\.\d+\.\d+$/);
      if (profile.mesh.type !== 'none') expect(profile.mesh.version).toMatch(/^\d+\.\d+\.\d+$/);
      if (profile.serving.type === 'knative') expect(profile.serving.version).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it('accepts inline profiles next to profile names', async () => {
    const suite = await loadSuite('test/fixtures/suites/inline-profile.yaml');
    expect(suite.profiles.map((profile) => [profile.name, profile.serving.type])).toEqual([
      ['baseline', 'deployment'],
      ['knative-fast', 'knative'],
    ]);
  });
});
