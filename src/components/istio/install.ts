// The istioctl command line that installs a profile's mesh (argv only; a target runs it).
// Istio ≥ 1.6 has `istioctl install`; 1.4 only had `istioctl manifest apply` (same --set and
// --skip-confirmation flags), whose --set paths are IstioControlPlane paths (below).
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

/** Istio ≤ 1.4: Mixer era, installed by istioctl manifest apply; no Telemetry API. False for an unreadable version. */
export function isLegacyIstio(version: string): boolean {
  const match = /^v?(\d+)\.(\d+)\./.exec(version);
  return match !== null && isLegacy({ major: Number(match[1]), minor: Number(match[2]) });
}

/** The Deployments Istio 1.4 runs Mixer as (translateConfig-1.4.yaml componentMaps Telemetry, Policy). */
export const MIXER_DEPLOYMENTS = ['istio-telemetry', 'istio-policy'] as const;

/**
 * Istio 1.4 (istio/operator@1.4.10, which istioctl 1.4.10 pins): `--set` writes IstioControlPlane
 * paths (cmd/mesh/manifest-common.go makeTreeFromSetList). A component is rendered only when its
 * feature's `enabled` is true (pkg/name/name.go IsComponentEnabledInSpec): `telemetry.enabled`
 * deploys istio-telemetry, `policy.enabled` istio-policy — both true in data/profiles/default.yaml;
 * `values.mixer.*.enabled` never removes a deployment (the charts do not read it). What the
 * sidecars do is pilot's mesh config (istio-discovery chart templates/configmap.yaml):
 * `mixerReportServer` only with `values.telemetry.enabled` (and v1, on by default),
 * `mixerCheckServer` only with Policy enabled (setEnablementAndNamespaces in pkg/translate writes
 * it as mixer.policy.enabled), and pilot adds no Mixer filter to a sidecar without either
 * (istio/istio@1.4.10 pilot/pkg/networking/plugin/mixer/mixer.go). `disablePolicyChecks` (true in
 * the default profile) decides whether requests wait on istio-policy's Check.
 */
function legacySets(profile: Profile): string[] {
  const mixer = profile.mesh.telemetry === 'mixer';
  return [
    `telemetry.enabled=${mixer}`,
    `policy.enabled=${mixer}`,
    `values.telemetry.enabled=${mixer}`,
    `values.global.disablePolicyChecks=${!mixer}`,
  ];
}

/**
 * argv for istioctl (without the executable). Modern Istio: telemetry is switched off with the
 * Telemetry resource (telemetry.ts), and mTLS needs no flag — auto mTLS is on by default. Istio
 * 1.4's default is plaintext between sidecars (data/profiles/default.yaml: values.global.mtls
 * enabled false, auto false: a PERMISSIVE MeshPolicy and no ISTIO_MUTUAL DestinationRule).
 */
export function istioInstallArgs(profile: Profile): string[] {
  const { mesh } = profile;
  if (mesh.type === 'none') throw new Error(`profile ${profile.name} has no mesh to install`);
  if (!mesh.version) throw new Error(`profile ${profile.name}: mesh.version is required to install Istio`);
  const version = parseVersion(mesh.version);
  const istioProfile = mesh.type === 'istio-ambient' ? 'ambient' : 'default';
  if (mesh.mtls === 'strict') {
    // The profile schema refuses it too (with file and line); this guards profiles built in code.
    throw new Error(`profile ${profile.name}: mesh.mtls strict is not supported on Istio ${mesh.version} — meshbench's load comes from outside the mesh; use permissive`);
  }

  if (isLegacy(version)) {
    if (mesh.type === 'istio-ambient') throw new Error(`profile ${profile.name}: Istio ${mesh.version} has no ambient mode`);
    const sets = [`profile=${istioProfile}`, ...legacySets(profile)];
    return ['manifest', 'apply', '--skip-confirmation', ...sets.flatMap((set) => ['--set', set])];
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
