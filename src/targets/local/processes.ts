// Spawning and supervising the local target's child processes (and the activator's instances).
// Every child gets stdin 'pipe' that stays open until stop(): our child scripts exit on stdin
// EOF, so they die with their parent however it dies. Readiness is either the child's
// {"event":"listening"} stdout line or, for programs we do not write (envoy), an open TCP port.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { stderrGist } from './child-stderr.ts';

const STDERR_TAIL = 8 * 1024;
const KILL_AFTER_MS = 2_000;

// Safety net for children that do not watch stdin (envoy): if this process exits with children
// still running (an uncaught error, process.exit), kill them synchronously on the way out.
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const proc of live) proc.kill('SIGKILL');
});

export interface ChildSpec {
  /** Component name used in errors and samples: workload, sidecar, activator, queue-proxy. */
  name: string;
  /** Default: this Node binary (the child scripts are .ts run by type stripping). */
  command?: string;
  args: string[];
  /** Default 'announce': wait for the {"event":"listening"} line. */
  ready?: 'announce' | { tcpPort: number };
  startupTimeoutMs?: number;
  signal?: AbortSignal;
  /** Called as soon as the process exists, before it is ready (cold-start timelines, pid lists). */
  onSpawn?: (pid: number) => void;
  /** Every JSON line the child prints after it announced itself (the activator's events). */
  onEvent?: (event: Record<string, unknown>) => void;
}

export interface Child {
  readonly name: string;
  readonly pid: number;
  readonly port: number;
  /** hrtime (ns) at which the child said it was listening; undefined for TCP-probed children. */
  readonly listeningAt: bigint | undefined;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
  isRunning(): boolean;
  stderr(): string;
  /** Close stdin and SIGTERM, SIGKILL after 2 s; resolves once the process is gone. */
  stop(): Promise<void>;
}

/** A free port on 127.0.0.1 for programs that cannot listen on port 0 and tell us (envoy). */
export async function reservePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('could not reserve a port');
  return address.port;
}

function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(1_000, () => socket.destroy());
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false)); // refused: not listening yet ('close' follows)
    socket.once('close', () => resolve(false)); // after 'connect' this is a no-op
  });
}

export function startChild(spec: ChildSpec): Promise<Child> {
  const command = spec.command ?? process.execPath;
  const proc = spawn(command, spec.args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr = (stderr + text).slice(-STDERR_TAIL);
  });
  let running = proc.pid !== undefined;
  if (proc.pid !== undefined) {
    live.add(proc);
    spec.onSpawn?.(proc.pid);
  }
  const exited = new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    proc.once('error', () => resolve());
  }).then(() => {
    running = false;
    live.delete(proc);
  });
  const stderrClosed = new Promise((resolve) => proc.stderr?.once('close', resolve));
  // A child whose stdin pipe breaks on exit must not crash us with EPIPE.
  proc.stdin?.on('error', () => {});

  const child = (port: number, listeningAt: bigint | undefined): Child => ({
    name: spec.name,
    pid: proc.pid ?? -1,
    port,
    listeningAt,
    exited,
    isRunning: () => running,
    stderr: () => stderr,
    stop: () => stopProcess(proc, exited, () => running),
  });

  const ready = spec.ready ?? 'announce';
  return new Promise<Child>((resolve, reject) => {
    let settled = false;
    const timeoutMs = spec.startupTimeoutMs ?? 15_000;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onAbort);
      // Give stderr a moment to drain so the message carries the child's own words.
      void stopProcess(proc, exited, () => running)
        .then(() => Promise.race([stderrClosed, sleep(500)]))
        .then(() => {
          const tail = stderr.trim();
          const gist = stderrGist(tail);
          const error = new Error(`${spec.name} (${command} ${spec.args.join(' ')}) ${why}${gist ? `: ${gist}` : ''}`);
          // All the child said (its stack) only with --verbose, which prints stacks.
          if (tail !== gist) error.stack = `${error.stack}\n    ${spec.name} stderr:\n${tail.replace(/^/gm, '      ')}`;
          reject(error);
        });
    };
    const succeed = (port: number, at: bigint | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onAbort);
      resolve(child(port, at));
    };
    const onAbort = () => fail('start aborted');
    const timer = setTimeout(() => fail(`did not become ready within ${timeoutMs} ms`), timeoutMs);
    if (spec.signal?.aborted) return onAbort();
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    proc.once('error', (error) => fail(`could not start: ${error.message}`));
    proc.once('exit', (code, signal) => fail(`exited early (${signal ?? `code ${code}`})`));

    const lines = createInterface({ input: proc.stdout! });
    lines.on('line', (line) => {
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return; // not one of our JSON lines (envoy's own output, a stray log)
      }
      if (!settled && ready === 'announce' && event.event === 'listening') {
        succeed(Number(event.port), typeof event.at === 'string' ? BigInt(event.at) : undefined);
      } else if (settled) {
        spec.onEvent?.(event);
      }
    });
    if (ready !== 'announce') {
      void (async () => {
        while (!settled && running) {
          if (await tcpOpen(ready.tcpPort)) return succeed(ready.tcpPort, undefined);
          await sleep(50);
        }
      })();
    }
  });
}

async function stopProcess(proc: ChildProcess, exited: Promise<void>, running: () => boolean): Promise<void> {
  if (!running()) return exited;
  proc.stdin?.end();
  proc.kill('SIGTERM');
  const killer = setTimeout(() => proc.kill('SIGKILL'), KILL_AFTER_MS);
  await exited;
  clearTimeout(killer);
}
