// Reading the Knative configuration a cluster already has (the existing target without --install):
// whether cold-start services may be created at zero, and which domain a route would get.
import { parse as parseYaml } from 'yaml';
import type { Labels } from '../../kube/ownership.ts';

/** Go's strconv.ParseBool, which knative/pkg configmap.AsBool uses; undefined for what it rejects. */
export function parseGoBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

/**
 * What config-autoscaler's data must change before services can start at zero and scale back to
 * it; empty when nothing. knative/serving@knative-v1.19.5: the webhook refuses initial-scale 0
 * unless allow-zero-initial-scale is true (pkg/apis/autoscaling/annotation_validation.go
 * validateInitialScale; default false in pkg/autoscaler/config/config.go), and with
 * enable-scale-to-zero false (default true) a service never returns to zero.
 */
export function zeroScaleChanges(data: Record<string, string>): string[] {
  const changes: string[] = [];
  const allow = data['allow-zero-initial-scale'];
  if (allow === undefined || parseGoBool(allow) !== true) {
    changes.push(`set allow-zero-initial-scale: "true" (it is ${allow === undefined ? 'unset, default false' : `"${allow}"`})`);
  }
  const enable = data['enable-scale-to-zero'];
  if (enable !== undefined && parseGoBool(enable) === false) changes.push(`set enable-scale-to-zero: "true" (it is "${enable}")`);
  return changes;
}

export interface RouteDomain {
  /** undefined: Knative's built-in default, svc.<cluster domain>. */
  domain: string | undefined;
  /** The route is served only inside the cluster: not through the external ingress. */
  clusterLocal: boolean;
}

const CLUSTER_LOCAL = 'svc.cluster.local';

/**
 * The domain config-domain gives a route with these labels, as knative/serving@knative-v1.19.5
 * pkg/reconciler/route/config/domain.go LookupDomainForLabels picks it: the most specific matching
 * selector, ties to the smaller name; without a default (a key without a selector) Knative adds
 * svc.<cluster domain>, and a route there is cluster-local (route/visibility/visibility.go).
 */
export function routeDomain(data: Record<string, string>, labels: Labels): RouteDomain {
  const domains = Object.entries(data)
    .filter(([key]) => key !== '_example')
    .map(([domain, value]) => ({ domain: domain as string | undefined, selector: selectorOf(domain, value) }));
  if (!domains.some(({ selector }) => Object.keys(selector).length === 0)) domains.push({ domain: undefined, selector: {} });
  let chosen: string | undefined;
  let specificity = -1;
  for (const { domain, selector } of domains) {
    const size = Object.keys(selector).length;
    if (!Object.entries(selector).every(([key, value]) => labels[key] === value) || size < specificity) continue;
    // The built-in default only ever competes alone at specificity 0.
    if (size > specificity || (domain ?? '') < (chosen ?? '')) {
      chosen = domain;
      specificity = size;
    }
  }
  return { domain: chosen, clusterLocal: chosen === undefined || chosen === CLUSTER_LOCAL };
}

function selectorOf(domain: string, value: string): Record<string, string> {
  try {
    return (parseYaml(value) as { selector?: Record<string, string> } | null)?.selector ?? {};
  } catch (cause) {
    throw new Error(`knative-serving/config-domain: the value of ${domain} is not YAML`, { cause });
  }
}
