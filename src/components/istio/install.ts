// The istioctl command line that installs a profile's mesh (argv only; a target runs it).
// Istio ≥ 1.6 has `istioctl install`; 1.4 only had `istioctl manifest apply` (same --set and
// --skip-confirmation flags) and configured Mixer and mTLS through Helm values.
import type { Profile } from '../../suite/schema.ts';

interface Version {
  major: number;
  minor: number;
}

function parseVersion(text: string): Version {
  const match = /^(\d+)\.(\d+)\.\d+/.exec(text);
  if (!match) throw new Error(`Istio version "${text}" is not MAJOR.MINOR.PATCH`);
  return { major: Number(match[1]), minor: Number(match[2]) };
}

function isLegacy(version: Version): boolean {
  return version.major === 1 && version.minor <= 4;
}

/** Istio ≤ 1.4: Mixer era, configured by Helm values; no Telemetry API. False for an unreadable version. */
export function isLegacyIstio(version: string): boolean {
  const match = /^v?(\d+)\.(\d+)\./.exec(version);
  return match !== null && isLegacy({ major: Number(match[1]), minor: Number(match[2]) });
}

/** Istio 1.4 Helm values: Mixer telemetry + policy on for `mixer`, both off otherwise. */
function legacyValues(profile: Profile): string[] {
  const mixer = profile.mesh.telemetry === 'mixer';
  const strict = profile.mesh.mtls === 'strict';
  return [
    `values.mixer.telemetry.enabled=${mixer}`,
    `values.mixer.policy.enabled=${mixer}`,
    // Policy checks are what make every request wait on istio-policy; off whenever Mixer is.
    `values.global.disablePolicyChecks=${!mixer}`,
    `values.global.mtls.enabled=${strict}`,
  ];
}

/**
 * argv for istioctl (without the executable). Modern Istio: telemetry is switched off with the
 * Telemetry resource (telemetry.ts), and mTLS needs no flag — auto mTLS is on by default.
 */
export function istioInstallArgs(profile: Profile): string[] {
  const { mesh } = profile;
  if (mesh.type === 'none') throw new Error(`profile ${profile.name} has no mesh to install`);
  if (!mesh.version) throw new Error(`profile ${profile.name}: mesh.version is required to install Istio`);
  const version = parseVersion(mesh.version);
  const istioProfile = mesh.type === 'istio-ambient' ? 'ambient' : 'default';

  if (isLegacy(version)) {
    if (mesh.type === 'istio-ambient') throw new Error(`profile ${profile.name}: Istio ${mesh.version} has no ambient mode`);
    const sets = [`profile=${istioProfile}`, ...legacyValues(profile)];
    return ['manifest', 'apply', '--skip-confirmation', ...sets.flatMap((set) => ['--set', set])];
  }
  if (mesh.mtls === 'strict') {
    // No PeerAuthentication is applied: STRICT would refuse the load generators, which run outside the mesh.
    throw new Error(`profile ${profile.name}: mesh.mtls strict is not supported on Istio ${mesh.version} — meshbench's load comes from outside the mesh; use permissive`);
  }
  if (mesh.telemetry === 'mixer') {
    // Mixer shipped until 1.7 (deprecated in 1.5, off by default) and was removed in 1.8 (istio/istio
    // releasenotes/notes/25669.yaml@1.8.0); meshbench builds the install that turns it on for 1.4 only.
    const why = version.major === 1 && version.minor <= 7
      ? 'Istio 1.5–1.7 still ship Mixer (deprecated, off by default), but meshbench turns it on only for Istio ≤ 1.4'
      : 'Mixer was removed in Istio 1.8';
    throw new Error(`profile ${profile.name}: telemetry mixer is not supported on Istio ${mesh.version}: ${why}`);
  }
  return ['install', '--skip-confirmation', '--set', `profile=${istioProfile}`];
}
