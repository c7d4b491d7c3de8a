// What istioctl 1.4.10's `manifest apply --set …` renders for the default profile, component by
// component (pure; istioctl.ts applies it through kubectl). From istio/operator@1.4.10, the commit
// istio/istio@1.4.10's go.mod pins:
// - `--set k=v` writes IstioControlPlane paths, values parsed by util.ParseValue (int, float, bool,
//   else string); a path the spec does not have fails with "bad path=value: k=v"
//   (cmd/mesh/manifest-common.go makeTreeFromSetList, pkg/apis/istio/v1alpha2). `values.*` is
//   checked against the Helm values struct by the real one; the fake accepts any values path.
// - A component is rendered only when its feature's `enabled` is true, or its own
//   `<feature>.components.<c>.enabled` when set (pkg/name/name.go IsComponentEnabledInSpec); the
//   third-party addons by `values.<addon>.enabled`. Disabled ones render nothing and are pruned
//   (pkg/component/component/component.go renderManifest, pkg/manifest/installer.go).
// - Feature, Deployment and container names: data/translateConfig/translateConfig-1.4.yaml and the
//   istio/installer charts it renders; Pilot, Galley, Policy and Telemetry pods also run an
//   `istio-proxy` (port 15004, the control plane's mTLS) when values.global.controlPlaneSecurityEnabled,
//   true in data/profiles/default.yaml.
// - The Helm values: the profile's, under the components' enablement written at their values roots
//   (pkg/translate/translate.go setEnablementAndNamespaces: mixer.policy.enabled = Policy enabled),
//   overlaid by `values.*` (TranslateHelmValues). Pilot's mesh config from them (istio-discovery
//   templates/configmap.yaml): mixerCheckServer with mixer.policy.enabled, mixerReportServer with
//   telemetry.enabled and telemetry.v1.enabled, disablePolicyChecks.

export type Tree = { [key: string]: unknown };

interface Component {
  name: string;
  /** The IstioControlPlane feature that switches it, and the component's key under its `components`. */
  feature?: string;
  key?: string;
  /** A third-party addon instead, switched by values.<addon>.enabled. */
  addon?: string;
  deployment: string;
  app: string;
  containers: string[];
  /** Also runs an istio-proxy when the control plane uses mTLS. */
  controlPlaneProxy?: boolean;
  /** Where setEnablementAndNamespaces writes `enabled` in the values tree. */
  valuesRoot?: string;
}

/** The default profile's components with a Deployment, in the order the fake applies them. */
const COMPONENTS: Component[] = [
  { name: 'Pilot', feature: 'trafficManagement', key: 'pilot', deployment: 'istio-pilot', app: 'pilot', containers: ['discovery'], controlPlaneProxy: true, valuesRoot: 'pilot' },
  { name: 'Policy', feature: 'policy', key: 'policy', deployment: 'istio-policy', app: 'policy', containers: ['mixer'], controlPlaneProxy: true, valuesRoot: 'mixer.policy' },
  { name: 'Telemetry', feature: 'telemetry', key: 'telemetry', deployment: 'istio-telemetry', app: 'telemetry', containers: ['mixer'], controlPlaneProxy: true, valuesRoot: 'mixer.telemetry' },
  { name: 'Galley', feature: 'configManagement', key: 'galley', deployment: 'istio-galley', app: 'galley', containers: ['galley'], controlPlaneProxy: true, valuesRoot: 'galley' },
  { name: 'Citadel', feature: 'security', key: 'citadel', deployment: 'istio-citadel', app: 'citadel', containers: ['citadel'], valuesRoot: 'security' },
  { name: 'Injector', feature: 'autoInjection', key: 'injector', deployment: 'istio-sidecar-injector', app: 'sidecarInjectorWebhook', containers: ['sidecar-injector-webhook'], valuesRoot: 'sidecarInjectorWebhook' },
  { name: 'IngressGateway', feature: 'gateways', key: 'ingressGateway', deployment: 'istio-ingressgateway', app: 'istio-ingressgateway', containers: ['istio-proxy'], valuesRoot: 'gateways.istio-ingressgateway' },
  { name: 'Prometheus', addon: 'prometheus', deployment: 'prometheus', app: 'prometheus', containers: ['prometheus'] },
];

