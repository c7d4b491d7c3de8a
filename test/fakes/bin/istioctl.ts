// A fake `istioctl` (1.28.3, or FAKE_ISTIOCTL_VERSION): `version --remote=false` prints the bare client
// version, as istioctl does when the control-plane check is suppressed. `install` (≥ 1.6) creates
// istiod in istio-system on the cluster of --kubeconfig (a fake API server) through its own client;
// with `--set profile=ambient` also the ztunnel and istio-cni-node DaemonSets (istio/istio@1.28.3
// manifests/profiles/ambient.yaml, manifests/charts/ztunnel, istio-cni: container istio-proxy in
// ztunnel). 1.4's `manifest apply` renders the default profile's components as the --set values
// switch them (istioctl-1.4-manifest.ts) and shells out to `kubectl` on PATH like the real one
// (istio/operator@1.4.10 pkg/kubectlcmd/client.go, pkg/manifest/installer.go): per enabled
// component `kubectl apply [--kubeconfig K] [-n NS] --force [--prune --selector
// operator.istio.io/component=C] -f -`, per disabled one `kubectl get all … -o yaml --all-namespaces
// --selector operator.istio.io/component=C` and, when that finds anything, `kubectl delete
// --selector … -f -`; it fails when kubectl prints anything on stderr but the one warning it
// ignores, even if kubectl exits 0 (cmd/mesh/manifest-common.go, manifest-apply.go).
import { spawn } from 'node:child_process';
import { stringify } from 'yaml';
import { applyToCluster, fail, flag, record } from './common.ts';
import { BadSet, renderComponents, type RenderedComponent } from './istioctl-1.4-manifest.ts';

const VERSION = process.env.FAKE_ISTIOCTL_VERSION ?? '1.28.3';
// istioctl 1.4.10's one tolerated stderr (kubernetes/kubernetes#82154); matched as a prefix.
const IGNORED = 'Warning: kubectl apply should be used on resource created by either kubectl create --save-config or kubectl apply';
const LEGACY = /^1\.[0-4]\./.test(VERSION);
const argv = process.argv.slice(2);
record('istioctl', argv);

const istioSystem = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } };
const workload = (kind: 'Deployment' | 'DaemonSet', name: string, container: string, image: string) => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name, namespace: 'istio-system', labels: { app: name } },
  spec: { ...(kind === 'Deployment' ? { replicas: 1 } : {}), selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: container, image: `docker.io/istio/${image}:${VERSION}` }] } } },
});

if (argv[0] === 'version') {
  console.log(VERSION);
} else if (argv[0] === 'install' && !LEGACY) {
  const kubeconfig = flag(argv, '--kubeconfig') ?? fail('Error: fetch Kubernetes config file: no kubeconfig');
  const ambient = sets(argv).includes('profile=ambient');
  const objects = [
    istioSystem,
    workload('Deployment', 'istiod', 'discovery', 'pilot'),
    ...(ambient ? [workload('DaemonSet', 'ztunnel', 'istio-proxy', 'ztunnel'), workload('DaemonSet', 'istio-cni-node', 'install-cni', 'install-cni')] : []),
  ];
  await applyToCluster(kubeconfig, objects, 'istio-operator');
  console.log('✔ Istio core installed ⛵️\n✔ Istiod installed 🧠\n✔ Ingress gateways installed 🛬\n✔ Installation complete');
} else if (argv[0] === 'manifest' && argv[1] === 'apply' && LEGACY) {
  await manifestApply();
} else {
  fail(`Error: unknown command "${argv[0]}" for "istioctl"`, 64);
}

/** The values of every --set flag, in order. */
function sets(args: string[]): string[] {
  return args.flatMap((arg, i) => (args[i - 1] === '--set' ? [arg] : arg.startsWith('--set=') ? [arg.slice(6)] : []));
}

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
  error?: NodeJS.ErrnoException;
}

function kubectl(args: string[], input: string): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn('kubectl', args);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', (error: NodeJS.ErrnoException) => resolve({ status: null, stdout, stderr, error }));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.on('error', () => undefined).end(input);
  });
}

/** Go's os/exec wording, as kubectlcmd's "error running kubectl: %s" wraps it. */
function failure(ran: Ran): string | undefined {
  if (ran.error?.code === 'ENOENT') return 'exec: "kubectl": executable file not found in $PATH';
  return ran.error || ran.status !== 0 ? `exit status ${ran.status}` : undefined;
}

interface Outcome {
  lines: string[];
  error?: string;
  stderr?: Ran;
}

async function manifestApply(): Promise<void> {
  const kubeconfig = flag(argv, '--kubeconfig');
  const context = flag(argv, '--context');
  let components: RenderedComponent[];
  try {
    components = renderComponents(sets(argv), VERSION);
  } catch (error) {
    if (!(error instanceof BadSet)) throw error;
    fail(`Failed to generate and apply manifests, error: failed to generate tree from the set overlay, error: ${error.message}`, 255);
  }
  const cluster = [...(kubeconfig ? ['--kubeconfig', kubeconfig] : []), ...(context ? ['--context', context] : [])];

  async function apply(component: RenderedComponent): Promise<Outcome> {
    const selector = `operator.istio.io/component=${component.name}`;
    if (component.objects.length === 0) {
      // A disabled component: whatever an earlier install left of it is deleted.
      const got = await kubectl(['get', 'all', ...cluster, '-o', 'yaml', '--all-namespaces', '--selector', selector], '');
      if (failure(got)) return { lines: [], error: failure(got), stderr: got };
      if (!/^items:\s*\n\s*-/m.test(got.stdout)) return { lines: [] };
      const deleted = await kubectl(['delete', ...cluster, '--selector', selector, '-f', '-'], got.stdout);
      const error = failure(deleted);
      const lines = [`- Pruning objects for disabled component ${component.name}...`, `${error ? '✘' : '✔'} Finished pruning objects for disabled component ${component.name}.`];
      return { lines, ...(error ? { error } : {}), stderr: deleted };
    }
    const namespace = component.name === 'Base' ? [] : ['-n', 'istio-system'];
    const prune = component.name === 'Base' ? [] : ['--prune', '--selector', selector];
    const applied = await kubectl(['apply', ...cluster, ...namespace, '--force', ...prune, '-f', '-'], component.objects.map((o) => stringify(o)).join('---\n'));
    const error = failure(applied);
    const lines = [`- Applying manifest for component ${component.name}...`, `${error ? '✘' : '✔'} Finished applying manifest for component ${component.name}.`];
    return { lines, ...(error ? { error } : {}), stderr: applied };
  }

  // installer.go applyRecursive: Base first, then every other component at once (goroutines
  // waiting on Base); the fake prints each component's lines together, in component order.
  const [base, ...rest] = components;
  const outcomes = [await apply(base!), ...(await Promise.all(rest.map(apply)))];
  const details: string[] = [];
  outcomes.forEach((outcome, i) => {
    for (const line of outcome.lines) console.log(line);
    if (outcome.error) details.push(`\nComponent ${components[i]!.name} - manifest apply returned the following errors:\nError: error running kubectl: ${outcome.error}\n`);
    // Any kubectl stderr but the ignored warning is an error, whatever kubectl's exit status
    // (manifest-common.go checks it for failed components too).
    const stderr = outcome.stderr ? consolidate(outcome.stderr.stderr) : '';
    if (stderr.trim() !== '' && !stderr.trim().startsWith(IGNORED)) details.push(`Error detail:\n${stderr}\n${outcome.stderr!.stdout}\n`);
  });
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
