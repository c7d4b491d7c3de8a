// Which ErrorCounts class a failed request belongs to. Timeouts are decided by
// our own deadline (see in-flight.ts), so the caller says whether it fired.

export type FailureClass = 'timeout' | 'connect' | 'other';

// Failing to open, or losing, the TCP connection: refused, reset, unreachable,
// name resolution, or the peer closing the socket under a request.
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

// undici's own timers (a backstop; ours normally fire first).
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

function codeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { code, cause, errors } = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') return code;
  // Happy-eyeballs connects fail with an AggregateError; wrapped errors carry a cause.
  if (Array.isArray(errors) && errors.length > 0) return codeOf(errors[0]);
  return cause === undefined ? undefined : codeOf(cause);
}

export function classifyFailure(err: unknown, deadlinePassed: boolean): FailureClass {
  if (deadlinePassed) return 'timeout';
  const code = codeOf(err);
  if (code === undefined) return 'other';
  if (TIMEOUT_CODES.has(code)) return 'timeout';
  if (CONNECT_CODES.has(code)) return 'connect';
  return 'other';
}
