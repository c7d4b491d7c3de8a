// A --release-mirror directory laid out like github.com/knative, holding small stand-ins for the
// Knative release manifests: the shapes that matter to the install (CRDs, namespaces,
// deployments, Knative's ConfigMaps with the labels its config webhook selects on, a custom
// resource applied right after its CRD, Kourier's gateway Service), not the full releases.
// Taken from serving knative-v1.19.5: serving-crds.yaml is config/core/300-resources/ plus
// 300-imagecache.yaml (hack/generate-yamls.sh); serving-core.yaml holds the ConfigMaps
// (config/core/configmaps/*.yaml, config-network from knative.dev/networking), the queue-proxy
// Image (config/core/999-cache.yaml) and the Deployments (config/core/deployments/*.yaml).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const CRDS = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: services.serving.knative.dev
spec:
  group: serving.knative.dev
  scope: Namespaced
  names: { kind: Service, plural: services, singular: service }
  versions:
    - name: v1
      served: true
      storage: true
      schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } }
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: images.caching.internal.knative.dev
spec:
  group: caching.internal.knative.dev
  scope: Namespaced
  names: { kind: Image, plural: images, singular: image }
  versions:
    - name: v1alpha1
      served: true
      storage: true
      schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } }
`;

const configMap = (name: string, component: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  namespace: knative-serving
  labels: { app.kubernetes.io/name: knative-serving, app.kubernetes.io/component: ${component}, app.kubernetes.io/version: 1.19.5 }
data:
  _example: "# documentation only"
---
`;

const CORE = `apiVersion: v1
kind: Namespace
metadata:
  name: knative-serving
---
${configMap('config-autoscaler', 'autoscaler')}${configMap('config-domain', 'controller')}${configMap('config-features', 'controller')}${configMap('config-network', 'networking')}apiVersion: caching.internal.knative.dev/v1alpha1
kind: Image
metadata:
  name: queue-proxy
  namespace: knative-serving
spec: { image: gcr.io/knative-releases/knative.dev/serving/cmd/queue }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: activator
  namespace: knative-serving
spec:
  replicas: 1
  selector: { matchLabels: { app: activator } }
  template:
    metadata: { labels: { app: activator } }
    spec: { containers: [{ name: activator, image: gcr.io/knative-releases/activator }] }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: autoscaler
  namespace: knative-serving
spec:
  replicas: 1
  selector: { matchLabels: { app: autoscaler } }
  template:
    metadata: { labels: { app: autoscaler } }
    spec: { containers: [{ name: autoscaler, image: gcr.io/knative-releases/autoscaler }] }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: webhook
  namespace: knative-serving
spec:
  replicas: 1
  selector: { matchLabels: { app: webhook, role: webhook } }
  template:
    metadata: { labels: { app: webhook, role: webhook } }
    spec: { containers: [{ name: webhook, image: gcr.io/knative-releases/webhook }] }
`;

const KOURIER = `apiVersion: v1
kind: Namespace
metadata:
  name: kourier-system
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: 3scale-kourier-gateway
  namespace: kourier-system
spec:
  replicas: 1
  selector: { matchLabels: { app: 3scale-kourier-gateway } }
  template:
    metadata: { labels: { app: 3scale-kourier-gateway } }
    spec: { containers: [{ name: kourier-gateway, image: docker.io/envoyproxy/envoy }] }
---
apiVersion: v1
kind: Service
metadata:
  name: kourier
  namespace: kourier-system
spec:
  type: LoadBalancer
  selector: { app: 3scale-kourier-gateway }
  ports: [{ name: http2, port: 80, protocol: TCP, targetPort: 8080 }]
`;

export async function writeKnativeMirror(dir: string, servingVersion: string, kourierVersion: string): Promise<string> {
  const files: [string, string][] = [
    [`serving/releases/download/knative-v${servingVersion}/serving-crds.yaml`, CRDS],
    [`serving/releases/download/knative-v${servingVersion}/serving-core.yaml`, CORE],
    [`net-kourier/releases/download/knative-v${kourierVersion}/kourier.yaml`, KOURIER],
  ];
  for (const [path, text] of files) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}
