// Issue 8: one kind and one istioctl (whichever are on PATH) serve a whole run, so a suite whose
// profiles pin several of either is bad input on a target that uses them — reported where each
// pin is written, before anything is created.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSuite } from '../../src/suite/load.ts';
import { FIXTURES, problemsOf } from './problems-of.ts';

// Where the pins stand in the shipped profile file (its comments may change).
const LEGACY = 'clusters/profiles/istio-1.4-mixer.yaml';
const lineOf = (key: string) => readFileSync(LEGACY, 'utf8').split('\n').findIndex((line) => line.trimStart().startsWith(`${key}:`)) + 1;
const KIND_LINE = lineOf('kindVersion');
const ISTIO_LINE = lineOf('version');

const KIND = 'expected every profile to pin the same kind release, since one kind serves a whole run; got v0.30.0 (baseline, istio-sidecar, istio-next) and v0.11.1 (istio-1.4-mixer): split the suite, one per kind release (as scenarios/all-profiles.yaml and scenarios/legacy-mixer.yaml are)';
const ISTIO = 'expected every Istio profile to pin the same Istio release, since one istioctl installs them all and it installs its own release; got 1.28.3 (istio-sidecar), 1.4.10 (istio-1.4-mixer) and 1.29.0 (istio-next): split the suite, one per Istio release (as scenarios/all-profiles.yaml and scenarios/legacy-mixer.yaml are)';

describe('a suite on kind pins one kind and one Istio release', () => {
  it('validate reports each pin that differs from the first, in the profile file or inline, with line and key', async () => {
    const problems = await problemsOf(`${FIXTURES}/mixed-tool-pins.yaml`);
    expect(problems.map(({ file, line, column, key }) => `${file}:${line}:${column} ${key}`)).toEqual([
      `${LEGACY}:${KIND_LINE}:16 kubernetes.kindVersion`,
      `${LEGACY}:${ISTIO_LINE}:12 mesh.version`,
      'test/fixtures/suites/mixed-tool-pins.yaml:17:16 profiles[3].mesh.version',
    ]);
    expect(problems.map((problem) => problem.message)).toEqual([KIND, ISTIO, ISTIO]);
  });

  it('the same profiles load on the local target, and are refused when run or planned with --target kind', async () => {
    const local = `${FIXTURES}/mixed-tool-pins-local.yaml`;
    expect((await loadSuite(local)).profiles).toHaveLength(4);
    expect((await problemsOf(local, { target: 'kind' })).map((p) => `${p.file}:${p.line} ${p.key}`)).toEqual([
      `${LEGACY}:${KIND_LINE} kubernetes.kindVersion`,
      `${LEGACY}:${ISTIO_LINE} mesh.version`,
      `${local}:17 profiles[3].mesh.version`,
    ]);
  });

  it('on an existing cluster only the Istio pins count, and only when --install runs istioctl', async () => {
    const local = `${FIXTURES}/mixed-tool-pins-local.yaml`;
    expect((await loadSuite(local, { target: 'existing' })).profiles).toHaveLength(4);
    expect((await problemsOf(local, { target: 'existing', install: true })).map((p) => p.key)).toEqual(['mesh.version', 'profiles[3].mesh.version']);
  });

  it('the shipped kind suites each pin one kind and one Istio release', async () => {
    for (const file of ['scenarios/all-profiles.yaml', 'scenarios/legacy-mixer.yaml', 'scenarios/sidecar-and-cold-start.yaml']) {
      const suite = await loadSuite(file);
      expect(new Set(suite.profiles.map((p) => p.kubernetes?.kindVersion)).size, file).toBe(1);
      expect(new Set(suite.profiles.flatMap((p) => (p.mesh.type === 'none' ? [] : [p.mesh.version]))).size, file).toBe(1);
    }
  });
});