/** The IstioControlPlane features and, per feature, its components' keys (istiocontrolplane_types.pb.go). */
const FEATURES: Record<string, string[]> = {
  trafficManagement: ['pilot'],
  policy: ['policy'],
  telemetry: ['telemetry'],
  security: ['citadel', 'certManager', 'nodeAgent'],
  configManagement: ['galley'],
  autoInjection: ['injector'],
  gateways: ['ingressGateway', 'egressGateway'],
  cni: ['cni'],
  coreDNS: ['coreDNS'],
};
const SCALARS = new Set(['defaultNamespace', 'profile', 'installPackagePath', 'hub', 'tag']);

/** data/profiles/default.yaml, the parts the fake reads. */
function defaultProfile(): Tree {
  const on = () => ({ enabled: true });
  return {
    profile: 'default',
    trafficManagement: on(), policy: on(), telemetry: on(), security: on(), configManagement: on(), autoInjection: on(), gateways: on(),
    cni: { enabled: false },
    values: {
      global: { controlPlaneSecurityEnabled: true, disablePolicyChecks: true, mtls: { enabled: false, auto: false } },
      telemetry: { enabled: true, v1: { enabled: true }, v2: { enabled: false } },
      prometheus: { enabled: true },
      mixer: { policy: { autoscaleEnabled: true }, telemetry: { autoscaleEnabled: true } },
    },
  };
}

export class BadSet extends Error {}

/** util.ParseValue. */
function parseValue(text: string): unknown {
  if (/^[+-]?\d+$/.test(text)) return Number(text);
  if (text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return text;
}

/** Whether the spec has this path (values.* accepted as is); an `enabled` must hold a bool. */
function specHas(path: string[], value: unknown): boolean {
  const [head, ...rest] = path;
  if (head === 'values' || head === 'unvalidatedValues') return rest.length > 0;
  if (SCALARS.has(head!)) return rest.length === 0;
  const components = FEATURES[head!];
  if (!components) return false;
  if (rest.length === 1 && rest[0] === 'enabled') return typeof value === 'boolean';
  if (rest[0] !== 'components' || !components.includes(rest[1] ?? '')) return false;
  if (rest.length === 3 && rest[2] === 'enabled') return typeof value === 'boolean';
  return rest.length >= 3 && ['namespace', 'k8s'].includes(rest[2]!);
}

function write(tree: Tree, path: string[], value: unknown): void {
  let node = tree;
  for (const key of path.slice(0, -1)) node = (node[key] = typeof node[key] === 'object' && node[key] !== null ? node[key] : {}) as Tree;
  node[path.at(-1)!] = value;
}

export function read(tree: Tree, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Tree | undefined)?.[key], tree);
}

/** The default profile with the --set list over it; throws BadSet like makeTreeFromSetList. */
export function mergedSpec(sets: string[]): Tree {
  const spec = defaultProfile();
  for (const set of sets) {
    const parts = set.split('=');
    if (parts.length !== 2) throw new BadSet(`bad argument ${set}: expect format key=value`);
    const value = parseValue(parts[1]!);
    if (!specHas(parts[0]!.split('.'), value)) throw new BadSet(`bad path=value: ${set}`);
    write(spec, parts[0]!.split('.'), value);
  }
  if (spec.profile !== 'default') throw new BadSet(`fake istioctl 1.4 models the default profile only, not "${String(spec.profile)}"`);
  return spec;
}

function enabled(spec: Tree, component: Component): boolean {
  if (component.addon) return read(spec, `values.${component.addon}.enabled`) === true;
  if (read(spec, `${component.feature}.enabled`) !== true) return false;
  const own = read(spec, `${component.feature}.components.${component.key}.enabled`);
  return own === undefined ? true : own === true;
}

/** The Helm values the charts see: enablement at each values root, then the spec's values over it. */
function helmValues(spec: Tree): Tree {
  const values: Tree = {};
  for (const component of COMPONENTS) if (component.valuesRoot) write(values, [...component.valuesRoot.split('.'), 'enabled'], enabled(spec, component));
  return overlay(values, read(spec, 'values') as Tree);
}

