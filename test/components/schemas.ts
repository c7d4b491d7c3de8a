// Validation of generated objects against the published schemas (@kubernetes-models/*), plus the
// shipped profiles parsed without loadSuite. Note what these validators do not check: unknown
// fields pass (the schemas do not set additionalProperties: false), so tests also assert exact
// field values where a typo would matter.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import { Service as KnativeService } from '@kubernetes-models/knative/serving.knative.dev/v1/Service';
import { Telemetry } from '@kubernetes-models/istio/telemetry.istio.io/v1alpha1/Telemetry';
import { parse } from 'yaml';
import { profileSchema, type Profile } from '../../src/suite/schema.ts';

// @kubernetes-models/istio 2.3.0 registers its schemas in its own nested copy of
// @kubernetes-models/validate, where the ObjectMeta schema they $ref is never registered (that one
// lands in apimachinery's copy), so every Telemetry.validate() throws "can't resolve reference".
// Register an ObjectMeta schema in the Istio copy: name, namespace, and string-valued labels.
const istioValidate = pathToFileURL(
  'node_modules/@kubernetes-models/istio/node_modules/@kubernetes-models/validate/dist/index.node.mjs',
).href;
const { register } = (await import(istioValidate)) as { register: (id: string, schema: object) => void };
const stringMap = { type: 'object', additionalProperties: { type: 'string' } };
register('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', {
  type: 'object',
  properties: { name: { type: 'string' }, namespace: { type: 'string' }, labels: stringMap, annotations: stringMap },
});

/** Throws the schema violation, or when no schema is known for the object's kind. */
export function validateObject(object: object): void {
  const { apiVersion, kind } = object as { apiVersion?: unknown; kind?: unknown };
  const key = `${String(apiVersion)}/${String(kind)}`;
  const data = object as never;
  switch (key) {
    case 'v1/Namespace':
      return new Namespace(data).validate();
    case 'v1/Service':
      return new Service(data).validate();
    case 'v1/ConfigMap':
      return new ConfigMap(data).validate();
    case 'apps/v1/Deployment':
      return new Deployment(data).validate();
    case 'serving.knative.dev/v1/Service':
      return new KnativeService(data).validate();
    case 'telemetry.istio.io/v1/Telemetry':
      // The package only ships v1alpha1. We validate our v1 spec against it, assuming (not verified
      // here) that Istio's v1 and v1alpha1 Telemetry CRD versions share one spec schema.
      return new Telemetry({ ...object, apiVersion: Telemetry.apiVersion } as never).validate();
    default:
      throw new Error(`no schema for ${key}`);
  }
}

/** Every profile in clusters/profiles/, parsed with the profile schema. */
export function shippedProfiles(): Profile[] {
  const dir = 'clusters/profiles';
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => profileSchema.parse(parse(readFileSync(join(dir, file), 'utf8'))));
}
