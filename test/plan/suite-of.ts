// Test helper: a suite built in code, with short profile names resolved to in-memory profiles.
import type { Profile, Suite } from '../../src/suite/schema.ts';
import { profileSchema, suiteSchema } from '../../src/suite/schema.ts';

const PROFILES: Record<string, Profile> = {
  baseline: profileSchema.parse({ name: 'baseline' }),
  'istio-sidecar': profileSchema.parse({ name: 'istio-sidecar', mesh: { type: 'istio-sidecar', version: '1.28.3' } }),
  knative: profileSchema.parse({
    name: 'knative',
    serving: { type: 'knative', version: '1.19.5', ingress: 'kourier', autoscaler: { scaleToZeroGracePeriod: '6s' } },
  }),
  'knative-defaults': profileSchema.parse({ name: 'knative-defaults', serving: { type: 'knative' } }),
};

export function suiteOf(input: Record<string, unknown>): Suite {
  const parsed = suiteSchema.parse({ apiVersion: 'meshbench.dev/v1alpha1', kind: 'Suite', name: 'test', ...input });
  return { ...parsed, profiles: parsed.profiles.map((entry) => (typeof entry === 'string' ? PROFILES[entry]! : entry)) };
}
