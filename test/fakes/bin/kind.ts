// A fake `kind` (v0.30.0): version, get clusters, create/delete cluster, load docker-image, with
// the real tool's stdout/stderr split and messages (kubernetes-sigs/kind pkg/cmd/kind/...).
// Clusters persist in $FAKE_STATE_DIR/kind-clusters.json. FAKE_KIND_FAIL_ON=<subcommand> makes that
// subcommand fail; FAKE_DOCKER_DAEMON=down fails like kind does when docker cannot be reached.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DAEMON_DOWN, daemonDown, fail, flag, readState, record, writeState } from './common.ts';

const argv = process.argv.slice(2);
const [verb, noun] = argv;
const clusters = readState<string[]>('kind-clusters', []);
const name = flag(argv, '--name') ?? 'kind';
const config = flag(argv, '--config');
record('kind', argv, verb === 'create' && config && existsSync(config) ? { config: readFileSync(config, 'utf8') } : undefined);

if (process.env.FAKE_KIND_FAIL_ON === verb) {
  // A failure midway, as when kubeadm cannot bring the control plane up.
  if (verb === 'create') {
    fail(`Creating cluster "${name}" ...\n ✓ Ensuring node image (kindest/node:v1.34.0) 🖼\n ✓ Preparing nodes 📦\n ✗ Starting control-plane 🕹️\nERROR: failed to create cluster: failed to init node with kubeadm: command "docker exec --privileged ${name}-control-plane kubeadm init --config=/kind/kubeadm.conf --skip-token-print --v=6" failed with error: exit status 1`);
  }
  fail(`ERROR: failed to ${[verb, noun].filter(Boolean).join(' ')}: exit status 1 (FAKE_KIND_FAIL_ON=${verb})`);
}

if (verb === 'version') {
  console.log(`kind ${process.env.FAKE_KIND_VERSION ?? 'v0.30.0'} go1.24.6 linux/amd64`);
} else if (verb === 'get' && noun === 'clusters') {
  if (daemonDown()) {
    fail(`ERROR: failed to list clusters: command "docker ps -a --filter label=io.x-k8s.kind.cluster --format '{{.Label "io.x-k8s.kind.cluster"}}'" failed with error: exit status 1\nCommand Output: ${DAEMON_DOWN}`);
  }
  // kind logs the empty case to stderr; names go to stdout, sorted.
  if (clusters.length === 0) process.stderr.write('No kind clusters found.\n');
  for (const cluster of [...clusters].sort()) console.log(cluster);
} else if (verb === 'create' && noun === 'cluster') {
  if (daemonDown()) {
    fail(`ERROR: failed to create cluster: failed to list nodes: command "docker ps -a --filter label=io.x-k8s.kind.cluster=${name} --format '{{.Names}}'" failed with error: exit status 1\nCommand Output: ${DAEMON_DOWN}`);
  }
  if (clusters.includes(name)) fail(`ERROR: failed to create cluster: node(s) already exist for a cluster with the name "${name}"`);
  if (config && !existsSync(config)) fail(`ERROR: failed to create cluster: error reading file: open ${config}: no such file or directory`);
  writeKubeconfig(flag(argv, '--kubeconfig'));
  writeState('kind-clusters', [...clusters, name]);
  const image = flag(argv, '--image') ?? 'kindest/node:v1.34.0';
  process.stderr.write(
    `Creating cluster "${name}" ...\n ✓ Ensuring node image (${image.split('@')[0]}) 🖼\n ✓ Preparing nodes 📦\n ✓ Writing configuration 📜\n ✓ Starting control-plane 🕹️\n ✓ Installing CNI 🔌\n ✓ Installing StorageClass 💾\n ✓ Waiting ≤ 5m0s for control-plane = Ready ⏳\n • Ready after 15s 💚\nSet kubectl context to "kind-${name}"\n`,
  );
} else if (verb === 'export' && noun === 'kubeconfig') {
  if (!clusters.includes(name)) fail(`ERROR: failed to export kubeconfig: could not locate any control plane nodes for cluster named '${name}'`);
  writeKubeconfig(flag(argv, '--kubeconfig'));
  process.stderr.write(`Set kubectl context to "kind-${name}"\n`);
} else if (verb === 'delete' && noun === 'cluster') {
  // Deleting a cluster that does not exist succeeds: kind finds no nodes and deletes none.
  process.stderr.write(`Deleting cluster "${name}" ...\n`);
  if (clusters.includes(name) && daemonDown()) fail(`ERROR: failed to delete cluster "${name}": ${DAEMON_DOWN}`);
  writeState('kind-clusters', clusters.filter((cluster) => cluster !== name));
} else if (verb === 'load' && noun === 'docker-image') {
  const image = argv[2];
  if (!clusters.includes(name)) fail(`ERROR: no nodes found for cluster "${name}"`);
  process.stderr.write(`Image: "${image}" with ID "sha256:5030e7c37d6d2958c32e056dc5b1941048140047c04a7fb6a9a3aa2ab1bc73ef" not yet present on node "${name}-control-plane", loading...\n`);
} else {
  fail(`ERROR: unknown command "${argv.join(' ')}" for "kind"`);
}

/**
 * The kubeconfig kind writes for the cluster. With FAKE_KUBECONFIG (a file) it is that one — a fake
 * API server's — so a whole run can talk to "the cluster" it just created.
 */
function writeKubeconfig(path: string | undefined): void {
  if (!path) return;
  const source = process.env.FAKE_KUBECONFIG;
  writeFileSync(
    path,
    source
      ? readFileSync(source, 'utf8')
      : `apiVersion: v1\nkind: Config\ncurrent-context: kind-${name}\nclusters:\n- name: kind-${name}\n  cluster:\n    server: https://127.0.0.1:6443\ncontexts:\n- name: kind-${name}\n  context:\n    cluster: kind-${name}\n    user: kind-${name}\nusers:\n- name: kind-${name}\n  user: {}\n`,
  );
}
