// Issue 3: the steps a kind / existing run executes (and `plan` prints) for each profile shape:
// the cluster, the images loaded before anything is measured, the mesh, Knative, the workload.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/kube/objects.ts';
import type { Profile } from '../../../src/suite/schema.ts';
import { describeCheck } from '../../../src/targets/cluster/checks.ts';
import { formatSteps, type Step } from '../../../src/targets/cluster/steps.ts';
import { existingProfileSteps, restoredObjects } from '../../../src/targets/existing/index.ts';
import { kindProfileSteps } from '../../../src/targets/kind/index.ts';
import type { ProfileNeeds } from '../../../src/targets/target.ts';
import { ingressHostPorts } from '../../../src/targets/kind/cluster.ts';
import { appliedObjects, commandLines, existingSteps, everyVariant, kindSteps, KUBECONFIG, NAMESPACE, PLATFORM, profile, RUN_ID, WORK_DIR, WORKLOADS } from './support.ts';

const plain = WORKLOADS[0]!.workload;
const delayed = WORKLOADS[1]!.workload;
const NODE_1_34 = 'kindest/node:v1.34.0@sha256:7416a61b42b1662ca6ca89f02028ac133a309a2a30ba309614e8ec94d976dc5a';
const NODE_1_16 = 'kindest/node:v1.16.15@sha256:83067ed51bf2a3395b24687094e283a7c7c865ccc12a8b1d7aa673ba0c5e8861';
const KNATIVE = 'https://github.com/knative';
/** The ingresses are released from knative-extensions (knative/docs install snippets). */
const EXTENSIONS = 'https://github.com/knative-extensions';

