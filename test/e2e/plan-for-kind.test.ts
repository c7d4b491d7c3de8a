// Issue 3: `meshbench plan scenarios/<suite>.yaml --target kind` prints the complete plan for the
// suites using every profile (the current ones, and the legacy Mixer ones apart, issue 8) — and
// executes nothing (no cluster, no run directory).
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meshbench, root } from './cli.ts';

const SUITE = 'scenarios/all-profiles.yaml';
const PROFILES = ['baseline', 'istio-sidecar', 'istio-sidecar-no-telemetry', 'istio-ambient', 'knative-kourier', 'knative-istio'];
const LEGACY = 'scenarios/legacy-mixer.yaml';
// plan asks no docker daemon: it saves images for this machine's platform, and says so.
const HOST_PLATFORM = `linux/${process.arch === 'x64' ? 'amd64' : process.arch}`;
const NODE_1_34 = 'kindest/node:v1.34.0@sha256:7416a61b42b1662ca6ca89f02028ac133a309a2a30ba309614e8ec94d976dc5a';
const NODE_1_16 = 'kindest/node:v1.16.15@sha256:83067ed51bf2a3395b24687094e283a7c7c865ccc12a8b1d7aa673ba0c5e8861';

let dir: string;
let runDir: string;
let reportsBefore: string[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'meshbench-plan-'));
  runDir = join(dir, 'run');
  reportsBefore = readdirSync(join(root, 'reports'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The text of one profile's section, from its header to the next. */
function section(stdout: string, profile: string, target: string): string {
  const start = stdout.indexOf(`== profile ${profile} on the ${target} target ==\n`);
  expect(start, `no section for ${profile}`).toBeGreaterThanOrEqual(0);
  const end = stdout.indexOf('\n== ', start + 1);
  return stdout.slice(start, end < 0 ? undefined : end);
}

function commands(text: string): string[] {
  return text.split('\n').flatMap((line) => (line.trimStart().startsWith('$ ') ? [line.trimStart().slice(2)] : []));
}

describe('meshbench plan --target kind for every profile', () => {
  let stdout: string;
  beforeAll(async () => {
    const result = await meshbench(['plan', SUITE, '--target', 'kind', '--out', runDir]);
    expect(result.exitCode, String(result.stderr)).toBe(0);
    stdout = String(result.stdout);
  });

  it('prints one section per profile, in suite order, then the cleanup', () => {
    const headers = stdout.split('\n').filter((line) => line.startsWith('== '));
    expect(headers).toEqual([...PROFILES.map((p) => `== profile ${p} on the kind target ==`), '== cleanup ==']);
    expect(stdout).toContain('total: 34 cells in 6 profiles');
  });

  it('saves each image for one platform into the run directory and loads the archive, never kind load docker-image', () => {
    expect(stdout).toContain(`images are saved for ${HOST_PLATFORM}, this machine's platform; a run saves them for the docker daemon's (docker info Architecture)`);
    const archive = `${runDir}/images/fortio_fortio_1.69.5.tar`;
    expect(commands(section(stdout, 'baseline', 'kind')).slice(1, 4)).toEqual([
      'docker pull fortio/fortio:1.69.5',
      `docker save --platform ${HOST_PLATFORM} -o ${archive} fortio/fortio:1.69.5`,
      `kind load image-archive ${archive} --name meshbench-baseline`,
    ]);
    expect(section(stdout, 'baseline', 'kind')).toContain(`create directory ${runDir}/images (and its parents)`);
    expect(stdout).not.toContain('kind load docker-image');
  });

  it("creates each profile's cluster on its pinned node image, with its config and kubeconfig in the run directory", () => {
    for (const profile of PROFILES) {
      const name = `meshbench-${profile}`;
      expect(commands(section(stdout, profile, 'kind'))[0]).toBe(
        `kind create cluster --name ${name} --config ${runDir}/${name}.kind.yaml --image ${NODE_1_34} --wait 5m --kubeconfig ${runDir}/${name}.kubeconfig`,
      );
      expect(section(stdout, profile, 'kind')).toContain(`${runDir}/${name}.kind.yaml:\n`);
    }
  });

  it('installs Istio 1.28.3 with istioctl install', () => {
    const istioctl = (profile: string) => commands(section(stdout, profile, 'kind')).filter((c) => c.startsWith('istioctl '));
    const kubeconfig = (profile: string) => `--kubeconfig ${runDir}/meshbench-${profile}.kubeconfig`;
    for (const profile of ['istio-sidecar', 'istio-sidecar-no-telemetry', 'knative-istio']) {
      expect(istioctl(profile)).toEqual([`istioctl install --skip-confirmation --set profile=default ${kubeconfig(profile)}`]);
    }
    expect(istioctl('istio-ambient')).toEqual([`istioctl install --skip-confirmation --set profile=ambient ${kubeconfig('istio-ambient')}`]);
    for (const profile of ['baseline', 'knative-kourier']) expect(istioctl(profile)).toEqual([]);
    // The printed versions are the pinned ones the install targets (doctor asks istioctl to match).
    expect(section(stdout, 'istio-sidecar', 'kind')).toContain('install Istio 1.28.3 (istio-sidecar)');
  });

  it('applies the pinned Knative release manifests for both ingresses, and the Telemetry object only where telemetry is off', () => {
    const releases = (profile: string) => [...section(stdout, profile, 'kind').matchAll(/server-side apply of every object in (\S+)/g)].map((m) => m[1]);
    expect(releases('knative-kourier')).toEqual([
      'https://github.com/knative/serving/releases/download/knative-v1.19.5/serving-crds.yaml',
      'https://github.com/knative/serving/releases/download/knative-v1.19.5/serving-core.yaml',
      'https://github.com/knative-extensions/net-kourier/releases/download/knative-v1.19.5/kourier.yaml',
    ]);
    expect(releases('knative-istio')[2]).toBe('https://github.com/knative-extensions/net-istio/releases/download/knative-v1.19.5/net-istio.yaml');
    for (const profile of PROFILES.filter((p) => !p.startsWith('knative'))) expect(releases(profile)).toEqual([]);
    const withTelemetry = PROFILES.filter((p) => section(stdout, p, 'kind').includes('kind: Telemetry'));
    expect(withTelemetry).toEqual(['istio-sidecar-no-telemetry']);
  });

  it('prints every manifest in full, without YAML anchors', () => {
    expect(stdout).not.toMatch(/[&*][a-z]\d*\b/);
    for (const profile of PROFILES) expect(section(stdout, profile, 'kind')).toContain('kind: Namespace');
    expect(section(stdout, 'knative-kourier', 'kind')).toContain('image: kind.local/fortio:1.69.5');
  });

  it('ends with a kind delete cluster for every cluster it would create', () => {
    const cleanup = stdout.slice(stdout.indexOf('== cleanup ==\n'));
    expect(commands(cleanup)).toEqual(PROFILES.map((p) => `kind delete cluster --name meshbench-${p} --kubeconfig ${runDir}/meshbench-${p}.kubeconfig`));
  });

  it('executed nothing: no run directory, nothing new in reports/', () => {
    expect(existsSync(runDir)).toBe(false);
    expect(readdirSync(join(root, 'reports')).filter((entry) => !reportsBefore.includes(entry))).toEqual([]);
  });
});

describe('meshbench plan variants', () => {
  it('--keep-clusters replaces the cleanup with keeping them', async () => {
    const result = await meshbench(['plan', SUITE, '--target', 'kind', '--out', runDir, '--keep-clusters']);
    expect(result.exitCode, String(result.stderr)).toBe(0);
    const cleanup = String(result.stdout).slice(String(result.stdout).indexOf('== cleanup ==\n'));
    expect(cleanup.trim()).toBe('== cleanup ==\nkeep every cluster (--keep-clusters)');
    expect(String(result.stdout)).not.toContain('kind delete cluster');
  });

  it('--reuse-clusters adopts the clusters instead of creating them', async () => {
    const result = await meshbench(['plan', SUITE, '--target', 'kind', '--out', runDir, '--reuse-clusters']);
    expect(result.exitCode, String(result.stderr)).toBe(0);
    const stdout = String(result.stdout);
    expect(stdout).not.toContain('kind create cluster');
    for (const p of PROFILES) expect(stdout).toContain(`$ kind export kubeconfig --name meshbench-${p} --kubeconfig ${runDir}/meshbench-${p}.kubeconfig`);
  });

  it('--target existing: no kind command, checks instead of installs, only the run namespace deleted', async () => {
    const kubeconfig = join(dir, 'staging.kubeconfig');
    const result = await meshbench(['plan', SUITE, '--target', 'existing', '--out', runDir, '--kubeconfig', kubeconfig]);
    expect(result.exitCode, String(result.stderr)).toBe(0);
    const stdout = String(result.stdout);
    const headers = stdout.split('\n').filter((line) => line.startsWith('== '));
    expect(headers).toEqual([...PROFILES.map((p) => `== profile ${p} on the existing target ==`), '== cleanup ==']);
    expect(commands(stdout)).toEqual([]);
    expect(stdout).not.toMatch(/\bkind (create|delete|load|export)\b/);
    expect(stdout).not.toContain('server-side apply of every object in');
    expect(stdout).not.toContain('kind: Telemetry');
    expect(stdout).not.toContain('kind: ConfigMap');
    // One namespace per profile, each deleted after its cells if still the run's; nothing else.
    const cleanup = stdout.slice(stdout.indexOf('== cleanup ==\n') + '== cleanup ==\n'.length).trim().split('\n');
    expect(cleanup).toEqual(PROFILES.flatMap((p) => [
      `after the cells of ${p} (or at the end, if its preparation failed or was interrupted):`,
      `  delete namespace meshbench-run-${p} if it carries this run's ownership labels (else leave it and warn)`,
    ]));
    // Issue 8: the checks made before anything is created are steps, printed in order.
    const checks = (profile: string) => section(stdout, profile, 'existing').split('\n').filter((line) => line.trimStart().startsWith('check that '));
    expect(checks('baseline')).toEqual([]);
    expect(checks('istio-sidecar')).toEqual(['     check that these deployments exist: istio-system/istiod']);
    expect(checks('knative-kourier')[1]).toBe('     check that knative-serving/config-autoscaler has allow-zero-initial-scale "true" and enable-scale-to-zero not "false"');
    // k6 runs in the cluster and, without --ingress-url, no cold start goes through the ingress: no domain check.
    expect(stdout).not.toContain('config-domain');
  });

  it('--target existing on Istio 1.4: istio-pilot, and Mixer where the profile has it', async () => {
    const result = await meshbench(['plan', 'scenarios/legacy-mixer.yaml', '--target', 'existing', '--out', runDir, '--kubeconfig', join(dir, 'staging.kubeconfig')]);
    expect(result.exitCode, String(result.stderr)).toBe(0);
    const checks = (profile: string) => section(String(result.stdout), profile, 'existing').split('\n').filter((line) => line.trimStart().startsWith('check that '));
    expect(checks('istio-1.4-mixer')).toEqual(['     check that these deployments exist: istio-system/istio-pilot, istio-system/istio-telemetry, istio-system/istio-policy']);
    expect(checks('istio-1.4-no-mixer')).toEqual([
      '     check that these deployments exist: istio-system/istio-pilot',
      '     check that these deployments do not exist (Mixer is off in this profile): istio-system/istio-telemetry, istio-system/istio-policy',
    ]);
  });

  it('--target existing --ingress-url: cold starts go through the ingress, so config-domain is checked first', async () => {
    const result = await meshbench(['plan', SUITE, '--target', 'existing', '--out', runDir, '--kubeconfig', join(dir, 'staging.kubeconfig'), '--ingress-url', 'http://ingress.staging:80/']);
    expect(result.exitCode, String(result.stderr)).toBe(0);
    const knative = section(String(result.stdout), 'knative-kourier', 'existing');
    expect(knative).toContain('check that knative-serving/config-domain gives the routes of cold-1, cold-2, cold-3, cold-4, cold-5 a domain outside the cluster');
    expect(knative.indexOf('config-domain')).toBeLessThan(knative.indexOf('kind: Namespace'));
  });

  it('--target existing --install: istioctl against the given kubeconfig and context, Knative releases, still no kind', async () => {
    const kubeconfig = join(dir, 'staging.kubeconfig');
    const result = await meshbench(['plan', SUITE, '--target', 'existing', '--out', runDir, '--kubeconfig', kubeconfig, '--install', '--context', 'staging']);
    expect(result.exitCode, String(result.stderr)).toBe(0);
    const stdout = String(result.stdout);
    const lines = commands(stdout);
    expect(lines.length).toBe(4); // the four profiles with Istio (all but baseline and knative-kourier)
    for (const line of lines) expect(line).toMatch(new RegExp(`^istioctl .* --kubeconfig ${kubeconfig} --context staging$`));
    expect(stdout).toContain('https://github.com/knative-extensions/net-kourier/releases/download/knative-v1.19.5/kourier.yaml');
    expect(stdout).not.toMatch(/\bkind (create|delete|load|export)\b/);
    // Issue 8.4: what --install changes cluster-wide is recorded first and restored, newest first.
    expect(section(stdout, 'istio-sidecar-no-telemetry', 'existing')).toContain('# first records what these fields are now (or that the object is absent)');
    const cleanup = stdout.slice(stdout.indexOf('== cleanup ==\n'));
    const restores = (profile: string) => {
      const block = cleanup.slice(cleanup.indexOf(`after the cells of ${profile} `)).split('\n').slice(1);
      const end = block.findIndex((line) => line.startsWith('after the cells of '));
      return block.slice(0, end < 0 ? undefined : end).filter((line) => line.startsWith('  restore '));
    };
    expect(restores('istio-sidecar-no-telemetry')).toEqual(['  restore telemetry istio-system/meshbench-telemetry-off (deleted if the run created it, else the previous values of the fields it set)']);
    expect(restores('knative-kourier').map((line) => line.split(' (')[0])).toEqual([
      '  restore service kourier-system/kourier',
      '  restore configmap knative-serving/config-domain',
      '  restore configmap knative-serving/config-autoscaler',
      '  restore configmap knative-serving/config-network',
    ]);
    expect(restores('baseline')).toEqual([]);
  });
});

describe('meshbench plan --target kind for the legacy Mixer suite', () => {
  it("creates each cluster on kind v0.11.1's 1.16 node image and installs Istio 1.4.10 with istioctl manifest apply", async () => {
    const result = await meshbench(['plan', LEGACY, '--target', 'kind', '--out', runDir]);
    expect(result.exitCode, String(result.stderr)).toBe(0);
    const stdout = String(result.stdout);
    expect(stdout).toContain('total: 10 cells in 2 profiles');
    for (const profile of ['istio-1.4-no-mixer', 'istio-1.4-mixer']) {
      const lines = commands(section(stdout, profile, 'kind'));
      expect(lines[0]).toContain(`--image ${NODE_1_16} `);
      expect(section(stdout, profile, 'kind')).toContain('install Istio 1.4.10 (istio-sidecar)');
    }
    const istioctl = (profile: string) => commands(section(stdout, profile, 'kind')).filter((c) => c.startsWith('istioctl '));
    // Issue 9.6: Mixer is switched by istioctl 1.4's IstioControlPlane paths, and checked after the install.
    expect(istioctl('istio-1.4-mixer')[0]).toMatch(/^istioctl manifest apply --skip-confirmation --set profile=default --set telemetry\.enabled=true --set policy\.enabled=true --set values\.telemetry\.enabled=true --set values\.global\.disablePolicyChecks=false /);
    expect(istioctl('istio-1.4-no-mixer')[0]).toMatch(/^istioctl manifest apply --skip-confirmation --set profile=default --set telemetry\.enabled=false --set policy\.enabled=false --set values\.telemetry\.enabled=false --set values\.global\.disablePolicyChecks=true /);
    expect(stdout).not.toContain('values.mixer.');
    expect(section(stdout, 'istio-1.4-no-mixer', 'kind')).toContain('check that these deployments do not exist (Mixer is off in this profile): istio-system/istio-telemetry, istio-system/istio-policy');
    expect(section(stdout, 'istio-1.4-mixer', 'kind')).toContain('check that these deployments exist: istio-system/istio-telemetry, istio-system/istio-policy');
    // What the cluster must schedule: Mixer's requests only where it runs.
    expect(section(stdout, 'istio-1.4-no-mixer', 'kind')).not.toContain('Mixer (istio-telemetry');
    expect(section(stdout, 'istio-1.4-mixer', 'kind')).toContain('Mixer (istio-telemetry, istio-policy, each with its istio-proxy)');
  });
});
