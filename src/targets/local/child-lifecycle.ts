// Shared by the child scripts (echo workload, proxy hop, activator): how a child tells its parent
// where it listens, and how it makes sure it never outlives that parent.
import type { Server } from 'node:http';

/**
 * Listen on 127.0.0.1 and print the one JSON line the parent waits for. `at` is the
 * process.hrtime.bigint() of the moment the socket was listening (CLOCK_MONOTONIC on Linux, the
 * same clock in every process), so the parent can place it on its own timeline.
 */
export function listenAndAnnounce(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const at = process.hrtime.bigint();
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      process.stdout.write(`${JSON.stringify({ event: 'listening', port: bound, at: String(at) })}\n`);
      resolve(bound);
    });
  });
}

/**
 * Exit when stdin closes or on SIGTERM. Parents spawn us with stdin 'pipe' and keep it open, so
 * when the parent dies in any way (even SIGKILL) the pipe closes and we follow it. SIGINT is
 * ignored: a terminal's Ctrl-C goes to the whole process group, and a child that died of it
 * first would make the cell it serves fail before meshbench could stop that cell as partial.
 */
export function exitWithParent(shutdown: () => Promise<void> | void = () => {}): void {
  let exiting = false;
  const exit = () => {
    if (exiting) return;
    exiting = true;
    Promise.resolve()
      .then(shutdown)
      .finally(() => process.exit(0));
  };
  process.stdin.on('end', exit);
  process.stdin.on('error', exit);
  process.stdin.resume();
  process.on('SIGTERM', exit);
  process.on('SIGINT', () => {});
}

/** Keep idle keep-alive connections longer than any client pool does, to avoid reuse races. */
export function tuneKeepAlive(server: Server): void {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}