/** One line per step: commands as argv, applies as the objects' identities, waits as what and where. */
function outline(steps: Step[]): string[] {
  return steps.map((step) => {
    switch (step.type) {
      case 'file':
        return `file ${step.path}`;
      case 'directory':
        return `directory ${step.path}`;
      case 'command':
        return `$ ${[step.command, ...step.args].join(' ')}`;
      case 'check':
        return `check ${step.check.kind}`;
      case 'apply':
        return `apply ${step.objects.map((o) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`).join(', ')}`;
      case 'apply-release':
        return `release ${step.url}`;
      case 'wait': {
        const { kind, namespace } = step.wait;
        return `wait ${kind} ${namespace}${'name' in step.wait ? `/${step.wait.name}` : ''}`;
      }
    }
  });
}

const kubeconfigOf = (name: string) => `${WORK_DIR}/meshbench-${name}.kubeconfig`;
const cluster = (name: string, image = NODE_1_34) => [
  `file ${WORK_DIR}/meshbench-${name}.kind.yaml`,
  `$ kind create cluster --name meshbench-${name} --config ${WORK_DIR}/meshbench-${name}.kind.yaml --image ${image} --wait 5m --kubeconfig ${kubeconfigOf(name)}`,
];
const IMAGES = `${WORK_DIR}/images`;
/** Pull, save one platform into the run directory, load the archive (not kind load docker-image: kubernetes-sigs/kind#3795). */
const loadImage = (image: string, name: string) => [
  `$ docker save --platform linux/amd64 -o ${IMAGES}/${image.replaceAll(/[/:]/g, '_')}.tar ${image}`,
  `$ kind load image-archive ${IMAGES}/${image.replaceAll(/[/:]/g, '_')}.tar --name meshbench-${name}`,
];
const echoImages = (name: string) => [`directory ${IMAGES}`, '$ docker pull fortio/fortio:1.69.5', ...loadImage('fortio/fortio:1.69.5', name)];
const deploymentWorkload = [`apply Namespace ${NAMESPACE}, Deployment ${NAMESPACE}/echo, Service ${NAMESPACE}/echo`, `wait deployment-available ${NAMESPACE}/echo`];
const knativeWorkload = [`apply Namespace ${NAMESPACE}, Service ${NAMESPACE}/echo`, `wait knative-service-ready ${NAMESPACE}/echo`];
const istiod = 'wait deployments-available istio-system';

function objectsOf(steps: Step[], kind: string): KubeObject[] {
  return appliedObjects(steps).filter((o) => o.kind === kind);
}
function namespaceLabels(steps: Step[]): Record<string, string> {
  return objectsOf(steps, 'Namespace')[0]!.metadata.labels!;
}
const MESH_LABELS = ['istio-injection', 'istio.io/dataplane-mode'];
function meshLabelsOf(steps: Step[]): Record<string, string> {
  return Object.fromEntries(Object.entries(namespaceLabels(steps)).filter(([k]) => MESH_LABELS.includes(k)));
}

describe('baseline on kind', () => {
  const steps = kindSteps(profile('baseline'), plain);

  it('creates the cluster, loads the echo image, deploys the workload: no istioctl, no Knative', () => {
    expect(outline(steps)).toEqual([...cluster('baseline'), ...echoImages('baseline'), ...deploymentWorkload]);
    expect(commandLines(steps).some((line) => line.startsWith('istioctl'))).toBe(false);
    expect(meshLabelsOf(steps)).toEqual({});
  });

  it('writes a kind config with the pinned node image and the ingress node port mapped to 127.0.0.1', () => {
    const file = steps[0] as Extract<Step, { type: 'file' }>;
    expect(file.content).toContain(`image: ${NODE_1_34}`);
    expect(file.content).toContain(`hostPort: ${ingressHostPorts({ name: 'baseline' }).http}`);
    expect(file.content).toContain('listenAddress: 127.0.0.1');
  });

  it('exposes the echo Service on the mapped node port', () => {
    const [service] = objectsOf(steps, 'Service') as (KubeObject & { spec: { type: string; ports: { nodePort?: number }[] } })[];
    expect(service!.spec.type).toBe('NodePort');
    expect(service!.spec.ports.map((port) => port.nodePort)).toEqual([31080]);
  });

  it('loads the startup-delay image as well when the workload has one', () => {
    expect(outline(kindSteps(profile('baseline'), delayed)).slice(2, 9)).toEqual([
      ...echoImages('baseline'),
      '$ docker pull busybox:1.37.0',
      ...loadImage('busybox:1.37.0', 'baseline'),
    ]);
  });
});

describe('istio-sidecar on kind', () => {
  const steps = kindSteps(profile('istio-sidecar'), plain);

  it('installs Istio with istioctl against the run kubeconfig, waits for istio-system, then deploys into an injected namespace', () => {
    expect(outline(steps)).toEqual([
      ...cluster('istio-sidecar'),
      ...echoImages('istio-sidecar'),
      `$ istioctl install --skip-confirmation --set profile=default --kubeconfig ${kubeconfigOf('istio-sidecar')}`,
      istiod,
      ...deploymentWorkload,
    ]);
    expect(meshLabelsOf(steps)).toEqual({ 'istio-injection': 'enabled' });
    expect(objectsOf(steps, 'Telemetry')).toEqual([]);
  });
});

describe('istio-sidecar-no-telemetry and the legacy Mixer profiles', () => {
  it('applies the mesh-wide Telemetry object after istiod is up', () => {
    const steps = kindSteps(profile('istio-sidecar-no-telemetry'), plain);
    expect(outline(steps).slice(6)).toEqual([
      `$ istioctl install --skip-confirmation --set profile=default --kubeconfig ${kubeconfigOf('istio-sidecar-no-telemetry')}`,
      istiod,
      'apply Telemetry istio-system/meshbench-telemetry-off',
      ...deploymentWorkload,
    ]);
    expect(objectsOf(steps, 'Telemetry')[0]).toMatchObject({ apiVersion: 'telemetry.istio.io/v1', spec: { accessLogging: [{ disabled: true }] } });
    expect(meshLabelsOf(steps)).toEqual({ 'istio-injection': 'enabled' });
  });

  // Issue 9.6: istioctl 1.4's --set paths are IstioControlPlane paths (install.ts).
  it('istio-1.4-no-mixer has no Telemetry object: Mixer goes off through the install flags on the 1.16 node image, then is checked gone', () => {
    const steps = kindSteps(profile('istio-1.4-no-mixer'), plain);
    expect(objectsOf(steps, 'Telemetry')).toEqual([]);
    expect(outline(steps)).toEqual([
      ...cluster('istio-1.4-no-mixer', NODE_1_16),
      ...echoImages('istio-1.4-no-mixer'),
      '$ istioctl manifest apply --skip-confirmation --set profile=default --set telemetry.enabled=false --set policy.enabled=false' +
        ` --set values.telemetry.enabled=false --set values.global.disablePolicyChecks=true --kubeconfig ${kubeconfigOf('istio-1.4-no-mixer')}`,
      istiod,
      'check deployments-absent',
      ...deploymentWorkload,
    ]);
    const check = steps.find((step) => step.type === 'check');
    expect(check && describeCheck(check.check)).toBe('check that these deployments do not exist (Mixer is off in this profile): istio-system/istio-telemetry, istio-system/istio-policy');
  });

  it('istio-1.4-mixer turns Mixer telemetry and policy on, and checks both deployments are there', () => {
    const steps = kindSteps(profile('istio-1.4-mixer'), plain);
    expect(objectsOf(steps, 'Telemetry')).toEqual([]);
    const install = commandLines(steps).find((line) => line.startsWith('istioctl'));
    expect(install).toBe(
      'istioctl manifest apply --skip-confirmation --set profile=default --set telemetry.enabled=true --set policy.enabled=true' +
        ` --set values.telemetry.enabled=true --set values.global.disablePolicyChecks=false --kubeconfig ${kubeconfigOf('istio-1.4-mixer')}`,
    );
    const check = steps.find((step) => step.type === 'check');
    expect(check && describeCheck(check.check)).toBe('check that these deployments exist: istio-system/istio-telemetry, istio-system/istio-policy');
  });
});

describe('istio-ambient on kind', () => {
  it('installs the ambient profile and enrols the namespace in ambient, not sidecar injection', () => {
    const steps = kindSteps(profile('istio-ambient'), plain);
    expect(outline(steps).slice(6)).toEqual([
      `$ istioctl install --skip-confirmation --set profile=ambient --kubeconfig ${kubeconfigOf('istio-ambient')}`,
      istiod,
      ...deploymentWorkload,
    ]);
    expect(meshLabelsOf(steps)).toEqual({ 'istio.io/dataplane-mode': 'ambient' });
  });
});

describe('knative-kourier on kind', () => {
  const steps = kindSteps(profile('knative-kourier'), plain);

  it('retags and loads the echo image as kind.local/…, applies the pinned releases crds → core → kourier, configures, patches Kourier, deploys', () => {
    expect(outline(steps)).toEqual([
      ...cluster('knative-kourier'),
      `directory ${IMAGES}`,
      '$ docker pull fortio/fortio:1.69.5',
      '$ docker tag fortio/fortio:1.69.5 kind.local/fortio:1.69.5',
      ...loadImage('kind.local/fortio:1.69.5', 'knative-kourier'),
      `release ${KNATIVE}/serving/releases/download/knative-v1.19.5/serving-crds.yaml`,
      `release ${KNATIVE}/serving/releases/download/knative-v1.19.5/serving-core.yaml`,
      `release ${EXTENSIONS}/net-kourier/releases/download/knative-v1.19.5/kourier.yaml`,
      'wait deployments-available knative-serving',
      'apply ConfigMap knative-serving/config-network, ConfigMap knative-serving/config-autoscaler, ConfigMap knative-serving/config-domain',
      'wait deployments-available kourier-system',
      'apply Service kourier-system/kourier',
      ...knativeWorkload,
    ]);
    expect(commandLines(steps).some((line) => line.startsWith('istioctl'))).toBe(false);
    expect(meshLabelsOf(steps)).toEqual({});
  });

  it('sets the ingress class, the scale-to-zero tuning and the route domain', () => {
    const data = Object.fromEntries(objectsOf(steps, 'ConfigMap').map((c) => [c.metadata.name, c.data]));
    expect(data).toEqual({
      'config-network': { 'ingress-class': 'kourier.ingress.networking.knative.dev' },
      'config-autoscaler': { 'scale-to-zero-grace-period': '6s', 'stable-window': '6s', 'scale-to-zero-pod-retention-period': '0s' },
      'config-domain': { 'meshbench.local': '' },
    });
  });

  it('patches only the Kourier port onto the mapped node port', () => {
    const [kourier] = objectsOf(steps, 'Service').filter((s) => s.metadata.namespace === 'kourier-system');
    expect(kourier!.spec).toEqual({ type: 'NodePort', ports: [{ name: 'http2', port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 31080 }] });
  });

  it('deploys echo as a Knative Service on the kind.local image with the window annotation, held at one replica', () => {
    const knative = appliedObjects(steps).find((o) => o.apiVersion === 'serving.knative.dev/v1') as KubeObject & {
      spec: { template: { metadata: { annotations: Record<string, string> }; spec: { containers: { image: string }[] } } };
    };
    expect(knative.spec.template.spec.containers.map((c) => c.image)).toEqual(['kind.local/fortio:1.69.5']);
    // Issue 9.2: min-scale 1, or echo is at zero when a load cell opens (its warm-up may be 0).
    expect(knative.spec.template.metadata.annotations).toEqual({ 'autoscaling.knative.dev/window': '6s', 'autoscaling.knative.dev/min-scale': '1' });
    expect(objectsOf(steps, 'Deployment')).toEqual([]);
  });

  it("writes the window on every cold-N service, Knative's 60s default when the profile sets none, so the time to zero meshbench waits for is in force on any cluster", () => {
    const untuned: Profile = { ...profile('knative-kourier'), serving: { ...profile('knative-kourier').serving, autoscaler: {} } };
    const needs = { coldStartServices: 1, warmBaseline: false, inClusterK6: false, hostLoad: false };
    const annotations = (p: Profile, name: string) =>
      (appliedObjects(kindProfileSteps(p, plain, { workDir: WORK_DIR, runId: RUN_ID, platform: PLATFORM }, false, needs)).find((o) => o.apiVersion === 'serving.knative.dev/v1' && o.metadata.name === name) as KubeObject & {
        spec: { template: { metadata: { annotations: Record<string, string> } } };
      }).spec.template.metadata.annotations;
    expect(annotations(untuned, 'cold-1')['autoscaling.knative.dev/window']).toBe('60s');
    expect(annotations(untuned, 'echo')['autoscaling.knative.dev/window']).toBeUndefined();
    expect(annotations(profile('knative-kourier'), 'cold-1')['autoscaling.knative.dev/window']).toBe('6s');
  });

  it('with cold-start cells: deploys cold-1…N at zero and, for a warm baseline, warm-1 held at min-scale 1, and waits for each', () => {
    const withWarm = kindProfileSteps(profile('knative-kourier'), plain, { workDir: WORK_DIR, runId: RUN_ID, platform: PLATFORM }, false, { coldStartServices: 2, warmBaseline: true, inClusterK6: false, hostLoad: false });
    const annotations = (name: string) =>
      (appliedObjects(withWarm).find((o) => o.apiVersion === 'serving.knative.dev/v1' && o.metadata.name === name) as KubeObject & { spec: { template: { metadata: { annotations: Record<string, string> } } } })
        .spec.template.metadata.annotations;
    expect(annotations('cold-2')['autoscaling.knative.dev/initial-scale']).toBe('0');
    expect(annotations('warm-1')['autoscaling.knative.dev/min-scale']).toBe('1');
    expect(annotations('warm-1')['autoscaling.knative.dev/initial-scale']).toBeUndefined();
    expect(outline(withWarm).filter((line) => line.startsWith('wait knative-service-ready'))).toEqual(
      ['echo', 'cold-1', 'cold-2', 'warm-1'].map((name) => `wait knative-service-ready ${NAMESPACE}/${name}`),
    );
    const withoutWarm = kindProfileSteps(profile('knative-kourier'), plain, { workDir: WORK_DIR, runId: RUN_ID, platform: PLATFORM }, false, { coldStartServices: 1, warmBaseline: false, inClusterK6: false, hostLoad: false });
    expect(appliedObjects(withoutWarm).map((o) => o.metadata.name)).not.toContain('warm-1');
  });

  it('on a plain Deployment profile: cold-1…N Deployments at 0 replicas and warm-1 at 1, each behind a ClusterIP Service', () => {
    const steps = kindProfileSteps(profile('baseline'), plain, { workDir: WORK_DIR, runId: RUN_ID, platform: PLATFORM }, false, { coldStartServices: 2, warmBaseline: true, inClusterK6: false, hostLoad: false });
    const objects = appliedObjects(steps);
    const replicas = (name: string) => (objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name)!.spec as { replicas: number }).replicas;
    expect(['cold-1', 'cold-2', 'warm-1'].map(replicas)).toEqual([0, 0, 1]);
    const services = objects.filter((o) => o.kind === 'Service' && o.metadata.name !== 'echo');
    expect(services.map((o) => `${o.metadata.name} ${(o.spec as { type: string }).type}`)).toEqual(['cold-1 ClusterIP', 'cold-2 ClusterIP', 'warm-1 ClusterIP']);
    // Only deployments that should have a pod are waited for.
    expect(outline(steps).filter((line) => line.startsWith('wait deployment-available'))).toEqual(
      ['echo', 'warm-1'].map((name) => `wait deployment-available ${NAMESPACE}/${name}`),
    );
  });

  it('with a startup delay: enables init containers in config-features and loads the kind.local busybox it uses', () => {
    const withDelay = kindSteps(profile('knative-kourier'), delayed);
    expect(objectsOf(withDelay, 'ConfigMap').find((c) => c.metadata.name === 'config-features')!.data).toEqual({ 'kubernetes.podspec-init-containers': 'enabled' });
    expect(commandLines(withDelay)).toContain('docker tag busybox:1.37.0 kind.local/busybox:1.37.0');
    expect(commandLines(withDelay)).toContain(`kind load image-archive ${IMAGES}/kind.local_busybox_1.37.0.tar --name meshbench-knative-kourier`);
    const knative = appliedObjects(withDelay).find((o) => o.apiVersion === 'serving.knative.dev/v1') as KubeObject & { spec: { template: { spec: { initContainers: { image: string }[] } } } };
    expect(knative.spec.template.spec.initContainers.map((c) => c.image)).toEqual(['kind.local/busybox:1.37.0']);
  });
});

describe('knative-istio on kind', () => {
  const steps = kindSteps(profile('knative-istio'), plain);

  it('installs Istio before Knative, uses net-istio, and patches the Istio ingress gateway instead of Kourier', () => {
    expect(outline(steps).slice(7)).toEqual([
      `$ istioctl install --skip-confirmation --set profile=default --kubeconfig ${kubeconfigOf('knative-istio')}`,
      istiod,
      `release ${KNATIVE}/serving/releases/download/knative-v1.19.5/serving-crds.yaml`,
      `release ${KNATIVE}/serving/releases/download/knative-v1.19.5/serving-core.yaml`,
      `release ${EXTENSIONS}/net-istio/releases/download/knative-v1.19.5/net-istio.yaml`,
      'wait deployments-available knative-serving',
      'apply ConfigMap knative-serving/config-network, ConfigMap knative-serving/config-autoscaler, ConfigMap knative-serving/config-domain',
      'apply Service istio-system/istio-ingressgateway',
      ...knativeWorkload,
    ]);
    expect(objectsOf(steps, 'ConfigMap')[0]!.data).toEqual({ 'ingress-class': 'istio.ingress.networking.knative.dev' });
    expect(meshLabelsOf(steps)).toEqual({ 'istio-injection': 'enabled' });
    expect(outline(steps).some((line) => line.includes('kourier'))).toBe(false);
  });
});

describe('every profile on kind', () => {
  it('loads every image a pod of the workload references into the cluster before deploying it', () => {
    for (const variant of everyVariant().filter((v) => v.label.startsWith('kind'))) {
      // The archives kind loads, and the image each holds (the last argument of its docker save).
      const archives = commandLines(variant.steps).flatMap((line) => (line.startsWith('kind load image-archive ') ? [line.split(' ')[3]!] : []));
      const saved = new Map(variant.steps.flatMap((s) => (s.type === 'command' && s.args[0] === 'save' ? [[s.args[s.args.indexOf('-o') + 1]!, s.args.at(-1)!] as const] : [])));
      const loaded = archives.map((archive) => saved.get(archive));
      const referenced = JSON.stringify(appliedObjects(variant.steps)).match(/"image":"[^"]+"/g)!.map((m) => m.slice(9, -1));
      expect(referenced.length, variant.label).toBeGreaterThan(0);
      for (const image of referenced) expect(loaded, `${variant.label}: ${image}`).toContain(image);
      const firstApply = variant.steps.findIndex((s) => s.type === 'apply' || s.type === 'apply-release');
      const lastLoad = variant.steps.findLastIndex((s) => s.type === 'command' && s.command === 'kind' && s.args[0] === 'load');
      expect(lastLoad, variant.label).toBeLessThan(firstApply);
    }
  });
});

describe('--reuse-clusters', () => {
  it('adopts the cluster with kind export kubeconfig and creates nothing', () => {
    for (const name of ['baseline', 'knative-istio', 'istio-1.4-mixer']) {
      const steps = kindSteps(profile(name), plain, true);
      expect(outline(steps)[0]).toBe(`$ kind export kubeconfig --name meshbench-${name} --kubeconfig ${kubeconfigOf(name)}`);
      expect(steps.some((s) => s.type === 'file')).toBe(false);
      expect(commandLines(steps).some((line) => line.startsWith('kind create'))).toBe(false);
      // Everything after adopting is what a fresh cluster gets.
      expect(outline(steps).slice(1)).toEqual(outline(kindSteps(profile(name), plain)).slice(2));
    }
  });
});

describe('the existing target', () => {
  it('installs nothing without --install: checks first, then only the namespace and the echo workload, ClusterIP', () => {
    for (const name of ['istio-sidecar', 'knative-istio']) {
      const steps = existingSteps(profile(name), plain, false);
      const firstChange = steps.findIndex((s) => s.type !== 'check');
      expect(steps.slice(0, firstChange).length, name).toBeGreaterThan(0);
      expect(steps.slice(firstChange).every((s) => s.type === 'apply' || s.type === 'wait')).toBe(true);
      expect(steps.some((s) => s.type === 'apply' && s.restore)).toBe(false);
      expect(appliedObjects(steps).map((o) => o.metadata.namespace ?? o.metadata.name).every((ns) => ns === `${NAMESPACE}-${name}`)).toBe(true);
    }
    const [service] = objectsOf(existingSteps(profile('baseline'), plain, false), 'Service') as (KubeObject & { spec: { type: string } })[];
    expect(service!.spec.type).toBe('ClusterIP');
  });

  it('with --install points istioctl at the given kubeconfig and context, and pulls no images', () => {
    const steps = existingSteps(profile('istio-sidecar'), plain, true, 'staging');
    expect(commandLines(steps)).toEqual([`istioctl install --skip-confirmation --set profile=default --kubeconfig ${KUBECONFIG} --context staging`]);
    expect(JSON.stringify(appliedObjects(existingSteps(profile('knative-kourier'), plain, true)))).toContain('"image":"fortio/fortio:1.69.5"');
  });
});

describe('formatSteps', () => {
  it('prints pasteable commands and full YAML without anchors or aliases', () => {
    for (const variant of everyVariant()) {
      const text = formatSteps(variant.steps);
      for (const line of commandLines(variant.steps)) expect(text, variant.label).toContain(`$ ${line}`);
      expect(text, variant.label).not.toMatch(/[&*][a-z]\d*\b/);
      expect(text.split('\n').filter((line) => /^\d+\. /.test(line))).toHaveLength(variant.steps.length);
    }
  });

  it('quotes what a shell would mangle, and shows every label of the Knative Service template', () => {
    const text = formatSteps([
      { type: 'command', title: 'odd', command: 'istioctl', args: ['--set', "values.x=a b", "it's"] },
      ...kindSteps(profile('knative-kourier'), plain).filter((s) => s.type === 'apply').slice(-1),
    ]);
    expect(text).toContain(`$ istioctl --set 'values.x=a b' 'it'\\''s'`);
    // The template repeats the Service's labels: printed in full both times, not as *alias.
    expect(text.match(/app\.kubernetes\.io\/managed-by: meshbench/g)).toHaveLength(3);
  });
});

