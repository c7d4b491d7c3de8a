// A fake `istioctl` (1.28.3, or FAKE_ISTIOCTL_VERSION): `version --remote=false` prints the bare client
// version, as istioctl does when the control-plane check is suppressed. `install` (≥ 1.6) creates
// istiod in istio-system on the cluster of --kubeconfig (a fake API server) through its own client.
// 1.4's `manifest apply` shells out to `kubectl` on PATH like the real one (istio/operator@1.4.10
// pkg/kubectlcmd/client.go, pkg/manifest/installer.go): per component `kubectl apply [--kubeconfig K]
// [-n NS] --force [--prune --selector operator.istio.io/component=C] -f -`, and it fails when
// kubectl prints anything on stderr but the one warning it ignores, even if kubectl exits 0
// (cmd/mesh/manifest-common.go, manifest-apply.go).
import { spawnSync } from 'node:child_process';
import { stringify } from 'yaml';
import { applyToCluster, fail, flag, record } from './common.ts';

const VERSION = process.env.FAKE_ISTIOCTL_VERSION ?? '1.28.3';
// istioctl 1.4.10's one tolerated stderr (kubernetes/kubernetes#82154); matched as a prefix.
const IGNORED = 'Warning: kubectl apply should be used on resource created by either kubectl create --save-config or kubectl apply';
const LEGACY = /^1\.[0-4]\./.test(VERSION);
const argv = process.argv.slice(2);
record('istioctl', argv);

const istioSystem = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } };
const deployment = (name: string, app: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'istio-system', labels: { app } },
  spec: { replicas: 1, selector: { matchLabels: { app } }, template: { metadata: { labels: { app } }, spec: { containers: [{ name: 'discovery', image: `docker.io/istio/pilot:${VERSION}` }] } } },
});

if (argv[0] === 'version') {
  console.log(VERSION);
} else if (argv[0] === 'install' && !LEGACY) {
  const kubeconfig = flag(argv, '--kubeconfig') ?? fail('Error: fetch Kubernetes config file: no kubeconfig');
  await applyToCluster(kubeconfig, [istioSystem, deployment('istiod', 'istiod')], 'istio-operator');
  console.log('✔ Istio core installed ⛵️\n✔ Istiod installed 🧠\n✔ Ingress gateways installed 🛬\n✔ Installation complete');
} else if (argv[0] === 'manifest' && argv[1] === 'apply' && LEGACY) {
  manifestApply();
} else {
  fail(`Error: unknown command "${argv[0]}" for "istioctl"`, 64);
}

/** 1.4's Base component (the namespace; never pruned) and Pilot (istio-pilot, container discovery). */
function manifestApply(): void {
  const kubeconfig = flag(argv, '--kubeconfig');
  const context = flag(argv, '--context');
  const components = [
    { name: 'Base', namespace: '', objects: [istioSystem] },
    { name: 'Pilot', namespace: 'istio-system', objects: [deployment('istio-pilot', 'pilot')] },
  ];
  const details: string[] = [];
  for (const component of components) {
    console.log(`- Applying manifest for component ${component.name}...`);
    const prune = component.name === 'Base' ? [] : ['--prune', '--selector', `operator.istio.io/component=${component.name}`];
    const args = [
      'apply',
      ...(kubeconfig ? ['--kubeconfig', kubeconfig] : []),
      ...(context ? ['--context', context] : []),
      ...(component.namespace ? ['-n', component.namespace] : []),
      '--force',
      ...prune,
      '-f',
      '-',
    ];
    const kubectl = spawnSync('kubectl', args, { input: component.objects.map((o) => stringify(o)).join('---\n'), encoding: 'utf8' });
    if (kubectl.error || kubectl.status !== 0) {
      // Go's os/exec wording, as kubectlcmd's "error running kubectl: %s" wraps it.
      const why = (kubectl.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' ? 'exec: "kubectl": executable file not found in $PATH' : `exit status ${kubectl.status}`;
      console.log(`✘ Finished applying manifest for component ${component.name}.`);
      details.push(`\nComponent ${component.name} - manifest apply returned the following errors:\nError: error running kubectl: ${why}\n`);
      continue;
    }
    console.log(`✔ Finished applying manifest for component ${component.name}.`);
    const stderr = consolidate(kubectl.stderr);
    const trimmed = stderr.trim();
    if (trimmed !== '' && !trimmed.startsWith(IGNORED)) details.push(`Error detail:\n${stderr}\n${kubectl.stdout}\n`);
  }
  if (details.length > 0) {
    for (const detail of details) console.log(detail);
    console.log('\n\n✘ Errors were logged during apply operation. Please check component installation logs above.\n');
    // manifest-apply.go logAndFatalf, then os.Exit(-1).
    fail('Failed to generate and apply manifests, error: errors were logged during apply operation', 255);
  }
  console.log('\n\n✔ Installation complete\n');
}

/** pkg/util/util.go ConsolidateLog: each distinct line once, with how often it came. */
function consolidate(text: string): string {
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) if (line !== '') counts.set(line, (counts.get(line) ?? 0) + 1);
  return [...counts].map(([line, count]) => `${line} (repeated ${count} times)\n`).join('');
}
