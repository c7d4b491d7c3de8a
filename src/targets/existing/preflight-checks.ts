// The checks the existing target makes before it creates anything, when it installs nothing: the
// profile's components are there, and the cluster's Knative accepts what the cells need —
// services created at zero for cold starts, and routes the external ingress serves for cells that
// send from this machine through --ingress-url. (With --install, meshbench configures both itself.)
import type { Labels } from '../../kube/ownership.ts';
import type { Profile } from '../../suite/schema.ts';
import { coldServiceNames, ECHO_NAME, WARM_SERVICE } from '../cluster/profile-steps.ts';
import { mixerAbsent, mixerOff } from '../cluster/mixer-check.ts';
import type { Step } from '../cluster/steps.ts';
import type { ProfileNeeds } from '../target.ts';
import { requiredDeployments } from './required-components.ts';

/** `workload`: the steps that deploy the profile's workload (their Knative Services' labels decide their routes' domain). */
export function preflightChecks(profile: Profile, workload: readonly Step[], needs: ProfileNeeds | undefined, ingressUrl: string | undefined): Step[] {
  const steps: Step[] = [];
  const deployments = requiredDeployments(profile);
  if (deployments.length > 0) steps.push({ type: 'check', title: "check the profile's components are deployed", check: { kind: 'deployments-present', deployments } });
  // A Mixer-off profile measured where Mixer runs would price Mixer as part of the mesh.
  if (mixerOff(profile)) steps.push(mixerAbsent('remove them (istioctl 1.4: manifest apply --set telemetry.enabled=false --set policy.enabled=false --set values.telemetry.enabled=false), pass --install, or use a profile with telemetry: mixer'));
  if (profile.serving.type !== 'knative') return steps;
  const cold = needs?.coldStartServices ?? 0;
  if (cold > 0) steps.push({ type: 'check', title: 'check Knative lets cold-start services start at zero', check: { kind: 'knative-zero-scale' } });
  // Cold starts are requested through --ingress-url; without it they cannot run at all.
  const throughIngress = [
    ...(needs?.hostLoad ? [ECHO_NAME] : []),
    ...(cold > 0 && ingressUrl !== undefined ? [...coldServiceNames(cold), ...(needs?.warmBaseline ? [WARM_SERVICE] : [])] : []),
  ];
  if (throughIngress.length > 0) {
    const labels = knativeServiceLabels(workload);
    const services = throughIngress.map((name) => ({ name, labels: labels.get(name) ?? {} }));
    steps.push({ type: 'check', title: 'check the Knative routes are served by the external ingress', check: { kind: 'knative-external-routes', services } });
  }
  return steps;
}

function knativeServiceLabels(steps: readonly Step[]): Map<string, Labels> {
  const services = steps.flatMap((step) => (step.type === 'apply' ? step.objects : [])).filter((object) => object.apiVersion === 'serving.knative.dev/v1' && object.kind === 'Service');
  return new Map(services.map((service) => [service.metadata.name, service.metadata.labels ?? {}]));
}