function overlay(base: Tree, top: Tree): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(top)) {
    const below = out[key];
    out[key] = value && typeof value === 'object' && below && typeof below === 'object' ? overlay(below as Tree, value as Tree) : value;
  }
  return out;
}

/** Pilot's mesh config keys that decide the sidecars' Mixer filter. */
export interface MeshMixerConfig {
  mixerCheckServer?: string;
  mixerReportServer?: string;
  disablePolicyChecks: boolean;
}

function meshConfig(values: Tree): MeshMixerConfig {
  const port = read(values, 'global.controlPlaneSecurityEnabled') === true ? 15004 : 9091;
  return {
    ...(read(values, 'mixer.policy.enabled') === true ? { mixerCheckServer: `istio-policy.istio-system.svc.cluster.local:${port}` } : {}),
    ...(read(values, 'telemetry.enabled') === true && read(values, 'telemetry.v1.enabled') === true
      ? { mixerReportServer: `istio-telemetry.istio-system.svc.cluster.local:${port}` }
      : {}),
    disablePolicyChecks: read(values, 'global.disablePolicyChecks') !== false,
  };
}

/**
 * Whether pilot gives the sidecars a Mixer filter, and what it does (istio/istio@1.4.10
 * pilot/pkg/networking/plugin/mixer/mixer.go: nothing without a check or report server; inbound
 * checks unless disablePolicyChecks).
 */
export function sidecarMixer(mesh: MeshMixerConfig): { reports: boolean; checks: boolean } {
  const filter = mesh.mixerCheckServer !== undefined || mesh.mixerReportServer !== undefined;
  return { reports: filter && mesh.mixerReportServer !== undefined, checks: filter && mesh.mixerCheckServer !== undefined && !mesh.disablePolicyChecks };
}

export interface RenderedComponent {
  name: string;
  /** Empty for a disabled component (it is pruned instead). */
  objects: Tree[];
}

const LABELS = (component: string, version: string) => ({ 'operator.istio.io/component': component, 'operator.istio.io/managed': 'Reconcile', 'operator.istio.io/version': version });

/** Every component of the default profile after the --set list, Base first; objects labelled as installer.go labels them. */
export function renderComponents(sets: string[], version: string): RenderedComponent[] {
  const spec = mergedSpec(sets);
  const values = helmValues(spec);
  const proxy = read(values, 'global.controlPlaneSecurityEnabled') === true;
  const base: RenderedComponent = { name: 'Base', objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system', labels: LABELS('Base', version) } }] };
  return [
    base,
    ...COMPONENTS.map((component): RenderedComponent => {
      if (!enabled(spec, component)) return { name: component.name, objects: [] };
      const containers = [...component.containers, ...(component.controlPlaneProxy && proxy ? ['istio-proxy'] : [])];
      const labels = { app: component.app };
      const objects: Tree[] = [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: component.deployment, namespace: 'istio-system', labels: { ...labels, ...LABELS(component.name, version) } },
          spec: {
            replicas: 1,
            selector: { matchLabels: labels },
            template: {
              metadata: { labels, annotations: { 'sidecar.istio.io/inject': 'false' } },
              spec: { containers: containers.map((name) => ({ name, image: `docker.io/istio/${name === 'istio-proxy' ? 'proxyv2' : component.app}:${version}` })) },
            },
          },
        },
      ];
      if (component.name === 'Pilot') {
        objects.push({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'istio', namespace: 'istio-system', labels: LABELS('Pilot', version) },
          data: { mesh: meshText(meshConfig(values)) },
        });
      }
      return { name: component.name, objects };
    }),
  ];
}

function meshText(mesh: MeshMixerConfig): string {
  return Object.entries(mesh).map(([key, value]) => `${key}: ${String(value)}`).join('\n');
}

/** The mesh config text back into the keys, as pilot reads the `istio` ConfigMap. */
export function parseMeshText(text: string): MeshMixerConfig {
  const entries = Object.fromEntries(text.split('\n').filter(Boolean).map((line) => line.split(': ') as [string, string]));
  return {
    ...(entries.mixerCheckServer ? { mixerCheckServer: entries.mixerCheckServer } : {}),
    ...(entries.mixerReportServer ? { mixerReportServer: entries.mixerReportServer } : {}),
    disablePolicyChecks: entries.disablePolicyChecks !== 'false',
  };
}
