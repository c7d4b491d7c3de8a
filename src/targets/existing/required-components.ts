// The Deployments a profile's components run as, which an existing cluster must already have when
// meshbench installs nothing. Istio ≤ 1.4 has no istiod: its control plane is istio-pilot, and
// Mixer (telemetry: mixer) is istio-telemetry and istio-policy — the Deployments that
// `istioctl manifest apply` renders (istio/operator@1.4.10 translateConfig-1.4.yaml componentMaps).
// A Mixer-off profile checks Mixer is absent (../cluster/mixer-check.ts).
import { isLegacyIstio, MIXER_DEPLOYMENTS } from '../../components/istio/install.ts';
import { ISTIO_ROOT_NAMESPACE } from '../../components/istio/telemetry.ts';
import { KNATIVE_NAMESPACE } from '../../components/knative/config.ts';
import type { Profile } from '../../suite/schema.ts';

export function requiredDeployments(profile: Profile): { namespace: string; name: string }[] {
  const istio = (name: string) => ({ namespace: ISTIO_ROOT_NAMESPACE, name });
  const required: { namespace: string; name: string }[] = [];
  if (profile.mesh.type !== 'none') {
    // A profile without a version is taken to be modern Istio (istiod).
    if (isLegacyIstio(profile.mesh.version ?? '')) {
      required.push(istio('istio-pilot'), ...(profile.mesh.telemetry === 'mixer' ? MIXER_DEPLOYMENTS.map(istio) : []));
    } else {
      required.push(istio('istiod'));
    }
  }
  if (profile.serving.type === 'knative') {
    required.push(...['activator', 'autoscaler', 'controller', 'webhook'].map((name) => ({ namespace: KNATIVE_NAMESPACE, name })));
  }
  return required;
}
