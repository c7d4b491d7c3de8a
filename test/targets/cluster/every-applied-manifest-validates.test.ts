// Issue 3, "every manifest meshbench can apply validates against @kubernetes-models/* schemas":
// every object of every `apply` step, for every shipped profile, both workload shapes, kind (new
// and reused clusters) and existing (with and without --install). A kind without a validator
// fails, so a new kind cannot slip through unvalidated. Ownership: what meshbench creates carries
// its labels; what it only patches (Knative's ConfigMaps, the ingress gateway Services) does not.
import { describe, expect, it } from 'vitest';
import { MANAGED_BY, MANAGED_BY_LABEL, RUN_LABEL } from '../../../src/kube/ownership.ts';
import type { KubeObject } from '../../../src/kube/objects.ts';
import { validateObject } from '../../components/schemas.ts';
import { appliedObjects, everyVariant, key, NAMESPACE, PROFILE_NAMES, RUN_ID } from './support.ts';

const variants = everyVariant();

/** Who an object belongs to, by identity; anything not listed here is a failure of its own. */
function ownerOf(object: KubeObject): 'meshbench' | 'its installer' | undefined {
  const { namespace, name } = object.metadata;
  switch (`${object.apiVersion}/${object.kind}`) {
    case 'v1/Namespace':
      return name.startsWith(NAMESPACE) ? 'meshbench' : undefined; // existing: one per profile
    case 'apps/v1/Deployment':
    case 'serving.knative.dev/v1/Service':
      return namespace?.startsWith(NAMESPACE) && name === 'echo' ? 'meshbench' : undefined;
    case 'v1/Service':
      if (namespace?.startsWith(NAMESPACE) && name === 'echo') return 'meshbench';
      if ((namespace === 'kourier-system' && name === 'kourier') || (namespace === 'istio-system' && name === 'istio-ingressgateway')) return 'its installer';
      return undefined;
    case 'telemetry.istio.io/v1/Telemetry':
      return namespace === 'istio-system' ? 'meshbench' : undefined;
    case 'v1/ConfigMap':
      return namespace === 'knative-serving' && /^config-(network|autoscaler|features|domain)$/.test(name) ? 'its installer' : undefined;
    default:
      return undefined;
  }
}

describe('every object meshbench applies', () => {
  it('covers all 8 shipped profiles, both workload shapes and both cluster targets', () => {
    expect([...new Set(variants.map((v) => v.profile.name))].sort()).toEqual(PROFILE_NAMES);
    expect(variants).toHaveLength(PROFILE_NAMES.length * 2 * 4);
    const kinds = new Set(variants.flatMap((v) => appliedObjects(v.steps).map((o) => `${o.apiVersion}/${o.kind}`)));
    // Every kind meshbench applies somewhere is exercised (a shrinking set would hide a dropped step).
    expect([...kinds].sort()).toEqual([
      'apps/v1/Deployment',
      'serving.knative.dev/v1/Service',
      'telemetry.istio.io/v1/Telemetry',
      'v1/ConfigMap',
      'v1/Namespace',
      'v1/Service',
    ]);
  });

  for (const variant of variants) {
    it(`validates against its schema: ${variant.label}`, () => {
      const objects = appliedObjects(variant.steps);
      expect(objects.length).toBeGreaterThan(0);
      for (const object of objects) {
        expect(() => validateObject(object), key(object)).not.toThrow();
      }
    });
  }

  it('is refused when its kind has no validator, and the validators bite on a wrong field', () => {
    expect(() => validateObject({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'k6' } })).toThrow(/no schema for batch\/v1\/Job/);
    expect(() => validateObject({ apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'g' } })).toThrow(/no schema/);
    const all = variants.flatMap((v) => appliedObjects(v.steps));
    const deployment = structuredClone(all.find((o) => o.kind === 'Deployment')!) as KubeObject & { spec: { replicas: unknown } };
    deployment.spec.replicas = 'one';
    expect(() => validateObject(deployment)).toThrow(/must be integer/);
    const knative = structuredClone(all.find((o) => o.apiVersion === 'serving.knative.dev/v1')!) as KubeObject & { spec: { template: { spec: { containers: unknown } } } };
    knative.spec.template.spec.containers = 'echo';
    expect(() => validateObject(knative)).toThrow(/must be array/);
    const service = structuredClone(all.find((o) => o.kind === 'Service' && o.apiVersion === 'v1')!) as KubeObject & { spec: { ports: { port: unknown }[] } };
    service.spec.ports[0]!.port = '80';
    expect(() => validateObject(service)).toThrow(/must be integer/);
  });
});

describe('ownership labels', () => {
  for (const variant of variants) {
    it(`are on exactly what meshbench owns: ${variant.label}`, () => {
      for (const object of appliedObjects(variant.steps)) {
        const owner = ownerOf(object);
        expect(owner, `${key(object)} is neither meshbench's nor a known installer's object`).toBeDefined();
        const labels = object.metadata.labels ?? {};
        if (owner === 'meshbench') {
          expect(labels, key(object)).toMatchObject({ [MANAGED_BY_LABEL]: MANAGED_BY, [RUN_LABEL]: RUN_ID });
        } else {
          expect(labels[MANAGED_BY_LABEL], key(object)).toBeUndefined();
          expect(labels[RUN_LABEL], key(object)).toBeUndefined();
          expect(Object.keys(object.metadata).sort(), key(object)).toEqual(['name', 'namespace']);
        }
      }
    });
  }

  it("puts meshbench's own objects in the run's namespace, except the mesh-wide Telemetry in Istio's root namespace", () => {
    const owned = variants.flatMap((v) => appliedObjects(v.steps)).filter((o) => ownerOf(o) === 'meshbench' && o.kind !== 'Namespace');
    const elsewhere = new Set(owned.filter((o) => !o.metadata.namespace?.startsWith(NAMESPACE)).map(key));
    expect([...elsewhere]).toEqual(['telemetry.istio.io/v1/Telemetry istio-system/meshbench-telemetry-off']);
  });

  it('labels the echo pods too, so what a run started can be found by label', () => {
    const workloads = variants.flatMap((v) => appliedObjects(v.steps)).filter((o) => o.kind === 'Deployment' || o.apiVersion === 'serving.knative.dev/v1');
    expect(workloads.length).toBeGreaterThan(0);
    for (const object of workloads) {
      const template = (object.spec as { template: { metadata: { labels: Record<string, string> } } }).template;
      expect(template.metadata.labels, key(object)).toMatchObject({ [MANAGED_BY_LABEL]: MANAGED_BY, [RUN_LABEL]: RUN_ID });
    }
  });

  it('the installer-owned objects appear where expected: Knative ConfigMaps and the ingress patches', () => {
    const patched = new Set(variants.flatMap((v) => appliedObjects(v.steps)).filter((o) => ownerOf(o) === 'its installer').map(key));
    expect([...patched].sort()).toEqual([
      'v1/ConfigMap knative-serving/config-autoscaler',
      'v1/ConfigMap knative-serving/config-domain',
      'v1/ConfigMap knative-serving/config-features',
      'v1/ConfigMap knative-serving/config-network',
      'v1/Service istio-system/istio-ingressgateway',
      'v1/Service kourier-system/kourier',
    ]);
  });
});
