// What a run reports while it works; the CLI supplies the terminal implementation (src/cli/progress.ts).
import { formatDuration } from '../suite/duration.ts';

export interface Progress {
  /** A line that stays in the log. */
  log(line: string): void;
  /** Transient status (rewritten on a TTY, dropped elsewhere). */
  status(line: string): void;
  /** Clear the status line before the process prints its final output. */
  done(): void;
}

/** "cell 3/24 · 1m12s elapsed · ~2m left". */
export function progressLine(done: number, total: number, elapsedMs: number, remainingMs: number): string {
  return `cell ${done}/${total} · ${formatDuration(elapsedMs)} elapsed · ~${formatDuration(Math.max(0, remainingMs))} left`;
}
