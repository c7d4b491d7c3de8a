// A fake Kubernetes API server on plain HTTP at 127.0.0.1 (port 0) that serves what @kubernetes/client-node uses:
// discovery, get/list (label selectors), create, delete, server-side apply and JSON merge patch
// PATCH, chunked NDJSON watches (replayed from an event history, 410 once compacted, ended at
// `timeoutSeconds`), pod logs (rotated like the kubelet's: container-log.ts), and the node proxy to
// kubelet's /metrics/resource. Errors are real `Status` objects so client-node raises ApiException
// with the code. Options add Knative's admission webhooks (knative-webhooks.ts) and the lag before
// a new CRD is served (crd-discovery-lag.ts); tests add admission hooks of their own.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { parse as parseYaml } from 'yaml';
import { ContainerLog } from './container-log.ts';
import { crdDiscoveryLag } from './crd-discovery-lag.ts';
import { knativeWebhooks, type AdmissionRequest, type KnativeWebhookOptions } from './knative-webhooks.ts';
import { apiGroupList, apiVersions, parseResourcePath, resourceList, type ResourcePath } from './kube-resources.ts';
import { FakeKubeStore, type StoredObject } from './kube-store.ts';
import { mergePatch } from './merge-patch.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType?: string;
  authorization?: string;
  body: string;
  /** The HTTP status answered, once the response is complete (open watches have none). */
  status?: number;
}

export interface FakeKubeApiOptions {
  knativeWebhooks?: KnativeWebhookOptions;
  /** How long a newly created CRD's kind stays out of discovery and unserved (default 0). */
  crdDiscoveryLagMs?: number;
}

export interface FakeKubeApi {
  url: string;
  /** kubeconfig YAML pointing at the fake (token auth), e.g. for a `--kubeconfig` file. */
  kubeconfig: string;
  /** The same, loaded. */
  kubeConfig: KubeConfig;
  store: FakeKubeStore;
  requests: RecordedRequest[];
  /** How a watch from a compacted resourceVersion fails: the API server's in-stream ERROR event, or an HTTP 410. */
  expiredWatchAs: 'error-event' | 'http-status';
  /** What the node's kubelet serves; `path` 'metrics/resource/v1alpha1' plays a kubelet before 1.18. */
  setNodeMetrics(node: string, text: string, path?: string): void;
  /**
   * What `GET .../services/<name>:<port>/proxy/<path>` answers; without a handler, a 503 like a
   * real API server's for a Service with no ready endpoint.
   */
  setServiceProxy(handler: ServiceProxyHandler): void;
  /** The text `GET .../pods/<pod>/log` returns for that pod (404 like a missing pod until set). */
  setPodLog(namespace: string, pod: string, text: string): void;
  /** The pod's log as the kubelet keeps it (rotated at 10 Mi, only the current file served). */
  containerLog(namespace: string, pod: string): ContainerLog;
  /** A validating admission webhook: every create, apply and patch passes its result through `hook` first. */
  addAdmission(hook: AdmissionHook): void;
  activeWatches(): number;
  /** Ends every open watch: 'end' closes the stream cleanly (as the server's timeout does), 'destroy' cuts the socket. */
  dropWatches(how?: 'end' | 'destroy'): number;
  close(): Promise<void>;
}

/** A denial as the API server returns it (code, message; reason may be empty), or undefined to admit the object. */
export type AdmissionHook = (object: StoredObject) => { code: number; reason?: string; message: string } | undefined;

export type ServiceProxyHandler = (namespace: string, service: string, port: string, path: string) => { status: number; body: string } | Promise<{ status: number; body: string }>;

interface Watch {
  response: ServerResponse;
  stop: () => void;
}

