// The Host each Knative Service is reached by through the ingress: its route's status.url, which
// carries the cluster's own domain (config-domain) — knative/serving@knative-v1.19.5
// pkg/reconciler/route/route.go updateRouteStatusURL. Read once its services are Ready.
import type { Kube } from '../../kube/kube.ts';

export async function knativeRouteHosts(kube: Kube, namespace: string, names: readonly string[]): Promise<Map<string, string>> {
  const services = await kube.list('serving.knative.dev/v1', 'Service', { namespace });
  return new Map(
    names.map((name) => {
      const url = (services.find((service) => service.metadata.name === name)?.status as { url?: string } | undefined)?.url;
      if (!url) throw new Error(`knative service ${namespace}/${name} has no status.url, so its route's host is unknown`);
      return [name, new URL(url).host];
    }),
  );
}
