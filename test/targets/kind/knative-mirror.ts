// A --release-mirror directory laid out like github.com/knative, holding small stand-ins for the
// Knative release manifests: the shapes that matter to the install (a CRD, namespaces,
// deployments, Knative's ConfigMaps, Kourier's gateway Service), not the full releases.
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
`;

const CORE = `apiVersion: v1
kind: Namespace
metadata:
  name: knative-serving
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: config-autoscaler
  namespace: knative-serving
data:
  _example: "# documentation only"
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
