// The Deployments a profile's components run as, which an existing cluster must already have when
// meshbench installs nothing. Istio ≤ 1.4 has no istiod: its control plane is istio-pilot, and
// Mixer (telemetry: mixer) is istio-telemetry and istio-policy — the Deployments of Istio 1.4's
// Helm charts (install/kubernetes/helm/istio/charts/pilot and mixer, templates/deployment.yaml:
// `istio-pilot`, `istio-{{ $key }}`) that `istioctl manifest apply` renders.
import { isLegacyIstio } from '../../components/istio/install.ts';
import { ISTIO_ROOT_NAMESPACE } from '../../components/istio/telemetry.ts';
import { KNATIVE_NAMESPACE } from '../../components/knative/config.ts';
import type { Profile } from '../../suite/schema.ts';

export function requiredDeployments(profile: Profile): { namespace: string; name: string }[] {
  const istio = (name: string) => ({ namespace: ISTIO_ROOT_NAMESPACE, name });
  const required: { namespace: string; name: string }[] = [];
  if (profile.mesh.type !== 'none') {
    // A profile without a version is taken to be modern Istio (istiod).
    if (isLegacyIstio(profile.mesh.version ?? '')) {
      required.push(istio('istio-pilot'), ...(profile.mesh.telemetry === 'mixer' ? [istio('istio-telemetry'), istio('istio-policy')] : []));
    } else {
      required.push(istio('istiod'));
    }
  }
  if (profile.serving.type === 'knative') {
    required.push(...['activator', 'autoscaler', 'controller', 'webhook'].map((name) => ({ namespace: KNATIVE_NAMESPACE, name })));
  }
  return required;
}
