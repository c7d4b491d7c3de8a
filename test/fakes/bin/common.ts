// Shared by the fake CLIs in this folder: each call appends its argv as one JSON line to
// $FAKE_LOG, and cluster/image state lives in files under $FAKE_STATE_DIR, so a sequence of calls
// (create, get, delete) behaves like the real tool across processes.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { RESOURCE_TYPES } from '../kube-resources.ts';

export interface Call {
  tool: string;
  argv: string[];
  /** Extra facts a test may want, e.g. the kind config file's content at create time. */
  seen?: Record<string, string>;
}

export function record(tool: string, argv: string[], seen?: Record<string, string>): void {
  const log = process.env.FAKE_LOG;
  if (log) appendFileSync(log, `${JSON.stringify(seen ? { tool, argv, seen } : { tool, argv })}\n`);
}

export function readState<T>(name: string, fallback: T): T {
  const file = stateFile(name);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : fallback;
}

export function writeState(name: string, value: unknown): void {
  writeFileSync(stateFile(name), JSON.stringify(value));
}

function stateFile(name: string): string {
  return join(process.env.FAKE_STATE_DIR ?? '.', `${name}.json`);
}

/** The value after `--flag` or in `--flag=value`. */
export function flag(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index >= 0) return argv[index + 1];
  return argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}

export function fail(stderr: string, code = 1): never {
  process.stderr.write(stderr.endsWith('\n') ? stderr : `${stderr}\n`);
  process.exit(code);
}

// What the docker client prints when no daemon answers (docker 28 on a machine without one).
export const DAEMON_DOWN = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?';

export const daemonDown = (): boolean => process.env.FAKE_DOCKER_DAEMON === 'down';

/** The fake daemon's platform (FAKE_DOCKER_ARCH, uname -m style, default x86_64): kind's nodes run it too. */
export function daemonPlatform(): string {
  const arch = process.env.FAKE_DOCKER_ARCH ?? 'x86_64';
  return `linux/${({ x86_64: 'amd64', aarch64: 'arm64' } as Record<string, string>)[arch] ?? arch}`;
}

/**
 * An image archive as the fake docker writes it: per image, the platforms its index names and the
 * platforms it holds content for. A real archive of a multi-arch image saved from the containerd
 * store names every platform but holds only the pulled one's content.
 */
export interface FakeArchive {
  fakeDockerArchive: 1;
  images: { ref: string; id: string; platforms: string[]; content: string[] }[];
}

/**
 * Applies objects to the cluster a kubeconfig points at (a fake API server), by server-side apply —
 * the only apply the fake server has; real kubectl applies client-side, which ends the same here.
 */
export async function applyToCluster(kubeconfig: string, objects: ObjectRef[], fieldManager: string): Promise<void> {
  for (const object of objects) {
    const path = objectPath(object);
    const response = await clusterFetch(kubeconfig, `${path}?fieldManager=${fieldManager}&force=true`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/apply-patch+yaml' },
      body: JSON.stringify(object),
    });
    if (!response.ok) fail(`Error from server: failed to apply ${path}: ${response.status} ${await response.text()}`);
  }
}

export type ObjectRef = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };

/** The objects of one kind in every namespace that match a label selector. */
export async function listFromCluster(kubeconfig: string, apiVersion: string, kind: string, labelSelector: string): Promise<ObjectRef[]> {
  const type = typeOf(apiVersion, kind, '');
  const response = await clusterFetch(kubeconfig, `${apiVersion === 'v1' ? '/api/v1' : `/apis/${apiVersion}`}/${type.plural}?labelSelector=${encodeURIComponent(labelSelector)}`, {});
  if (!response.ok) fail(`Error from server: failed to list ${type.plural}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { items: ObjectRef[] }).items.map((item) => ({ ...item, apiVersion, kind }));
}

export async function deleteFromCluster(kubeconfig: string, object: ObjectRef): Promise<void> {
  const response = await clusterFetch(kubeconfig, objectPath(object), { method: 'DELETE' });
  if (!response.ok && response.status !== 404) fail(`Error from server: failed to delete ${objectPath(object)}: ${response.status} ${await response.text()}`);
}

function typeOf(apiVersion: string, kind: string, name: string) {
  const type = RESOURCE_TYPES.find((t) => t.groupVersion === apiVersion && t.kind === kind);
  if (!type) fail(`error: resource mapping not found for name: "${name}" kind: "${kind}"`);
  return type;
}

function objectPath(object: ObjectRef): string {
  const type = typeOf(object.apiVersion, object.kind, object.metadata.name);
  const base = object.apiVersion === 'v1' ? '/api/v1' : `/apis/${object.apiVersion}`;
  return `${base}${type.namespaced ? `/namespaces/${object.metadata.namespace ?? 'default'}` : ''}/${type.plural}/${object.metadata.name}`;
}

/** A request to the cluster a kubeconfig points at, with its token. */
function clusterFetch(kubeconfig: string, path: string, init: RequestInit): Promise<Response> {
  const config = parse(readFileSync(kubeconfig, 'utf8')) as { clusters: { cluster: { server: string } }[]; users: { user: { token?: string } }[] };
  const token = config.users[0]?.user.token;
  return fetch(`${config.clusters[0]!.cluster.server}${path}`, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), ...(token ? { authorization: `Bearer ${token}` } : {}) } });
}
