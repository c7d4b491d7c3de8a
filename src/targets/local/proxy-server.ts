// The built-in proxy hop, run as a child process: the emulated Istio sidecar (--role sidecar) or
// Knative queue-proxy (--role queue-proxy).
//   node src/targets/local/proxy-server.ts --upstream http://127.0.0.1:P --port 0 \
//     [--delay 3ms] [--telemetry on|off] [--role sidecar|queue-proxy]
//
// --delay is the CALIBRATION KNOB: a fixed wait added to every request before it is forwarded.
// `meshbench calibrate` starts a hop with a known delay (3 ms) and checks that meshbench measures
// that much overhead, so a reader can trust the deltas it reports for real proxies.
//
// --telemetry on keeps Istio's standard metrics, like its stats filter: a request counter and
// duration and size histograms (readable
// at GET /__meshbench/proxy-stats); off does none of it. No access log either way: Istio's default
// sidecar writes none (telemetry.ts). Prints {"event":"listening","port":N} and exits when stdin
// closes or on SIGTERM.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { parseDuration } from '../../suite/duration.ts';
import { exitWithParent, listenAndAnnounce, tuneKeepAlive } from './child-lifecycle.ts';
import { forward, keepAliveAgent } from './forward.ts';
import { waitPrecisely } from './precise-wait.ts';
import { ProxyTelemetry } from './telemetry.ts';

const { values } = parseArgs({
  options: {
    upstream: { type: 'string' },
    port: { type: 'string', default: '0' },
    delay: { type: 'string', default: '0ms' },
    telemetry: { type: 'string', default: 'on' },
    role: { type: 'string', default: 'sidecar' },
  },
});

const upstream = values.upstream ? new URL(values.upstream) : undefined;
const delayMs = parseDuration(values.delay);
const role = values.role;
if (!upstream?.port || delayMs === undefined || !['on', 'off'].includes(values.telemetry) || !['sidecar', 'queue-proxy'].includes(role)) {
  process.stderr.write(`proxy: bad flags ${JSON.stringify(values)}\n`);
  process.exit(2);
}

const upstreamPort = Number(upstream.port);
const agent = keepAliveAgent();
const telemetry = values.telemetry === 'on' ? new ProxyTelemetry() : undefined;

const server = createServer(async (req, res) => {
  if (req.url === '/__meshbench/proxy-stats') {
    req.resume();
    res.writeHead(telemetry ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(telemetry?.snapshot() ?? { error: 'telemetry is off' }));
    return;
  }
  const start = performance.now();
  if (delayMs > 0) await waitPrecisely(delayMs);
  const { status, bytesReceived, bytesSent } = await forward(req, res, { port: upstreamPort, agent, hop: role });
  telemetry?.record({ method: req.method ?? '-', status, durationMs: performance.now() - start, bytesReceived, bytesSent });
});
tuneKeepAlive(server);

exitWithParent();
await listenAndAnnounce(server, Number(values.port));
