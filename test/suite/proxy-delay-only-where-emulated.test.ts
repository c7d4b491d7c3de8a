// Issue 12 item 5: a profile may carry the local emulation's injected proxy cost,
// `emulation: { proxyDelay: 2ms }`, to rehearse a regression of known size. It is refused at its
// key, with file and line, where nothing would inject it: on the cluster targets, and on profiles
// whose local emulation has no sidecar proxy hop; and it is bounded like every duration.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandPlan } from '../../src/plan/expand.ts';
import { formatPlan } from '../../src/plan/format.ts';
import { profileJsonSchema } from '../../src/suite/json-schema.ts';
import { loadSuite } from '../../src/suite/load.ts';
import { problemsOf } from './problems-of.ts';
import { smallSuite, suiteFile } from './suite-file.ts';

const SIDECAR_FILE = `apiVersion: meshbench.dev/v1alpha1
kind: Profile
name: slower-sidecar
mesh:
  type: istio-sidecar
  version: 1.28.3
emulation:
  proxyDelay: 2ms
`;
/** The line of `proxyDelay:` in SIDECAR_FILE. */
const KEY_LINE = 8;

const inline = (profile: string) => smallSuite({ profiles: `\n  - baseline\n  - ${profile}` });

describe('emulation.proxyDelay', () => {
  it('loads on the local target from a profile file, in ms, and the plan shows it', async () => {
    const profiles = { baseline: 'apiVersion: meshbench.dev/v1alpha1\nkind: Profile\nname: baseline\n', 'slower-sidecar': SIDECAR_FILE };
    const { file, profilesDir } = await suiteFile(smallSuite({ profiles: '[baseline, slower-sidecar]' }), profiles);
    const suite = await loadSuite(file, { profilesDir });
    expect(suite.profiles.map((profile) => profile.emulation)).toEqual([undefined, { proxyDelay: 2 }]);
    const plan = formatPlan(expandPlan(suite, { target: 'local' }));
    expect(plan).toContain('slower-sidecar — mesh: istio-sidecar 1.28.3 (telemetry default, mTLS permissive) · serving: deployment · emulated regression: proxy +2 ms per request (');
    expect(plan).toMatch(/\nbaseline — mesh: none · serving: deployment \(/);
  });

  it('loads inline, fractions of a millisecond kept', async () => {
    const { file } = await suiteFile(inline('{ name: slow, mesh: { type: istio-sidecar }, emulation: { proxyDelay: 0.5ms } }'));
    expect((await loadSuite(file)).profiles[1]!.emulation).toEqual({ proxyDelay: 0.5 });
  });

  it.each(['kind', 'existing'] as const)('is refused on the %s target at its key in the profile file', async (target) => {
    const { file, profilesDir } = await suiteFile(smallSuite({ profiles: '[slower-sidecar]' }), { 'slower-sidecar': SIDECAR_FILE });
    const problems = await problemsOf(file, { profilesDir, target });
    expect(problems.map(({ file: at, line, column, key }) => `${at}:${line}:${column} ${key}`)).toEqual([`${join(profilesDir, 'slower-sidecar.yaml')}:${KEY_LINE}:3 emulation.proxyDelay`]);
    expect(problems[0]!.message).toBe(
      `expected no emulation on the ${target} target: proxyDelay (2 ms) is injected into the local emulation's proxy hop, and a cluster's proxies are Istio's own; run with --target local, or remove it`,
    );
    // The same suite is fine where the emulation runs.
    expect((await loadSuite(file, { profilesDir, target: 'local' })).profiles).toHaveLength(1);
  });

  it('is refused on a suite whose own target is kind, inline, at the key', async () => {
    const problems = await problemsOf('test/fixtures/suites/proxy-delay-on-kind.yaml');
    expect(problems.map(({ line, column, key }) => `${line}:${column} ${key}`)).toEqual(['10:7 profiles[0].emulation.proxyDelay']);
  });

  it.each([
    ['a plain Deployment (no mesh)', '{ name: slow, emulation: { proxyDelay: 2ms } }', 'mesh.type: none, serving.type: deployment'],
    ['Knative (activator and queue-proxy, no sidecar)', '{ name: slow, serving: { type: knative }, emulation: { proxyDelay: 2ms } }', 'mesh.type: none, serving.type: knative'],
    ['istio-ambient (no sidecar)', '{ name: slow, mesh: { type: istio-ambient }, emulation: { proxyDelay: 2ms } }', 'mesh.type: istio-ambient, serving.type: deployment'],
  ])('is refused on %s, whose local emulation has no sidecar proxy hop', async (_, profile, got) => {
    const { file } = await suiteFile(inline(profile));
    const problems = await problemsOf(file);
    expect(problems).toEqual([
      expect.objectContaining({
        key: 'profiles[1].emulation.proxyDelay',
        line: 6,
        message: `expected a profile whose local emulation has a sidecar proxy hop (mesh.type: istio-sidecar, serving.type: deployment), which proxyDelay delays; got ${got}, where nothing would add the 2 ms`,
      }),
    ]);
  });

  it.each([
    ['1.5s', 'expected a duration at most 1s; got 1.5s'],
    ['2', 'a duration with a unit'],
  ])('proxyDelay: %s is refused at its value in the profile file', async (value, says) => {
    const { file, profilesDir } = await suiteFile(smallSuite({ profiles: '[slower-sidecar]' }), { 'slower-sidecar': SIDECAR_FILE.replace('2ms', value) });
    expect(await problemsOf(file, { profilesDir })).toEqual([
      expect.objectContaining({ key: 'emulation.proxyDelay', line: KEY_LINE, message: expect.stringContaining(says) }),
    ]);
  });

  it('emulation needs proxyDelay, and takes nothing else', async () => {
    const { file, profilesDir } = await suiteFile(smallSuite({ profiles: '[slower-sidecar]' }), { 'slower-sidecar': SIDECAR_FILE.replace('proxyDelay', 'startupDelay') });
    const keys = (await problemsOf(file, { profilesDir })).map((problem) => problem.key);
    expect(keys).toEqual(expect.arrayContaining(['emulation.proxyDelay', 'emulation.startupDelay']));
  });

  it('is refused when a load timeout is no longer than it (every request would time out)', async () => {
    const experiment = '    rates: [50]\n    duration: 1s\n    repetitions: 1\n    timeout: 300ms';
    const { file } = await suiteFile(smallSuite({ profiles: '\n  - { name: slow, mesh: { type: istio-sidecar }, emulation: { proxyDelay: 300ms } }', experiment, top: 'workload: { delay: 0ms }' }));
    expect(await problemsOf(file)).toEqual([
      expect.objectContaining({
        key: 'experiments[0].timeout',
        message: 'expected a timeout above the workload delay + the emulated proxyDelay of profile "slow", 0ms + 300ms, or every request times out; got 300ms',
      }),
    ]);
  });

  it('is in the JSON Schema editors read, with its bound and where it applies', async () => {
    const emulation = (profileJsonSchema() as { properties: Record<string, { properties: Record<string, { description: string }>; description: string }> }).properties.emulation!;
    expect(emulation.properties.proxyDelay!.description).toMatch(/at most 1s\.$/);
    expect(emulation.description).toContain('Only on the local target');
    const committed = JSON.parse(await readFile('schema/profile.schema.json', 'utf8'));
    expect(committed.properties.emulation).toEqual(emulation);
  });
});
