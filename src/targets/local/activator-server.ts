// Knative's activator, autoscaler and scale-to-zero in one child process:
//   node src/targets/local/activator-server.ts --port 0 --grace-period 30s \
//     --delay 0ms --size 1024 --startup-delay 0ms [--min-scale-one echo]
//
// Routing is by path prefix: /<service>/<rest> goes to service <service> as /<rest> (Knative
// routes by Host; a path keeps the load URL plain, e.g. http://127.0.0.1:P/svc-1/). A request for
// a service at zero is held while its instance starts (see scaler.ts); such a cold answer carries
// x-meshbench-timeline: {"service","received","spawned","port_open","ready","forwarded"}, each a
// process.hrtime.bigint() in ns as a decimal string. hrtime is CLOCK_MONOTONIC on Linux, one
// clock for every process on the machine, so the harness can subtract its own marks from ours.
//
// Control endpoints: GET /__meshbench/state (instances, pids, recent cold timelines),
// POST /__meshbench/scale-to-zero (all but the services held at one), POST /__meshbench/config {"gracePeriodMs": n}.
// Stdout carries {"event":"listening"} then one ProcessEvent line per instance process started or
// exited, so the parent always knows the live pids. Exits when stdin closes or on SIGTERM; its
// children exit with it (their stdin is a pipe from us).
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { parseDuration } from '../../suite/duration.ts';
import { exitWithParent, listenAndAnnounce, tuneKeepAlive } from './child-lifecycle.ts';
import { forward, keepAliveAgent } from './forward.ts';
import { Scaler } from './scaler.ts';
import { CONFIG_PATH, SCALE_TO_ZERO_PATH, STATE_PATH, TIMELINE_HEADER } from './activator-protocol.ts';
import type { ActivatorState, ColdTimeline } from './activator-protocol.ts';

const SERVICE_PATH = /^\/([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(\/[^?]*)?(\?.*)?$/;
const KEPT_TIMELINES = 1_000;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'grace-period': { type: 'string', default: '30s' },
    delay: { type: 'string', default: '0ms' },
    size: { type: 'string', default: '1024' },
    'startup-delay': { type: 'string', default: '0ms' },
    // A service held at one instance (min-scale 1), e.g. the load target; may be repeated.
    'min-scale-one': { type: 'string', multiple: true, default: [] },
  },
});
const gracePeriodMs = parseDuration(values['grace-period']);
if (gracePeriodMs === undefined) {
  process.stderr.write(`activator: bad --grace-period ${values['grace-period']}\n`);
  process.exit(2);
}

const agent = keepAliveAgent();
const scaler = new Scaler({
  gracePeriodMs,
  workload: { delay: values.delay, size: values.size, startupDelay: values['startup-delay'] },
  agent,
  emit: (event) => process.stdout.write(`${JSON.stringify(event)}\n`),
  minScaleOne: values['min-scale-one'],
});
const timelines: ColdTimeline[] = [];

async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const reply = (status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const state = (): ActivatorState => ({ gracePeriodMs: scaler.gracePeriodMs, services: scaler.state(), timelines });
  if (req.method === 'GET' && path === STATE_PATH) return reply(200, state());
  if (req.method === 'POST' && path === SCALE_TO_ZERO_PATH) {
    await scaler.scaleToZero();
    return reply(200, state());
  }
  if (req.method === 'POST' && path === CONFIG_PATH) {
    const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { gracePeriodMs?: unknown };
    if (typeof body.gracePeriodMs !== 'number' || body.gracePeriodMs < 0) return reply(400, { error: 'gracePeriodMs: a number ≥ 0' });
    scaler.setGracePeriod(body.gracePeriodMs);
    return reply(200, { gracePeriodMs: scaler.gracePeriodMs });
  }
  reply(404, { error: `no control endpoint ${req.method} ${path}` });
}

const server = createServer(async (req, res) => {
  const received = process.hrtime.bigint();
  const url = req.url ?? '/';
  if (url.startsWith('/__meshbench/')) return control(req, res, url.split('?')[0]!).catch((error: unknown) => {
    if (!res.headersSent) res.writeHead(500).end(String(error));
  });
  const match = SERVICE_PATH.exec(url);
  if (!match) {
    req.resume();
    res.writeHead(404, { 'content-type': 'text/plain' }).end('activator: route by path, /<service>/<path>\n');
    return;
  }
  const service = match[1]!;
  const path = `${match[2] ?? '/'}${match[3] ?? ''}`;
  const { instance, cold } = scaler.acquire(service);
  try {
    let port: number;
    try {
      port = await instance.ready;
    } catch (error) {
      req.resume();
      res.writeHead(503, { 'content-type': 'text/plain', 'x-meshbench-hop': 'activator' });
      res.end(`activator: ${service} failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
      return;
    }
    const forwarded = process.hrtime.bigint();
    let responseHeaders: Record<string, string> | undefined;
    if (cold) {
      const { spawned, portOpen, ready } = instance.marks;
      const timeline: ColdTimeline = {
        service,
        received: String(received),
        spawned: String(spawned),
        port_open: String(portOpen),
        ready: String(ready),
        forwarded: String(forwarded),
      };
      timelines.push(timeline);
      if (timelines.length > KEPT_TIMELINES) timelines.shift();
      responseHeaders = { [TIMELINE_HEADER]: JSON.stringify(timeline) };
    }
    await forward(req, res, { port, agent, hop: 'activator', path, responseHeaders });
  } finally {
    scaler.release(instance);
  }
});
tuneKeepAlive(server);

exitWithParent(() => scaler.scaleToZero(true));
await listenAndAnnounce(server, Number(values.port));
