import { describe, expect, it } from 'vitest';
import { MANAGED_BY_LABEL, meshbenchNamespace, RUN_LABEL } from '../../../src/kube/ownership.ts';
import {
  echoDeployment,
  echoKnativeService,
  echoService,
  type EchoOptions,
} from '../../../src/workloads/echo/manifests.ts';
import type { Profile } from '../../../src/suite/schema.ts';
import { shippedProfiles, validateObject } from '../../components/schemas.ts';

const RUN = '20260101T120000Z-sidecar-and-cold-start';
const workload = { delay: 0, size: 1024, startupDelay: 0 };
const options: EchoOptions = { name: 'echo', namespace: 'meshbench-echo', runId: RUN, workload };

/** Everything meshbench applies for one profile's workload. */
function objectsFor(profile: Profile): { kind?: string; metadata?: { labels?: Record<string, string> } }[] {
  const namespace = meshbenchNamespace(options.namespace, profile, RUN);
  if (profile.serving.type === 'knative') {
    return [namespace, echoKnativeService(options, { windowMs: 6000, minScale: 0, maxScale: 1, initialScale: 1 })];
  }
  return [namespace, echoDeployment(options), echoService(options)];
}

describe('echo workload objects', () => {
  const profiles = shippedProfiles();

  it('covers every shipped profile, including a Knative one', () => {
    expect(profiles.length).toBeGreaterThanOrEqual(4);
    expect(profiles.some((profile) => profile.serving.type === 'knative')).toBe(true);
  });

  for (const profile of profiles) {
    it(`validate against the Kubernetes and Knative schemas and carry the ownership labels: ${profile.name}`, () => {
      for (const object of objectsFor(profile)) {
        expect(() => validateObject(object)).not.toThrow();
        expect(object.metadata?.labels).toMatchObject({ [MANAGED_BY_LABEL]: 'meshbench', [RUN_LABEL]: RUN });
      }
    });
  }

  it('the validator rejects a broken Deployment and a broken Knative Service', () => {
    const deployment = echoDeployment(options);
    const noContainers = { ...deployment, spec: { ...deployment.spec, template: { spec: {} } } };
    expect(() => validateObject(noContainers)).toThrow(/containers/);
    const knative = echoKnativeService({ ...options, workload: { ...workload, startupDelay: 2000 } });
    const badImage = structuredClone(knative) as { spec: { template: { spec: { containers: { image: unknown }[] } } } };
    badImage.spec.template.spec.containers[0]!.image = 42;
    expect(() => validateObject(badImage)).toThrow(/image must be string/);
    expect(() => validateObject(knative)).not.toThrow();
  });

  it('labels the namespace for sidecar injection or ambient capture per profile', () => {
    const labelsOf = (type: Profile['mesh']['type']) =>
      meshbenchNamespace('ns', { ...profiles[0]!, mesh: { type, telemetry: 'default', mtls: 'strict' } }, RUN).metadata
        ?.labels;
    expect(labelsOf('istio-sidecar')).toEqual({ 'istio-injection': 'enabled', [MANAGED_BY_LABEL]: 'meshbench', [RUN_LABEL]: RUN });
    expect(labelsOf('istio-ambient')).toEqual({
      'istio.io/dataplane-mode': 'ambient',
      [MANAGED_BY_LABEL]: 'meshbench',
      [RUN_LABEL]: RUN,
    });
    expect(labelsOf('none')).toEqual({ [MANAGED_BY_LABEL]: 'meshbench', [RUN_LABEL]: RUN });
  });

  it('refuses a run id that is not a label value', () => {
    expect(() => meshbenchNamespace('ns', profiles[0]!, 'a run/with slash')).toThrow(/label value/);
    expect(() => meshbenchNamespace('ns', profiles[0]!, 'x'.repeat(64))).toThrow(/label value/);
  });
});
