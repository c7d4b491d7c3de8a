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
export async function applyToCluster(kubeconfig: string, objects: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }[], fieldManager: string): Promise<void> {
  const config = parse(readFileSync(kubeconfig, 'utf8')) as { clusters: { cluster: { server: string } }[]; users: { user: { token?: string } }[] };
  const server = config.clusters[0]!.cluster.server;
  const token = config.users[0]?.user.token;
  for (const object of objects) {
    const type = RESOURCE_TYPES.find((t) => t.groupVersion === object.apiVersion && t.kind === object.kind);
    if (!type) fail(`error: resource mapping not found for name: "${object.metadata.name}" kind: "${object.kind}"`);
    const base = object.apiVersion === 'v1' ? '/api/v1' : `/apis/${object.apiVersion}`;
    const path = `${base}${type.namespaced ? `/namespaces/${object.metadata.namespace ?? 'default'}` : ''}/${type.plural}/${object.metadata.name}`;
    const response = await fetch(`${server}${path}?fieldManager=${fieldManager}&force=true`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/apply-patch+yaml', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(object),
    });
    if (!response.ok) fail(`Error from server: failed to apply ${path}: ${response.status} ${await response.text()}`);
  }
}
