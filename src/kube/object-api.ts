// client-node's KubernetesObjectApi, extended with the requests meshbench needs that its public
// methods get wrong. They reuse its plumbing (discovery, kubeconfig auth, its own undici transport,
// ApiException on failure); only what is sent or returned differs.
// - apply and mergePatch: patch() runs built-in kinds through client-node's model serializer, which
//   silently drops fields it does not model: a CRD's openAPIV3Schema loses `default`, `enum` and
//   `x-kubernetes-preserve-unknown-fields` (seen with client-node 2.0.1). Knative's CRDs would be
//   installed subtly broken, so the manifest (or patch) is sent verbatim instead.
// - getText: relists must return plain JSON like watch events (not model classes with Dates), and
//   CoreV1Api.connectGetNodeProxyWithPath percent-encodes the slash in "metrics/resource".
import { ApiException, HttpMethod, KubeConfig, KubernetesObjectApi, PatchStrategy, type RequestContext } from '@kubernetes/client-node';
import type { KubeObject } from './objects.ts';

type ObjectRef = Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>;

export class ClusterApi extends KubernetesObjectApi {
  static forConfig(kc: KubeConfig): ClusterApi {
    const api = kc.makeApiClient(ClusterApi);
    api.setDefaultNamespace(kc);
    return api;
  }

  /** Server-side apply (PATCH application/apply-patch+yaml) with force: meshbench owns what it applies. */
  async apply(object: KubeObject, fieldManager: string): Promise<void> {
    // JSON is YAML, so the apply content type accepts it.
    await this.#patch(object, PatchStrategy.ServerSideApply, JSON.stringify(object), { fieldManager, force: 'true' });
  }

  /** JSON merge patch (RFC 7386): sent verbatim, since its nulls (delete this key) are the point. */
  async mergePatch(object: ObjectRef, patch: object): Promise<void> {
    await this.#patch(object, PatchStrategy.MergePatch, JSON.stringify(patch), {});
  }

  /** `/api/v1/namespaces/<ns>/configmaps/<name>` and the like, resolved through discovery. */
  objectPath(object: ObjectRef): Promise<string> {
    // specUriPath fills in a missing namespace, so it gets a copy rather than the caller's object.
    return this.specUriPath(structuredClone(object), 'read');
  }

  async #patch(object: ObjectRef, contentType: string, body: string, query: Record<string, string>): Promise<void> {
    const path = await this.specUriPath(structuredClone(object), 'patch');
    const request = this.configuration.baseServer.makeRequestContext(path, HttpMethod.PATCH);
    request.setHeaderParam('Accept', 'application/json');
    request.setHeaderParam('Content-Type', contentType);
    for (const [key, value] of Object.entries(query)) request.setQueryParam(key, value);
    request.setBody(body);
    await this.requestPromise(request);
  }

  /** `/api/v1/namespaces/<ns>/pods` and the like, resolved through discovery as client-node does. */
  collectionPath(apiVersion: string, kind: string, namespace?: string): Promise<string> {
    return this.specUriPath({ apiVersion, kind, metadata: { namespace } }, 'list');
  }

  /** GET a raw API path; the body as text. Non-2xx raises ApiException carrying the Status body. */
  async getText(path: string, query: Record<string, string | undefined> = {}): Promise<string> {
    const request = this.configuration.baseServer.makeRequestContext(path, HttpMethod.GET);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) request.setQueryParam(key, value);
    await this.#authenticate(request);
    const response = await this.configuration.httpApi.send(request).toPromise();
    const text = await response.body.text();
    if (response.httpStatusCode >= 200 && response.httpStatusCode <= 299) return text;
    // The body stays the Status JSON text, as client-node's own methods leave it in ApiException.body.
    throw new ApiException(response.httpStatusCode, `GET ${path} failed`, text, response.headers);
  }

  /**
   * GET a raw API path, timed: `firstByteAt` (performance.now()) is when the status line and
   * headers arrived; any status is returned, not raised (a proxy's 503 is an answer to retry on).
   */
  async getTimed(path: string, signal: AbortSignal): Promise<{ status: number; bodyBytes: number; firstByteAt: number }> {
    const request = this.configuration.baseServer.makeRequestContext(path, HttpMethod.GET);
    request.setSignal(signal);
    await this.#authenticate(request);
    const response = await this.configuration.httpApi.send(request).toPromise();
    const firstByteAt = performance.now();
    // client-node's binary() needs a node-fetch response it no longer has; text() works on every transport.
    const body = await response.body.text();
    return { status: response.httpStatusCode, bodyBytes: Buffer.byteLength(body), firstByteAt };
  }

  // The same two auth hooks requestPromise() applies.
  async #authenticate(request: RequestContext): Promise<void> {
    await this.configuration.authMethods.BearerToken?.applySecurityAuthentication(request);
    await this.configuration.authMethods.default?.applySecurityAuthentication(request);
  }
}

