// Progress for long work: one rewritten status line on a TTY, plain lines in CI and pipes.
import { formatDuration } from '../suite/duration.ts';
import { terminalSafe } from '../text/terminal-safe.ts';

export interface Progress {
  /** A line that stays in the log. */
  log(line: string): void;
  /** Transient status (rewritten on a TTY, dropped elsewhere). */
  status(line: string): void;
  /** Clear the status line before the process prints its final output. */
  done(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const live = stream.isTTY === true && !process.env.CI;
  let shown = false;
  const clear = () => {
    if (shown) stream.write('\r\x1b[2K');
    shown = false;
  };
  return {
    // Lines quote names and errors from the suite and the machine: control characters neutralised.
    log(line) {
      clear();
      stream.write(`${terminalSafe(line)}\n`);
    },
    status(text) {
      if (!live) return;
      const line = terminalSafe(text);
      const width = Math.max(20, (stream.columns ?? 100) - 1);
      clear();
      stream.write(line.length > width ? `${line.slice(0, width - 1)}…` : line);
      shown = true;
    },
    done: clear,
  };
}

/** "cell 3/24 · 1m12s elapsed · ~2m left". */
export function progressLine(done: number, total: number, elapsedMs: number, remainingMs: number): string {
  return `cell ${done}/${total} · ${formatDuration(elapsedMs)} elapsed · ~${formatDuration(Math.max(0, remainingMs))} left`;
}
