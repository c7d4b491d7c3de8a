// Issue 9, item 13: run.json's stack facts record what the components' pods really run — the
// imageID (digest) of each container — since a tag can float (Kourier's gateway is
// envoyproxy/envoy:v1.34-latest in net-kourier knative-v1.19.5 config/300-gateway.yaml).
import { describe, expect, it } from 'vitest';
import type { Kube } from '../../../src/kube/kube.ts';
import type { KubeObject } from '../../../src/kube/objects.ts';
import { profileSchema } from '../../../src/suite/schema.ts';
import { componentImageIds } from '../../../src/targets/cluster/image-ids.ts';

const ENVOY = 'docker.io/envoyproxy/envoy@sha256:3f7a1c2e9b0d4f5a6c7e8d9b0a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c';
const ACTIVATOR = 'gcr.io/knative-releases/knative.dev/serving/cmd/activator@sha256:0a1b2c3d';

const pod = (namespace: string, name: string, statuses: { name: string; imageID: string }[]): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, status: { containerStatuses: statuses },
});
const pods: KubeObject[] = [
  pod('kourier-system', '3scale-kourier-gateway-5d8c9f7b6-abcde', [{ name: 'kourier-gateway', imageID: ENVOY }]),
  pod('kourier-system', '3scale-kourier-gateway-5d8c9f7b6-fghij', [{ name: 'kourier-gateway', imageID: ENVOY }]),
  pod('knative-serving', 'activator-7d9f8c6b5-x2x7k', [{ name: 'activator', imageID: ACTIVATOR }]),
  pod('knative-serving', 'webhook-6c7d8e9f0-klmno', [{ name: 'webhook', imageID: '' }]), // still pulling: no ID yet
];
const kube: Pick<Kube, 'list'> = { list: async (_version, _kind, options) => pods.filter((p) => p.metadata.namespace === options?.namespace) };

describe('component image IDs', () => {
  it('records each component container\'s digest once, per namespace and container', async () => {
    const facts = await componentImageIds(kube, profileSchema.parse({ name: 'knative-kourier', serving: { type: 'knative', ingress: 'kourier' } }));
    expect(facts).toEqual({ imageIds: `knative-serving/activator: ${ACTIVATOR}, kourier-system/kourier-gateway: ${ENVOY}` });
  });

  it('records nothing for a profile without components', async () => {
    expect(await componentImageIds(kube, profileSchema.parse({ name: 'baseline' }))).toEqual({});
  });
});
