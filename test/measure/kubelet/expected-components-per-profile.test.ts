import { describe, expect, it } from 'vitest';
import { expectedComponents } from '../../../src/measure/expected-components.ts';
import { profileSchema } from '../../../src/suite/schema.ts';

const profile = (mesh: object | undefined, serving: object | undefined) =>
  profileSchema.parse({ name: 'p', ...(mesh ? { mesh } : {}), ...(serving ? { serving } : {}) });
const summary = (p: ReturnType<typeof profile>) =>
  expectedComponents(p, 'run', ['echo']).map((e) => `${e.component}=${e.namespace}/${e.podPrefix ?? ''}${[e.container, ...(e.alsoContainers ?? [])].join('+')}${e.required ? '' : '?'}`);

describe('expectedComponents', () => {
  it('baseline: only the echo workload', () => {
    expect(summary(profile(undefined, undefined))).toEqual(['workload=run/echo']);
  });

  it('istio sidecar: the proxy next to the workload and istiod', () => {
    expect(summary(profile({ type: 'istio-sidecar' }, undefined))).toEqual(['workload=run/echo', 'istio-proxy=run/istio-proxy', 'discovery=istio-system/discovery']);
  });

  it('ambient: ztunnel is told apart from other istio-proxy containers by its pod names', () => {
    expect(summary(profile({ type: 'istio-ambient' }, undefined))).toEqual(['workload=run/echo', 'ztunnel=istio-system/ztunnel-istio-proxy', 'discovery=istio-system/discovery']);
  });

  it('legacy Mixer: istio-telemetry and istio-policy are required, each as its mixer and its own istio-proxy', () => {
    expect(summary(profile({ type: 'istio-sidecar', telemetry: 'mixer' }, undefined))).toContain('istio-telemetry=istio-system/istio-telemetry-mixer+istio-proxy');
    expect(summary(profile({ type: 'istio-sidecar', telemetry: 'mixer' }, undefined))).toContain('istio-policy=istio-system/istio-policy-mixer+istio-proxy');
    expect(summary(profile({ type: 'istio-sidecar', telemetry: 'off' }, undefined)).join()).not.toContain('mixer');
  });

  it('knative: revision pods may scale to zero (not required), the system pods must stay', () => {
    expect(summary(profile({ type: 'istio-sidecar' }, { type: 'knative' }))).toEqual([
      'workload=run/user-container?',
      'queue-proxy=run/queue-proxy?',
      'activator=knative-serving/activator',
      'autoscaler=knative-serving/autoscaler',
      'istio-proxy=run/istio-proxy?',
      'discovery=istio-system/discovery',
    ]);
  });
});
