import { describe, expect, it } from 'vitest';
import { MANAGED_BY_LABEL, RUN_LABEL } from '../../src/kube/ownership.ts';
import { istioInstallArgs } from '../../src/components/istio/install.ts';
import { telemetryOff } from '../../src/components/istio/telemetry.ts';
import { profileSchema, type Profile } from '../../src/suite/schema.ts';
import { shippedProfiles, validateObject } from './schemas.ts';

const profile = (name: string, mesh: object): Profile =>
  profileSchema.parse({ name, mesh, serving: { type: 'deployment' } });

describe('mesh-wide Telemetry off', () => {
  const telemetry = telemetryOff('run-1');

  it('validates against the Istio Telemetry schema, and the validator bites', () => {
    expect(() => validateObject(telemetry)).not.toThrow();
    const broken = structuredClone(telemetry) as { spec: { metrics: { overrides: { match: { metric: string } }[] }[] } };
    broken.spec.metrics[0]!.overrides[0]!.match.metric = 'EVERY_METRIC';
    expect(() => validateObject(broken)).toThrow(/metric must be equal to one of the allowed values/);
  });

  it('disables metrics, access logging and tracing for every proxy in the mesh', () => {
    expect(telemetry.metadata).toMatchObject({
      namespace: 'istio-system',
      labels: { [MANAGED_BY_LABEL]: 'meshbench', [RUN_LABEL]: 'run-1' },
    });
    expect(telemetry.spec).toEqual({
      metrics: [{ overrides: [{ match: { metric: 'ALL_METRICS', mode: 'CLIENT_AND_SERVER' }, disabled: true }] }],
      accessLogging: [{ disabled: true }],
      tracing: [{ disableSpanReporting: true }],
    });
  });
});

describe('istioctl install argv', () => {
  it('is exact for every shipped profile with a mesh', () => {
    const meshed = shippedProfiles().filter((p) => p.mesh.type !== 'none');
    expect(meshed.length).toBeGreaterThan(0);
    for (const p of meshed) {
      const istioProfile = p.mesh.type === 'istio-ambient' ? 'ambient' : 'default';
      const args = istioInstallArgs(p);
      if (p.mesh.version?.startsWith('1.4.')) expect(args.slice(0, 5)).toEqual(['manifest', 'apply', '--skip-confirmation', '--set', `profile=${istioProfile}`]);
      else expect(args).toEqual(['install', '--skip-confirmation', '--set', `profile=${istioProfile}`]);
    }
  });

  it('selects the ambient profile for ambient meshes', () => {
    expect(istioInstallArgs(profile('amb', { type: 'istio-ambient', version: '1.28.3' }))).toEqual([
      'install',
      '--skip-confirmation',
      '--set',
      'profile=ambient',
    ]);
  });

  // Issue 9.6: istioctl 1.4's --set takes IstioControlPlane paths (istio/operator@1.4.10
  // cmd/mesh/manifest-common.go); the Helm-chart paths values.mixer.*.enabled left Mixer deployed.
  it('uses manifest apply on Istio 1.4, switching Mixer by its IstioControlPlane features and what the sidecars report and check', () => {
    const mixer = profile('mixer', { type: 'istio-sidecar', version: '1.4.6', telemetry: 'mixer' });
    expect(istioInstallArgs(mixer)).toEqual([
      'manifest', 'apply', '--skip-confirmation',
      '--set', 'profile=default',
      '--set', 'telemetry.enabled=true',
      '--set', 'policy.enabled=true',
      '--set', 'values.telemetry.enabled=true',
      '--set', 'values.global.disablePolicyChecks=false',
    ]);
    const noMixer = profile('no-mixer', { type: 'istio-sidecar', version: '1.4.6', telemetry: 'off', mtls: 'permissive' });
    expect(istioInstallArgs(noMixer)).toEqual([
      'manifest', 'apply', '--skip-confirmation',
      '--set', 'profile=default',
      '--set', 'telemetry.enabled=false',
      '--set', 'policy.enabled=false',
      '--set', 'values.telemetry.enabled=false',
      '--set', 'values.global.disablePolicyChecks=true',
    ]);
    expect(istioInstallArgs(noMixer).join(' ')).not.toContain('values.mixer');
  });

  it('refuses combinations Istio cannot install', () => {
    // Mixer was removed in 1.8, not after 1.4: 1.5–1.7 still ship it, off by default.
    expect(() => istioInstallArgs(profile('m', { type: 'istio-sidecar', version: '1.28.3', telemetry: 'mixer' }))).toThrow(
      'profile m: telemetry mixer is not supported on Istio 1.28.3: Mixer was removed in Istio 1.8',
    );
    expect(() => istioInstallArgs(profile('m', { type: 'istio-sidecar', version: '1.7.8', telemetry: 'mixer' }))).toThrow(
      'profile m: telemetry mixer is not supported on Istio 1.7.8: Istio 1.5–1.7 still ship Mixer (deprecated, off by default), but meshbench turns it on only for Istio ≤ 1.4',
    );
    expect(() => istioInstallArgs(profile('a', { type: 'istio-ambient', version: '1.4.6' }))).toThrow(/ambient/);
    expect(() => istioInstallArgs(profile('v', { type: 'istio-sidecar' }))).toThrow(/mesh.version/);
    expect(() => istioInstallArgs(profile('n', { type: 'none' }))).toThrow(/no mesh/);
  });
});

// Issue 9.13: strict mTLS would refuse meshbench's load, which is sent in plaintext from outside the
// mesh — on every Istio release (1.4's global mTLS too).
describe('strict mTLS', () => {
  it('is refused by the profile schema, at mesh.mtls', () => {
    const parsed = profileSchema.safeParse({ name: 'strict', mesh: { type: 'istio-sidecar', version: '1.4.10', telemetry: 'mixer', mtls: 'strict' } });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues).toEqual([expect.objectContaining({ path: ['mesh', 'mtls'], message: expect.stringMatching(/^expected permissive or disabled; got strict, which would refuse meshbench's load/) })]);
  });

  it('is refused by the install on every Istio release, for profiles built in code', () => {
    for (const version of ['1.4.10', '1.28.3']) {
      const strict = { ...profile('strict', { type: 'istio-sidecar', version, telemetry: 'default' }), mesh: { type: 'istio-sidecar' as const, version, telemetry: 'default' as const, mtls: 'strict' as const } };
      expect(() => istioInstallArgs(strict)).toThrow(`profile strict: mesh.mtls strict is not supported on Istio ${version}`);
    }
  });
});
