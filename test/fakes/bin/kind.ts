// A fake `kind` (v0.30.0, or FAKE_KIND_VERSION): version, get clusters, create/delete cluster, load
// docker-image / image-archive, with the real tool's stdout/stderr split and messages
// (kubernetes-sigs/kind pkg/cmd/kind/...). Clusters persist in $FAKE_STATE_DIR/kind-clusters.json,
// images loaded into a cluster's node in kind-images.json. FAKE_KIND_FAIL_ON=<subcommand> makes that
// subcommand fail; FAKE_DOCKER_DAEMON=down fails like kind does when docker cannot be reached.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DAEMON_DOWN, daemonDown, daemonPlatform, fail, flag, readState, record, writeState, type FakeArchive } from './common.ts';

const VERSION = process.env.FAKE_KIND_VERSION ?? 'v0.30.0';
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
  console.log(`kind ${VERSION} go1.24.6 linux/amd64`);
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
  loadDockerImage(argv[2]!);
} else if (verb === 'load' && noun === 'image-archive') {
  // image-archive.go: every path is stat'ed first (so "-", stdin, is not an archive), then loaded.
  const archive = argv[2]!;
  if (!existsSync(archive)) fail(`ERROR: stat ${archive}: no such file or directory`);
  if (!clusters.includes(name)) fail(`ERROR: no nodes found for cluster "${name}"`);
  importArchive(archive);
} else {
  fail(`ERROR: unknown command "${argv.join(' ')}" for "kind"`);
}

/**
 * docker-image.go: the image must be present locally (docker image inspect), then every image is
 * saved into one tar with a plain `docker save -o` — no --platform — and imported like an archive.
 */
function loadDockerImage(image: string): void {
  try {
    execFileSync('docker', ['image', 'inspect', '-f', '{{ .Id }}', image], { stdio: 'pipe' });
  } catch {
    fail(`ERROR: image: "${image}" not present locally`);
  }
  if (!clusters.includes(name)) fail(`ERROR: no nodes found for cluster "${name}"`);
  process.stderr.write(`Image: "${image}" with ID "${readState<Record<string, { id: string }>>('docker-images', {})[image]!.id}" not yet present on node "${name}-control-plane", loading...\n`);
  const dir = mkdtempSync(join(tmpdir(), 'images-tar'));
  const tar = join(dir, 'images.tar');
  try {
    try {
      execFileSync('docker', ['save', '-o', tar, image], { stdio: 'pipe' });
    } catch (error) {
      fail(`ERROR: command "docker save -o ${tar} ${image}" failed with error: exit status 1\nCommand Output: ${String((error as { stderr?: Buffer }).stderr ?? '').trim()}`);
    }
    importArchive(tar);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * nodeutils.LoadImageArchive: `ctr images import` of the archive on the node. From v0.17.0 kind
 * imports --all-platforms (PR #2957), so every platform the archive names needs its content; before,
 * only the node's own platform is imported. A missing blob fails with ctr's message, wrapped the way
 * kind's main.go prints a failed command (ERROR: …, then Command Output:).
 */
function importArchive(file: string): void {
  const archive = JSON.parse(readFileSync(file, 'utf8')) as FakeArchive;
  const allPlatforms = !/^v0\.(\d|1[0-6])\./.test(VERSION);
  const ctr = allPlatforms ? 'ctr --namespace=k8s.io images import --all-platforms --digests --snapshotter=overlayfs -' : 'ctr --namespace=k8s.io images import -';
  for (const image of archive.images) {
    const needed = allPlatforms ? image.platforms : [daemonPlatform()];
    const missing = needed.find((platform) => !image.content.includes(platform));
    if (missing !== undefined) {
      // The digest is that of the missing platform's manifest (kubernetes-sigs/kind#4066).
      const digest = createHash('sha256').update(`${image.ref} ${missing}`).digest('hex');
      fail(`ERROR: failed to load image: command "docker exec --privileged -i ${name}-control-plane ${ctr}" failed with error: exit status 1\nCommand Output: ctr: content digest sha256:${digest}: not found`);
    }
  }
  const loaded = readState<Record<string, string[]>>('kind-images', {});
  loaded[name] = [...new Set([...(loaded[name] ?? []), ...archive.images.map((image) => image.ref)])];
  writeState('kind-images', loaded);
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