export async function startFakeKubeApi(options: FakeKubeApiOptions = {}): Promise<FakeKubeApi> {
  const store = new FakeKubeStore();
  const requests: RecordedRequest[] = [];
  const nodeMetrics = new Map<string, string>();
  const podLogs = new Map<string, string | ContainerLog>();
  let serviceProxyHandler: ServiceProxyHandler | undefined;
  const watches = new Set<Watch>();
  const admissions: AdmissionHook[] = [];
  for (const name of ['default', 'kube-system']) store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, status: { phase: 'Active' } });
  const webhooks = knativeWebhooks(store, options.knativeWebhooks);
  const discoveryLag = crdDiscoveryLag(store, options.crdDiscoveryLagMs ?? 0);

  const fake = { expiredWatchAs: 'error-event' } as FakeKubeApi;

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const body = await readBody(request);
    const recorded: RecordedRequest = { method: request.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), body };
    if (request.headers['content-type']) recorded.contentType = request.headers['content-type'];
    if (request.headers.authorization) recorded.authorization = request.headers.authorization;
    requests.push(recorded);
    response.on('finish', () => void (recorded.status = response.statusCode));
    try {
      route(recorded, response);
    } catch (error) {
      sendStatus(response, 400, 'BadRequest', (error as Error).message);
    }
  });

  function route(request: RecordedRequest, response: ServerResponse): void {
    const { method, path, query } = request;
    if (method === 'GET' && path === '/api') return sendJson(response, 200, apiVersions());
    if (method === 'GET' && path === '/apis') return sendJson(response, 200, apiGroupList(discoveryLag.served));
    const discovery = /^\/(?:api\/([^/]+)|apis\/([^/]+\/[^/]+))\/?$/.exec(path);
    if (method === 'GET' && discovery) {
      const list = resourceList(discovery[1] ?? discovery[2]!, discoveryLag.served);
      return list ? sendJson(response, 200, list) : pathNotFound(response);
    }
    const target = parseResourcePath(path);
    if (!target || !discoveryLag.served(target.type)) return pathNotFound(response);
    const { type, namespace, name, subresource } = target;
    if (subresource[0] === 'proxy' && type.kind === 'Node' && method === 'GET') return nodeProxy(name!, subresource.slice(1).join('/'), response);
    if (subresource[0] === 'proxy' && type.kind === 'Service' && type.groupVersion === 'v1' && method === 'GET') {
      return void serviceProxy(namespace!, name!, subresource.slice(1).join('/'), response);
    }
    if (subresource[0] === 'log' && subresource.length === 1 && type.kind === 'Pod' && method === 'GET') return podLog(namespace!, name!, response);
    if (subresource.length > 0) return sendStatus(response, 404, 'NotFound', 'the server could not find the requested resource');

    if (method === 'GET' && name === undefined) {
      const watch = query.watch === 'true' || query.watch === '1';
      return watch ? startWatch(target, query, response) : sendList(target, query.labelSelector, response);
    }
    if (method === 'GET') {
      const found = store.get(type, namespace, name!);
      return found ? sendJson(response, 200, found) : notFound(response, target);
    }
    if (method === 'POST' && name === undefined) {
      const object = parseYaml(request.body) as StoredObject;
      if (type.namespaced) object.metadata.namespace = namespace;
      if (!namespaceExists(type.namespaced ? namespace : undefined, response)) return;
      if (store.get(type, namespace, object.metadata.name)) {
        return sendStatus(response, 409, 'AlreadyExists', `${type.plural} "${object.metadata.name}" already exists`, { name: object.metadata.name, kind: type.plural });
      }
      if (refused({ operation: 'CREATE', type, object }, response)) return;
      return sendJson(response, 201, store.put(settle(object)));
    }
    if (method === 'PATCH' && name !== undefined) {
      return request.contentType === 'application/merge-patch+json' ? jsonMergePatch(request, target, response) : serverSideApply(request, target, response);
    }
    if (method === 'DELETE' && name !== undefined) {
      const stored = store.get(type, namespace, name);
      if (stored && refused({ operation: 'DELETE', type, object: stored, oldObject: stored }, response)) return;
      const removed = store.remove(type.groupVersion, type.kind, namespace, name);
      if (!removed) return notFound(response, target);
      return sendJson(response, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, kind: type.plural, uid: removed.metadata.uid } });
    }
    sendStatus(response, 405, 'MethodNotAllowed', `${method} is not supported on ${path}`);
  }

  // Create-or-merge is all meshbench needs from server-side apply: it owns every field it applies.
  function serverSideApply(request: RecordedRequest, target: ResourcePath, response: ServerResponse): void {
    const { type, namespace, name } = target;
    if (request.contentType !== 'application/apply-patch+yaml') {
      return sendStatus(response, 415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/merge-patch+json, application/apply-patch+yaml`);
    }
    if (!request.query.fieldManager) return sendStatus(response, 400, 'BadRequest', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
    const patch = parseYaml(request.body) as StoredObject;
    if (patch.kind !== type.kind || patch.metadata?.name !== name) {
      return sendStatus(response, 400, 'BadRequest', `the name/kind of the object passed to apply does not match ${type.kind} ${name}`);
    }
    if (!namespaceExists(type.namespaced ? namespace : undefined, response)) return;
    const existing = store.get(type, namespace, name!);
    const merged = mergeApply(existing ?? {}, { ...patch, metadata: { ...patch.metadata, namespace: type.namespaced ? namespace : undefined } }) as StoredObject;
    if (refused({ operation: existing ? 'UPDATE' : 'CREATE', type, object: merged, oldObject: existing }, response)) return;
    sendJson(response, existing ? 200 : 201, store.put(settle(merged)));
  }

  // A merge patch changes an object that exists (404 otherwise); name and kind cannot change.
  // apiserver pkg/endpoints/handlers/patch.go: jsonpatch.MergePatch on the current object.
  function jsonMergePatch(request: RecordedRequest, target: ResourcePath, response: ServerResponse): void {
    const { type, namespace, name } = target;
    const existing = store.get(type, namespace, name!);
    if (!existing) return notFound(response, target);
    const patched = mergePatch(existing, JSON.parse(request.body)) as StoredObject;
    if (refused({ operation: 'UPDATE', type, object: patched, oldObject: existing }, response)) return;
    sendJson(response, 200, store.put({ ...patched, apiVersion: existing.apiVersion, kind: existing.kind, metadata: { ...patched.metadata, name: name!, namespace } }));
  }

  // Admission runs after the namespace check and before storing, as in the API server's handlers:
  // Knative's webhooks, then the tests' own hooks (not on DELETE).
  function refused(request: AdmissionRequest, response: ServerResponse): boolean {
    const refusal: { code: number; reason?: string; message: string; details?: object } | undefined =
      webhooks.admit(request) ?? (request.operation === 'DELETE' ? undefined : admissions.map((hook) => hook(request.object)).find(Boolean));
    if (refusal) sendStatus(response, refusal.code, refusal.reason ?? '', refusal.message, refusal.details);
    return refusal !== undefined;
  }

  // A real API server marks a new CRD Established within moments; the fake does it at once.
  function settle(object: StoredObject): StoredObject {
    if (object.kind === 'CustomResourceDefinition') object.status = { conditions: [{ type: 'Established', status: 'True', reason: 'InitialNamesAccepted' }] };
    return object;
  }

  function namespaceExists(namespace: string | undefined, response: ServerResponse): boolean {
    if (namespace === undefined || store.get(NAMESPACE_TYPE, undefined, namespace)) return true;
    sendStatus(response, 404, 'NotFound', `namespaces "${namespace}" not found`, { name: namespace, kind: 'namespaces' });
    return false;
  }

  function sendList({ type, namespace }: ResourcePath, labelSelector: string | undefined, response: ServerResponse): void {
    // Like the real API server, list items carry no apiVersion/kind; the list itself does.
    const items = store.list({ type, namespace, labelSelector }).map(({ apiVersion: _a, kind: _k, ...item }) => item);
    sendJson(response, 200, { apiVersion: type.groupVersion, kind: `${type.kind}List`, metadata: { resourceVersion: String(store.resourceVersion) }, items });
  }

  function startWatch({ type, namespace }: ResourcePath, query: Record<string, string>, response: ServerResponse): void {
    const from = query.resourceVersion && query.resourceVersion !== '0' ? Number(query.resourceVersion) : undefined;
    const send = (line: object) => response.write(`${JSON.stringify(line)}\n`);
    const expired = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Expired', code: 410, message: `too old resource version: ${from} (${store.resourceVersion})` };
    if (from !== undefined && fake.expiredWatchAs === 'http-status' && store.expired(from)) {
      return sendJson(response, 410, expired);
    }
    response.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    response.flushHeaders();
    const unsubscribe = store.watch({ type, namespace, labelSelector: query.labelSelector }, from, (event) => send({ type: event.type, object: event.object }));
    if (unsubscribe === 'expired') {
      send({ type: 'ERROR', object: expired });
      response.end();
      return;
    }
    // apiserver v0.34.10 pkg/endpoints/handlers/get.go: with timeoutSeconds the stream ends cleanly
    // then (watch.go ServeHTTP returns on timeoutCh, no ERROR event); without it, after a random
    // 1800–3600 s, which to a test is never.
    const timeoutSeconds = Number(query.timeoutSeconds ?? 0);
    const timer = timeoutSeconds > 0 ? setTimeout(() => endWatch(watch, 'end'), timeoutSeconds * 1000) : undefined;
    const stop = () => {
      clearTimeout(timer);
      unsubscribe();
    };
    const watch = { response, stop };
    watches.add(watch);
    response.on('close', () => {
      stop();
      watches.delete(watch);
    });
  }

  function endWatch(watch: Watch, how: 'end' | 'destroy'): void {
    // Unsubscribe now, not on 'close' (a tick later): events put right after the end must not reach it.
    watch.stop();
    watches.delete(watch);
    if (how === 'end') watch.response.end();
    else watch.response.destroy();
  }

  function nodeProxy(node: string, path: string, response: ServerResponse): void {
    const text = nodeMetrics.get(`${node} ${path}`);
    if (text === undefined) return sendStatus(response, 404, 'NotFound', `nodes "${node}" not found`, { name: node, kind: 'nodes' });
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    response.end(text);
  }

  async function serviceProxy(namespace: string, nameAndPort: string, path: string, response: ServerResponse): Promise<void> {
    const [service, port = ''] = nameAndPort.split(':') as [string, string?];
    const answer = serviceProxyHandler
      ? await serviceProxyHandler(namespace, service, port, path)
      : { status: 503, body: JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: `no endpoints available for service "${service}"`, reason: 'ServiceUnavailable', code: 503 }) };
    response.writeHead(answer.status, { 'content-type': 'text/plain' });
    response.end(answer.body);
  }

  // A real API server streams the container's current log file as text/plain.
  function podLog(namespace: string, pod: string, response: ServerResponse): void {
    const log = podLogs.get(`${namespace}/${pod}`);
    const text = log instanceof ContainerLog ? log.text() : log;
    if (text === undefined) return sendStatus(response, 404, 'NotFound', `pods "${pod}" not found`, { name: pod, kind: 'pods' });
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end(text);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // client-node 2.x refuses an http:// server unless TLS verification is off, whatever the auth.
  const kubeconfig = JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'fake', cluster: { server: url, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'fake', user: { token: 'fake-token' } }],
    contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'fake', namespace: 'default' } }],
    'current-context': 'fake',
  });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(kubeconfig);

  return Object.assign(fake, {
    url,
    kubeconfig,
    kubeConfig,
    store,
    requests,
    setNodeMetrics: (node: string, text: string, path = 'metrics/resource') => void nodeMetrics.set(`${node} ${path}`, text),
    setPodLog: (namespace: string, pod: string, text: string) => void podLogs.set(`${namespace}/${pod}`, text),
    containerLog(namespace: string, pod: string) {
      const key = `${namespace}/${pod}`;
      const existing = podLogs.get(key);
      if (existing instanceof ContainerLog) return existing;
      const log = new ContainerLog();
      podLogs.set(key, log);
      return log;
    },
    setServiceProxy: (handler: ServiceProxyHandler) => void (serviceProxyHandler = handler),
    addAdmission: (hook: AdmissionHook) => void admissions.push(hook),
    activeWatches: () => watches.size,
    dropWatches(how: 'end' | 'destroy' = 'end') {
      const count = watches.size;
      for (const watch of [...watches]) endWatch(watch, how);
      return count;
    },
    async close() {
      webhooks.stop();
      discoveryLag.stop();
      fake.dropWatches('destroy');
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

const NAMESPACE_TYPE = { groupVersion: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false };

// A path no handler serves: Go's http.NotFound at the end of kube-apiserver's delegation chain
// (apiserver pkg/util/notfoundhandler/not_found_handler.go), plain text, not a Status.
function pathNotFound(response: ServerResponse): void {
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
  response.end('404 page not found\n');
}

function notFound(response: ServerResponse, { type, name }: ResourcePath): void {
  sendStatus(response, 404, 'NotFound', `${type.plural} "${name}" not found`, { name, kind: type.plural });
}

function sendStatus(response: ServerResponse, code: number, reason: string, message: string, details?: object): void {
  sendJson(response, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code });
}

function sendJson(response: ServerResponse, code: number, body: object): void {
  response.writeHead(code, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Objects merge key by key; lists and scalars are replaced; null removes (JSON merge patch rules). */
function mergeApply(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch) || !isPlainObject(target)) return structuredClone(patch);
  const merged: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined) delete merged[key];
    else merged[key] = mergeApply(merged[key], value);
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
