// Reading client-node's errors: what the API server said, in one line, and whether sending the
// same request again shortly can succeed. client-node 2.0.1 leaves the API server's `Status` as raw
// JSON text in ApiException.body (dist/object.js processResponse, gen/http/http.js getBodyAsAny),
// and its message repeats that body JSON-escaped, which is unreadable in an error chain.
import { ApiException } from '@kubernetes/client-node';

interface Status {
  kind?: string;
  reason?: string;
  message?: string;
}

/** "HTTP 500 InternalError: Internal error occurred: failed calling webhook …", or the error's own message. */
export function apiErrorText(error: unknown): string {
  if (!(error instanceof ApiException)) return error instanceof Error ? error.message : String(error);
  const status = statusOf(error);
  const said = status?.message ?? (typeof error.body === 'string' ? error.body.trim() : '');
  // client-node prefixes discovery failures (dist/object.js resource()); keep that context.
  const discovery = /^Failed to fetch resource metadata for \S+/.exec(error.message)?.[0];
  return `${discovery ? `${discovery}: ` : ''}HTTP ${error.code}${status?.reason ? ` ${status.reason}` : ''}${said ? `: ${said}` : ''}`;
}

/**
 * Whether an apply the API server refused may be accepted if sent again in a moment — the races
 * right after an install:
 * - an admission webhook (failurePolicy Fail) that cannot be called yet: 500 "failed calling
 *   webhook" (apiserver pkg/admission/plugin/webhook/{mutating,validating}/dispatcher.go);
 * - a webhook denial: Knative validates against a config store its informer fills
 *   asynchronously (serving cmd/webhook/main.go, pkg/apis/autoscaling/annotation_validation.go),
 *   so a Service applied just after config-autoscaler changed is judged by the old config;
 * - a kind not in discovery yet: client-node's "Unrecognized API version and kind", or a 404
 *   that is not a Status — Go's "404 page not found" that the API server sends for a path no
 *   handler serves yet (apiserver pkg/util/notfoundhandler/not_found_handler.go), on discovery
 *   or on the PATCH itself; a 404 Status (e.g. namespaces "x" not found) is a real answer;
 * - throttling and overload: 429, 503, 504.
 */
export function isTransientRefusal(error: unknown): boolean {
  if (!(error instanceof ApiException)) return error instanceof Error && error.message.startsWith('Unrecognized API version and kind:');
  const status = statusOf(error);
  const message = status?.message ?? '';
  if (error.code === 404) return status === undefined;
  if (error.code === 500 && message.includes('failed calling webhook')) return true;
  if (/^admission webhook ".*" denied the request/.test(message)) return true;
  return error.code === 429 || error.code === 503 || error.code === 504;
}

function statusOf(error: ApiException<unknown>): Status | undefined {
  if (typeof error.body !== 'string') return undefined;
  try {
    const parsed = JSON.parse(error.body) as Status | null;
    return parsed?.kind === 'Status' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
