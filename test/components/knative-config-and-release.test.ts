import { describe, expect, it } from 'vitest';
import { activatorInWarmPath, autoscalerConfigData, featuresConfigData, networkConfigData } from '../../src/components/knative/config.ts';
import { knativeReleaseManifests } from '../../src/components/knative/release.ts';
import { profileSchema, type Profile } from '../../src/suite/schema.ts';
import { shippedProfiles, validateObject } from './schemas.ts';

const kourier = (): Profile => {
  const found = shippedProfiles().find((p) => p.name === 'knative-kourier');
  if (!found) throw new Error('clusters/profiles/knative-kourier.yaml is missing');
  return found;
};

describe('Knative ConfigMap overrides', () => {
  it('turns the knative-kourier autoscaler settings into exact config-autoscaler data', () => {
    expect(autoscalerConfigData(kourier().serving.autoscaler)).toEqual({
      'scale-to-zero-grace-period': '6s',
      'stable-window': '6s',
      'scale-to-zero-pod-retention-period': '0s',
    });
  });

  it('maps every camelCase setting to its kebab-case key', () => {
    expect(
      autoscalerConfigData({
        scaleToZeroGracePeriod: 1500,
        stableWindow: 60_000,
        scaleToZeroPodRetentionPeriod: 0,
        targetBurstCapacity: -1,
        containerConcurrencyTargetDefault: 10,
      }),
    ).toEqual({
      'scale-to-zero-grace-period': '1500ms',
      'stable-window': '60s',
      'scale-to-zero-pod-retention-period': '0s',
      'target-burst-capacity': '-1',
      'container-concurrency-target-default': '10',
    });
    expect(autoscalerConfigData()).toEqual({});
  });

  it('selects the ingress class and enables init containers only for a startup delay', () => {
    expect(networkConfigData(kourier())).toEqual({ 'ingress-class': 'kourier.ingress.networking.knative.dev' });
    const istio = { ...kourier(), serving: { ...kourier().serving, ingress: 'istio' as const } };
    expect(networkConfigData(istio)).toEqual({ 'ingress-class': 'istio.ingress.networking.knative.dev' });
    expect(featuresConfigData({ delay: 0, size: 1, startupDelay: 0 })).toEqual({});
    expect(featuresConfigData({ delay: 0, size: 1, startupDelay: 500 })).toEqual({
      'kubernetes.podspec-init-containers': 'enabled',
    });
  });

  it('produces data a ConfigMap schema accepts, and the validator bites on a non-string value', () => {
    const data = { ...autoscalerConfigData(kourier().serving.autoscaler), ...networkConfigData(kourier()) };
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-autoscaler' }, data };
    expect(() => validateObject(configMap)).not.toThrow();
    expect(() => validateObject({ ...configMap, data: { 'stable-window': 6 } })).toThrow(/must be string/);
  });
});

describe("the activator in a warm one-pod revision's path (kpa.go: proxy mode while excess burst capacity < 0)", () => {
  it('stays with the defaults (100 per pod < 211) and with -1, leaves with 0, depends on the load in between', () => {
    expect(activatorInWarmPath()).toBe(true);
    expect(activatorInWarmPath({ targetBurstCapacity: -1 })).toBe(true);
    expect(activatorInWarmPath({ targetBurstCapacity: 0 })).toBe(false);
    expect(activatorInWarmPath({ targetBurstCapacity: 50 })).toBeUndefined();
    expect(activatorInWarmPath({ targetBurstCapacity: 50, containerConcurrencyTargetDefault: 10 })).toBe(true);
  });
});

describe('Knative release manifests', () => {
  // Serving releases from github.com/knative, the ingresses from github.com/knative-extensions
  // (knative/docs install snippets: artifact(repo="net-kourier", org="knative-extensions", …)).
  it('lists CRDs, core and the Kourier ingress in apply order', () => {
    expect(knativeReleaseManifests(kourier(), { serving: '1.19.5', ingress: '1.19.3' })).toEqual([
      'https://github.com/knative/serving/releases/download/knative-v1.19.5/serving-crds.yaml',
      'https://github.com/knative/serving/releases/download/knative-v1.19.5/serving-core.yaml',
      'https://github.com/knative-extensions/net-kourier/releases/download/knative-v1.19.3/kourier.yaml',
    ]);
  });

  it('uses net-istio for the istio ingress and refuses non-Knative profiles or loose versions', () => {
    const istio = { ...kourier(), serving: { ...kourier().serving, ingress: 'istio' as const } };
    expect(knativeReleaseManifests(istio, { serving: '1.19.5', ingress: '1.19.1' })[2]).toBe(
      'https://github.com/knative-extensions/net-istio/releases/download/knative-v1.19.1/net-istio.yaml',
    );
    const plain = profileSchema.parse({ name: 'plain' });
    expect(() => knativeReleaseManifests(plain, { serving: '1.19.5', ingress: '1.19.1' })).toThrow(/does not use Knative/);
    expect(() => knativeReleaseManifests(kourier(), { serving: 'v1.19', ingress: '1.19.1' })).toThrow(/MAJOR.MINOR.PATCH/);
  });
});
