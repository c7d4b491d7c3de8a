// One kind and one istioctl serve a whole run — whichever are first on PATH — so a suite whose
// profiles pin different kind releases, or different Istio releases that istioctl installs, cannot
// run in one invocation. Found at load time, before anything is created. Pure.
import type { Profile } from './schema.ts';

export interface PinProblem {
  /** Index of the profile in the suite's profiles. */
  profile: number;
  /** Where the pin is written in the profile. */
  path: ['kubernetes', 'kindVersion'] | ['mesh', 'version'];
  message: string;
}

const SPLIT_EXAMPLE = '(as scenarios/all-profiles.yaml and scenarios/legacy-mixer.yaml are)';

/** `kind`: the run creates kind clusters; `istioctl`: it installs Istio with istioctl. */
export function pinProblems(profiles: Profile[], uses: { kind: boolean; istioctl: boolean }): PinProblem[] {
  const problems: PinProblem[] = [];
  if (uses.kind) {
    const pins = profiles.map((p) => p.kubernetes?.kindVersion);
    problems.push(...disagreements(profiles, pins, ['kubernetes', 'kindVersion'], (got) =>
      `expected every profile to pin the same kind release, since one kind serves a whole run; got ${got}: split the suite, one per kind release ${SPLIT_EXAMPLE}`));
  }
  if (uses.istioctl) {
    const pins = profiles.map((p) => (p.mesh.type === 'none' ? undefined : p.mesh.version));
    problems.push(...disagreements(profiles, pins, ['mesh', 'version'], (got) =>
      `expected every Istio profile to pin the same Istio release, since one istioctl installs them all and it installs its own release; got ${got}: split the suite, one per Istio release ${SPLIT_EXAMPLE}`));
  }
  return problems;
}

/** A problem at every pin other than the first one written, each naming all the pins. */
function disagreements(profiles: Profile[], pins: (string | undefined)[], path: PinProblem['path'], message: (got: string) => string): PinProblem[] {
  const byVersion = new Map<string, string[]>();
  pins.forEach((pin, index) => {
    if (pin !== undefined) byVersion.set(pin, [...(byVersion.get(pin) ?? []), profiles[index]!.name]);
  });
  if (byVersion.size < 2) return [];
  const listed = [...byVersion].map(([version, names]) => `${version} (${names.join(', ')})`);
  const got = `${listed.slice(0, -1).join(', ')} and ${listed.at(-1)}`;
  const first = byVersion.keys().next().value;
  return pins.flatMap((pin, profile) => (pin !== undefined && pin !== first ? [{ profile, path, message: message(got) }] : []));
}