describe('the existing target checks before it creates anything (issue 8)', () => {
  const checks = (steps: Step[]) => steps.flatMap((s) => (s.type === 'check' ? [s.check] : []));
  const needs = (over: Partial<ProfileNeeds>): ProfileNeeds => ({ coldStartServices: 0, warmBaseline: false, inClusterK6: false, hostLoad: false, ...over });

  it("requires istio-pilot (and Mixer's istio-telemetry, istio-policy) on Istio 1.4, istiod from 1.5 on", () => {
    const required = (name: string) => checks(existingSteps(profile(name), plain, false)).flatMap((c) => (c.kind === 'deployments-present' ? c.deployments.map((d) => `${d.namespace}/${d.name}`) : []));
    expect(required('istio-1.4-mixer')).toEqual(['istio-system/istio-pilot', 'istio-system/istio-telemetry', 'istio-system/istio-policy']);
    expect(required('istio-1.4-no-mixer')).toEqual(['istio-system/istio-pilot']);
    // A Mixer-off profile must not be measured where Mixer runs.
    const absent = (name: string) => checks(existingSteps(profile(name), plain, false)).flatMap((c) => (c.kind === 'deployments-absent' ? c.deployments.map((d) => d.name) : []));
    expect(absent('istio-1.4-no-mixer')).toEqual(['istio-telemetry', 'istio-policy']);
    expect(absent('istio-1.4-mixer')).toEqual([]);
    expect(absent('istio-sidecar-no-telemetry')).toEqual([]);
    expect(required('istio-sidecar')).toEqual(['istio-system/istiod']);
    expect(required('knative-istio')).toEqual(['istio-system/istiod', ...['activator', 'autoscaler', 'controller', 'webhook'].map((d) => `knative-serving/${d}`)]);
    expect(required('baseline')).toEqual([]);
  });

  it('checks config-autoscaler only when cold-start services are deployed, and config-domain only for cells sent through the ingress', () => {
    const kinds = (n: ProfileNeeds, ingressUrl?: string) =>
      checks(existingProfileSteps(profile('knative-kourier'), plain, { runId: RUN_ID, kubeconfig: KUBECONFIG, install: false, ingressUrl }, n)).map((c) => c.kind);
    expect(kinds(needs({ inClusterK6: true }))).toEqual(['deployments-present']);
    expect(kinds(needs({ hostLoad: true }), 'http://ingress')).toEqual(['deployments-present', 'knative-external-routes']);
    expect(kinds(needs({ coldStartServices: 2 }))).toEqual(['deployments-present', 'knative-zero-scale']);
    expect(kinds(needs({ coldStartServices: 2 }), 'http://ingress')).toEqual(['deployments-present', 'knative-zero-scale', 'knative-external-routes']);
    const routes = checks(existingProfileSteps(profile('knative-kourier'), plain, { runId: RUN_ID, kubeconfig: KUBECONFIG, install: false, ingressUrl: 'http://ingress' }, needs({ coldStartServices: 2, warmBaseline: true })));
    expect(routes.flatMap((c) => (c.kind === 'knative-external-routes' ? c.services.map((s) => s.name) : []))).toEqual(['cold-1', 'cold-2', 'warm-1']);
    // A Deployment profile has no Knative to check.
    expect(checks(existingProfileSteps(profile('baseline'), plain, { runId: RUN_ID, kubeconfig: KUBECONFIG, install: false, ingressUrl: 'http://ingress' }, needs({ coldStartServices: 2, hostLoad: true })))).toEqual([]);
  });

  it('with --install: no checks, and every cluster-wide apply is recorded to be restored', () => {
    const steps = existingSteps(profile('knative-istio'), plain, true);
    expect(checks(steps)).toEqual([]);
    const restored = restoredObjects(steps).map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`);
    expect(restored).toEqual(['ConfigMap knative-serving/config-network', 'ConfigMap knative-serving/config-autoscaler', 'ConfigMap knative-serving/config-domain', 'Service istio-system/istio-ingressgateway']);
    expect(restoredObjects(existingSteps(profile('istio-sidecar-no-telemetry'), plain, true)).map((o) => o.kind)).toEqual(['Telemetry']);
    // The run's own namespace and workload are not restored: they are deleted with the namespace.
    expect(steps.filter((s) => s.type === 'apply' && !s.restore).flatMap((s) => (s.type === 'apply' ? s.objects : [])).every((o) => (o.metadata.namespace ?? o.metadata.name).startsWith(NAMESPACE))).toBe(true);
    // kind's clusters are meshbench's own: nothing there is recorded.
    expect(kindSteps(profile('knative-istio'), plain).some((s) => s.type === 'apply' && s.restore)).toBe(false);
  });
});
