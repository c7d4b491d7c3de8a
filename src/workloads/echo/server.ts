// The echo workload, run as a child process:
//   node src/workloads/echo/server.ts --port 0 --delay 0ms --size 1024 --startup-delay 300ms
// It waits --startup-delay before listening (cold-start emulation), prints
// {"event":"listening","port":N,"at":"<hrtime ns>"} and answers like fortio's echo server:
// `?delay=` and `?size=` override the defaults; a request with a body and no `?size=` gets its
// body echoed back. GET /healthz is the readiness endpoint. Exits when stdin closes or on SIGTERM.
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { parseDuration } from '../../suite/duration.ts';
import { exitWithParent, listenAndAnnounce, tuneKeepAlive } from '../../targets/local/child-lifecycle.ts';
import { requestOptions } from './options.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    delay: { type: 'string', default: '0ms' },
    size: { type: 'string', default: '1024' },
    'startup-delay': { type: 'string', default: '0ms' },
  },
});

const port = Number(values.port);
const delayMs = parseDuration(values.delay);
const defaultSize = Number(values.size);
const startupDelayMs = parseDuration(values['startup-delay']);
if (!Number.isInteger(port) || delayMs === undefined || !Number.isInteger(defaultSize) || startupDelayMs === undefined) {
  process.stderr.write(`echo: bad flags ${JSON.stringify(values)}\n`);
  process.exit(2);
}

// Bodies are slices of one buffer, so serving 1 KiB a thousand times a second allocates nothing.
let payload = Buffer.alloc(defaultSize, 'x');
function body(size: number): Buffer {
  if (size > payload.length) payload = Buffer.alloc(size, 'x');
  return payload.subarray(0, size);
}

const server = createServer(async (req, res) => {
  res.setHeader('x-meshbench-hop', 'workload');
  const url = new URL(req.url ?? '/', 'http://workload');
  if (url.pathname === '/healthz') {
    req.resume();
    res.end('ok');
    return;
  }
  const options = requestOptions(url.searchParams, { delayMs });
  if (typeof options === 'string') {
    req.resume();
    res.writeHead(400, { 'content-type': 'text/plain' }).end(`${options}\n`);
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (options.delayMs > 0) await sleep(options.delayMs);
  const echoed = options.size === undefined && chunks.length > 0 ? Buffer.concat(chunks) : undefined;
  const out = echoed ?? body(options.size ?? defaultSize);
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': out.length });
  res.end(out);
});
tuneKeepAlive(server);

exitWithParent();
if (startupDelayMs > 0) await sleep(startupDelayMs);
await listenAndAnnounce(server, port);
