// One container's log as the kubelet keeps it, for the fake API server's pod log endpoint:
// - the runtime writes CRI lines `<RFC3339Nano> <stdout|stderr> <P|F> <text>`, cutting lines
//   longer than 16 KiB into partial (P) chunks (containerd internal/cri/io/logger.go,
//   MaxContainerLogLineSize 16 * 1024);
// - every 10 s (ContainerLogMonitorInterval) the kubelet renames a RUNNING container's log once it
//   is at least containerLogMaxSize (10 Mi by default, kind sets none) and the runtime reopens an
//   empty one; at most containerLogMaxFiles (5) files are kept (kubernetes
//   pkg/kubelet/logs/container_log_manager.go, pkg/kubelet/apis/config/v1beta1/defaults.go);
// - `GET .../pods/<pod>/log` reads only the current file, joining partial chunks back into lines
//   (k8s.io/cri-client pkg/logs/logs.go: "It will not retrieve logs in rotated log file").
// Time is the writer's (a fake k6 runs on a virtual clock): the monitor ticks on the timestamps.

const MAX_LINE = 16 * 1024;
const Mi = 1024 * 1024;

export interface ContainerLogPolicy {
  maxSizeBytes?: number;
  monitorIntervalMs?: number;
  maxFiles?: number;
}

export class ContainerLog {
  readonly #maxSize: number;
  readonly #interval: number;
  readonly #maxFiles: number;
  #current: string[] = [];
  #currentBytes = 0;
  #nextCheckAt: number | undefined;
  #running = true;
  /** Rotated files still on the node (not served), newest last; sizes in bytes. */
  readonly rotated: number[] = [];
  /** Bytes lost for good: rotated files beyond maxFiles. */
  discardedBytes = 0;

  constructor(policy: ContainerLogPolicy = {}) {
    this.#maxSize = policy.maxSizeBytes ?? 10 * Mi;
    this.#interval = policy.monitorIntervalMs ?? 10_000;
    this.#maxFiles = policy.maxFiles ?? 5;
  }

  /** Appends what the container wrote to one stream at `atMs` (epoch ms). */
  write(stream: 'stdout' | 'stderr', text: string, atMs: number): void {
    this.#monitor(atMs);
    const stamp = new Date(atMs).toISOString().replace('Z', '000000Z');
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    for (const line of lines) {
      for (let i = 0; i === 0 || i < line.length; i += MAX_LINE) {
        const chunk = line.slice(i, i + MAX_LINE);
        const tag = i + MAX_LINE < line.length ? 'P' : 'F';
        this.#current.push(tag === 'F' ? `${chunk}\n` : chunk);
        // On disk each chunk is a CRI line of its own: the prefix counts towards the size.
        this.#currentBytes += stamp.length + stream.length + 4 + Buffer.byteLength(chunk) + 1;
      }
    }
  }

  /** The container exited: the kubelet rotates only running containers' logs. */
  exited(): void {
    this.#running = false;
  }

  /** What the log API returns: the current file, partial chunks joined into their lines. */
  text(): string {
    return this.#current.join('');
  }

  #monitor(atMs: number): void {
    this.#nextCheckAt ??= atMs + this.#interval;
    while (this.#running && atMs >= this.#nextCheckAt) {
      if (this.#currentBytes >= this.#maxSize) this.#rotate();
      this.#nextCheckAt += this.#interval;
    }
  }

  #rotate(): void {
    this.rotated.push(this.#currentBytes);
    // removeExcessLogs keeps at most maxFiles - 2 rotated files before rotating once more.
    while (this.rotated.length > this.#maxFiles - 1) this.discardedBytes += this.rotated.shift()!;
    this.#current = [];
    this.#currentBytes = 0;
  }
}
