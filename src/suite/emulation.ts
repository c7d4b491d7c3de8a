// A profile's `emulation` costs are injected into the local target's emulated data path, so they
// mean something only there, and only on a profile whose emulation has the hop they act on: on a
// cluster the proxies are Istio's own, and elsewhere nothing would add the delay. Found at load
// time, where the target is known (--target or the suite's own). Pure.
import type { Profile, TargetName } from './schema.ts';

export interface EmulationProblem {
  /** Index of the profile in the suite's profiles. */
  profile: number;
  path: ['emulation', 'proxyDelay'];
  message: string;
}

/** Whether the profile's local emulation has the sidecar proxy hop that emulation.proxyDelay delays (targets/local). */
function hasProxyHop(profile: Profile): boolean {
  return profile.mesh.type === 'istio-sidecar' && profile.serving.type === 'deployment';
}

export function emulationProblems(profiles: Profile[], target: TargetName): EmulationProblem[] {
  return profiles.flatMap((profile, index): EmulationProblem[] => {
    if (!profile.emulation) return [];
    // In ms as written to the millisecond's fraction: formatDuration would round 0.5 ms to 1 ms.
    const delay = `${profile.emulation.proxyDelay} ms`;
    const at = { profile: index, path: ['emulation', 'proxyDelay'] as EmulationProblem['path'] };
    if (target !== 'local') {
      return [{ ...at, message: `expected no emulation on the ${target} target: proxyDelay (${delay}) is injected into the local emulation's proxy hop, and a cluster's proxies are Istio's own; run with --target local, or remove it` }];
    }
    if (!hasProxyHop(profile)) {
      return [{ ...at, message: `expected a profile whose local emulation has a sidecar proxy hop (mesh.type: istio-sidecar, serving.type: deployment), which proxyDelay delays; got mesh.type: ${profile.mesh.type}, serving.type: ${profile.serving.type}, where nothing would add the ${delay}` }];
    }
    return [];
  });
}
