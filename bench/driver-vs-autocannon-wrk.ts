// How the builtin driver compares with autocannon and wrk on this machine,
// against one local HTTP server in its own process (so it does not share the
// drivers' event loop). Run: npm run bench   (node bench/driver-vs-autocannon-wrk.ts)
//
// (a) max throughput, closed model, same connections and duration for all three;
// (b) latency at a fixed rate: builtin open model vs autocannon --overallRate
//     (wrk has no fixed-rate mode; wrk2 has, and is used when on PATH).
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { builtinDriver } from '../src/drivers/builtin/index.ts';
import type { LoadCell } from '../src/plan/types.ts';

const CONNECTIONS = 16;
const DURATION_S = 10;
const RATE = 1000;
const BODY = Buffer.alloc(1024, 'x');
const run = promisify(execFile);

interface Row {
  tool: string;
  mode: string;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  note: string;
}

/** Child mode: a plain node:http server answering 1 KiB; prints its port. */
function serve(): void {
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/octet-stream');
    res.end(BODY);
  });
  server.listen(0, '127.0.0.1', () => console.log((server.address() as AddressInfo).port));
}

async function startServerProcess(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [import.meta.filename, 'serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const [port] = (await once(lines, 'line')) as [string];
  lines.close();
  return { child, url: `http://127.0.0.1:${port}/` };
}

function cell(model: 'open' | 'closed', durationS: number): LoadCell {
  return {
    type: 'load',
    id: `bench/${model}`,
    profile: 'local',
    experiment: 'bench',
    repetition: 1,
    estimatedMs: durationS * 1000,
    driver: 'builtin',
    model,
    arrival: 'constant',
    rate: model === 'open' ? RATE : undefined,
    connections: CONNECTIONS,
    durationMs: durationS * 1000,
    warmupMs: 0,
    timeoutMs: 10_000,
  };
}

async function builtin(url: string, model: 'open' | 'closed', durationS = DURATION_S): Promise<Row> {
  const o = await builtinDriver.run(cell(model, durationS), { url }, new AbortController().signal);
  const saturation = o.saturated ? `; SATURATED: ${o.saturationReason}` : '';
  if (!o.latency) throw new Error(`the builtin driver got no successful response from ${url} (${o.errors.total} errors)`);
  return {
    tool: 'builtin',
    mode: model === 'open' ? `open ${RATE} rps` : 'closed',
    rps: o.achievedRps,
    ...pick(o.latency),
    errors: o.errors.total,
    note: model === 'open' ? `from intended send; send lag p99 ${o.sendLag.p99.toFixed(2)} ms${saturation}` : '',
  };
}

function pick(l: { p50: number; p90: number; p99: number; max: number }) {
  return { p50: l.p50, p90: l.p90, p99: l.p99, max: l.max };
}

async function cannon(url: string, overallRate?: number, duration = DURATION_S): Promise<Row> {
  const rate = overallRate ? { overallRate } : {};
  const r = await autocannon({ url, connections: CONNECTIONS, duration, pipelining: 1, ...rate });
  return {
    tool: 'autocannon',
    mode: overallRate ? `overallRate ${overallRate}` : 'closed',
    rps: r.requests.total / r.duration,
    ...pick(r.latency),
    errors: r.errors + r.non2xx,
    note: 'latency in whole ms; from actual send' + (overallRate ? ' (+ its own CO correction)' : ''),
  };
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000 };
const toMs = (text: string): number => {
  const m = /^([\d.]+)(us|ms|s)$/.exec(text);
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : Number.NaN;
};

async function wrk(binary: string, url: string, extra: string[] = []): Promise<Row> {
  // One thread: the machine has few cores and the server needs one of them.
  const args = ['-t1', `-c${CONNECTIONS}`, `-d${DURATION_S}s`, '--latency', ...extra, url];
  const { stdout } = await run(binary, args);
  const pct = (p: string): number => toMs(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(stdout)?.[1] ?? '');
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1];
  return {
    tool: binary,
    mode: extra.length ? `rate ${RATE}` : 'closed',
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]),
    p50: pct('50'),
    p90: pct('90'),
    p99: pct('99'),
    max: toMs(/Latency\s+\S+\s+\S+\s+(\S+)/.exec(stdout)?.[1] ?? ''),
    errors: Number(errors ?? 0),
    note: `${binary} ${args.join(' ')}`,
  };
}

async function onPath(binary: string): Promise<boolean> {
  return run('which', [binary]).then(
    () => true,
    () => false,
  );
}

async function main(): Promise<void> {
  const { child, url } = await startServerProcess();
  try {
    // Prime the server's and this process's JIT; not reported.
    await builtin(url, 'closed', 1);
    await cannon(url, undefined, 1);

    const throughput = [await builtin(url, 'closed'), await cannon(url)];
    const notes: string[] = ['wrk cannot send at a fixed rate, so it only appears in (a).'];
    if (await onPath('wrk')) throughput.push(await wrk('wrk', url));
    else notes.push('wrk is not on PATH: skipped.');

    const latency = [await builtin(url, 'open'), await cannon(url, RATE)];
    if (await onPath('wrk2')) latency.push(await wrk('wrk2', url, [`-R${RATE}`]));
    else notes.push('wrk2 is not on PATH: skipped its fixed-rate run.');

    const [ours, ac, w] = throughput;
    const cpu = cpus();
    console.log(`## builtin driver vs autocannon vs wrk\n`);
    console.log(`- command: \`npm run bench\` (node bench/driver-vs-autocannon-wrk.ts)`);
    console.log(`- machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown cpu'}; node ${process.version}`);
    console.log(
      `- server: node:http in a child process on 127.0.0.1, 1 KiB body; ` +
        `${CONNECTIONS} connections, ${DURATION_S} s per run, HTTP/1.1 keep-alive, no pipelining\n`,
    );
    console.log('| run | tool | mode | achieved rps | p50 ms | p90 ms | p99 ms | max ms | errors | note |');
    console.log('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    const fmt = (n: number, digits = 2): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
    for (const [label, rows] of [['(a) throughput', throughput], ['(b) fixed rate', latency]] as const) {
      for (const r of rows) {
        const cells = [label, r.tool, r.mode, fmt(r.rps, 0), fmt(r.p50), fmt(r.p90), fmt(r.p99), fmt(r.max), r.errors, r.note];
        console.log(`| ${cells.join(' | ')} |`);
      }
    }
    console.log(`\nthroughput ratio builtin/autocannon: ${fmt(ours!.rps / ac!.rps)}`);
    if (w) console.log(`throughput ratio builtin/wrk: ${fmt(ours!.rps / w.rps)}`);
    for (const note of notes) console.log(`note: ${note}`);
  } finally {
    child.kill();
  }
}

if (process.argv[2] === 'serve') serve();
else await main();
