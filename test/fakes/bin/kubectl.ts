// A fake `kubectl` (v1.34.0, or FAKE_KUBECTL_VERSION=v1.17.17): `version --client` in the format of
// that release, and `apply -f -` of the manifest on stdin to the cluster of --kubeconfig (a fake
// API server). From 1.26 on, `apply --prune` always logs a deprecation warning to stderr (klog)
// even though it succeeds — what breaks istioctl 1.4 (kubernetes/kubectl
// pkg/util/prune/prune.go@kubernetes-1.26.0; absent at kubernetes-1.25.0). Also what istioctl 1.4
// runs to prune a disabled component (istio/operator@1.4.10 pkg/manifest/installer.go):
// `get all -o yaml --all-namespaces --selector L` (a List of the "all" category's kinds the fake
// server has) and `delete --selector L -f -` of that List.
import { readFileSync } from 'node:fs';
import { parseAllDocuments, stringify } from 'yaml';
import { applyToCluster, deleteFromCluster, fail, flag, listFromCluster, record, type ObjectRef } from './common.ts';

const VERSION = process.env.FAKE_KUBECTL_VERSION ?? 'v1.34.0';
const MINOR = Number(/^v1\.(\d+)\./.exec(VERSION)?.[1] ?? 0);
const argv = process.argv.slice(2);
record('kubectl', argv);

// The "all" category, as each resource's REST storage declares it (kubernetes
// pkg/registry/core/pod/storage/storage.go, core/service/storage, apps/deployment/storage,
// apps/daemonset/storage, batch/job/storage: Categories() → ["all"]; ReplicaSets, StatefulSets,
// CronJobs and HPAs too), of the kinds the fake API server serves.
const ALL = [['v1', 'Pod'], ['v1', 'Service'], ['apps/v1', 'DaemonSet'], ['apps/v1', 'Deployment'], ['batch/v1', 'Job']] as const;

if (argv[0] === 'version' && argv.includes('--client')) {
  version();
} else if (argv[0] === 'apply' && flag(argv, '-f') === '-') {
  await apply();
} else if (argv[0] === 'get' && argv[1] === 'all' && flag(argv, '-o') === 'yaml' && argv.includes('--all-namespaces') && flag(argv, '--selector')) {
  await getAll(flag(argv, '--selector')!);
} else if (argv[0] === 'delete' && flag(argv, '-f') === '-' && flag(argv, '--selector')) {
  await deleteListed(flag(argv, '--selector')!);
} else {
  fail(`fake kubectl: unsupported: ${argv.join(' ')}`);
}

/** kubectl pkg/cmd/version/version.go: the Go struct before 1.28 (with a deprecation WARNING from 1.24), the bare version after. */
function version(): void {
  const kustomize = MINOR >= 24 ? `\nKustomize Version: ${MINOR >= 28 ? 'v5.7.1' : 'v4.5.7'}` : '';
  if (MINOR >= 28) {
    console.log(`Client Version: ${VERSION}${kustomize}`);
    return;
  }
  if (MINOR >= 24) process.stderr.write('WARNING: This version information is deprecated and will be replaced with the output from kubectl version --short.  Use --output=yaml|json to get the full version.\n');
  console.log(`Client Version: version.Info{Major:"1", Minor:"${MINOR}", GitVersion:"${VERSION}", GitCommit:"f3abc15296f3a3f54e4ee42e830c61047b13895f", GitTreeState:"clean", BuildDate:"2021-01-13T13:21:12Z", GoVersion:"go1.13.15", Compiler:"gc", Platform:"linux/amd64"}${kustomize}`);
}

async function apply(): Promise<void> {
  const kubeconfig = flag(argv, '--kubeconfig') ?? fail('error: fake kubectl needs --kubeconfig');
  const namespace = flag(argv, '-n');
  const objects = parseAllDocuments(readFileSync(0, 'utf8'))
    .map((doc) => doc.toJS() as { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } } | null)
    .filter((object) => object !== null)
    .map((object) => ({ ...object, metadata: { ...object.metadata, ...(namespace && object.kind !== 'Namespace' ? { namespace: object.metadata.namespace ?? namespace } : {}) } }));
  if (argv.includes('--prune') && MINOR >= 26) {
    process.stderr.write('W0301 10:00:00.000000   41234 prune.go:71] Deprecated: kubectl apply will no longer prune non-namespaced resources by default when used with the --namespace flag in a future release. To preserve the current behaviour, list the resources you want to target explicitly in the --prune-allowlist flag.\n');
  }
  await applyToCluster(kubeconfig, objects, 'kubectl-client-side-apply');
  for (const object of objects) console.log(`${object.kind.toLowerCase()}${object.apiVersion.includes('/') ? `.${object.apiVersion.split('/')[0]}` : ''}/${object.metadata.name} created`);
}

async function getAll(selector: string): Promise<void> {
  const kubeconfig = flag(argv, '--kubeconfig') ?? fail('error: fake kubectl needs --kubeconfig');
  const items: ObjectRef[] = [];
  for (const [apiVersion, kind] of ALL) items.push(...(await listFromCluster(kubeconfig, apiVersion, kind, selector)));
  process.stdout.write(stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '', selfLink: '' } }));
}

async function deleteListed(selector: string): Promise<void> {
  const kubeconfig = flag(argv, '--kubeconfig') ?? fail('error: fake kubectl needs --kubeconfig');
  const [key, value] = selector.split('=') as [string, string];
  const list = parseAllDocuments(readFileSync(0, 'utf8')).flatMap((doc) => ((doc.toJS() as { items?: (ObjectRef & { metadata: { labels?: Record<string, string> } })[] } | null)?.items ?? []));
  for (const object of list.filter((item) => item.metadata.labels?.[key] === value)) {
    await deleteFromCluster(kubeconfig, object);
    console.log(`${object.kind.toLowerCase()}${object.apiVersion.includes('/') ? `.${object.apiVersion.split('/')[0]}` : ''} "${object.metadata.name}" deleted`);
  }
}
