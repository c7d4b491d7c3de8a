// One reverse-proxy step, shared by the proxy hop and the activator: stream the request to
// 127.0.0.1:<port> over a keep-alive pool, stream the answer back, pass status and headers
// through, and append this hop's name to `x-meshbench-hop` so tests can see the path taken.
import { Agent, request } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

// RFC 9110 §7.6.1: these describe one connection, never the message, so a proxy drops them.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export interface Upstream {
  port: number;
  agent: Agent;
  /** Name appended to the x-meshbench-hop response header. */
  hop: string;
  /** Path sent upstream (default: the incoming one). */
  path?: string;
  /** Extra response headers, e.g. the activator's cold-start timeline. */
  responseHeaders?: Record<string, string>;
}

export interface Forwarded {
  status: number;
  /** Request body bytes received from the client. */
  bytesReceived: number;
  /** Response body bytes sent to the client. */
  bytesSent: number;
}

export function keepAliveAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 1024, scheduling: 'lifo' });
}

function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = String(headers.connection ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && !named.includes(name)) out[name] = value;
  }
  return out;
}

/** Proxy one request; resolves when the answer is finished (or failed: status 502, or 0 when cut off). */
export function forward(req: IncomingMessage, res: ServerResponse, upstream: Upstream): Promise<Forwarded> {
  return new Promise((resolve) => {
    let bytesReceived = 0;
    let bytesSent = 0;
    let status = 0;
    const done = () => resolve({ status, bytesReceived, bytesSent });
    const upstreamReq = request({
      host: '127.0.0.1',
      port: upstream.port,
      method: req.method,
      path: upstream.path ?? req.url,
      headers: endToEnd(req.headers),
      agent: upstream.agent,
    });
    upstreamReq.on('response', (upstreamRes) => {
      const headers = { ...endToEnd(upstreamRes.headers), ...upstream.responseHeaders };
      const hops = upstreamRes.headers['x-meshbench-hop'];
      headers['x-meshbench-hop'] = hops ? `${String(hops)}, ${upstream.hop}` : upstream.hop;
      status = upstreamRes.statusCode ?? 502;
      res.writeHead(status, headers);
      upstreamRes.on('data', (chunk: Buffer) => (bytesSent += chunk.length));
      upstreamRes.pipe(res);
      upstreamRes.on('error', () => res.destroy());
    });
    upstreamReq.on('error', (error: NodeJS.ErrnoException) => {
      if (res.headersSent) {
        res.destroy();
        status = 0;
        return done();
      }
      status = 502;
      res.writeHead(502, { 'content-type': 'text/plain', 'x-meshbench-hop': upstream.hop });
      res.end(`${upstream.hop}: upstream 127.0.0.1:${upstream.port} failed: ${error.code ?? error.message}\n`);
    });
    // The client went away before the answer was complete: stop the upstream work too.
    res.on('close', () => {
      if (!res.writableFinished) {
        upstreamReq.destroy();
        status = 0;
      }
      done();
    });
    req.on('data', (chunk: Buffer) => (bytesReceived += chunk.length));
    req.pipe(upstreamReq);
  });
}
