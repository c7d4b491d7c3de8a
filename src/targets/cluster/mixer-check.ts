// What the Istio 1.4 profiles compare is Mixer on against Mixer off, so whether Mixer runs is
// checked, not assumed: istio-telemetry and istio-policy must exist for telemetry: mixer and must
// not otherwise (install.ts: which istioctl 1.4 flags decide it). Pure: steps for plan and run.
import { isLegacyIstio, MIXER_DEPLOYMENTS } from '../../components/istio/install.ts';
import { ISTIO_ROOT_NAMESPACE } from '../../components/istio/telemetry.ts';
import type { Profile } from '../../suite/schema.ts';
import type { Step } from './steps.ts';

const MIXER = MIXER_DEPLOYMENTS.map((name) => ({ namespace: ISTIO_ROOT_NAMESPACE, name }));

/** Mixer off for every Istio 1.4 profile but telemetry: mixer. */
export function mixerOff(profile: Profile): boolean {
  return profile.mesh.type !== 'none' && isLegacyIstio(profile.mesh.version ?? '') && profile.mesh.telemetry !== 'mixer';
}

/** After meshbench's own Istio 1.4 install: Mixer's deployments are there, or gone, as the profile says. */
export function mixerAfterInstall(profile: Profile): Step[] {
  if (profile.mesh.type === 'none' || !isLegacyIstio(profile.mesh.version ?? '')) return [];
  if (!mixerOff(profile)) return [{ type: 'check', title: 'check Mixer is on', check: { kind: 'deployments-present', deployments: MIXER } }];
  return [mixerAbsent('istioctl manifest apply left them: see its output above')];
}

/** Mixer off: its deployments must not be running. */
export function mixerAbsent(hint: string): Step {
  return { type: 'check', title: 'check Mixer is off', check: { kind: 'deployments-absent', deployments: MIXER, why: 'Mixer is off in this profile', hint } };
}
