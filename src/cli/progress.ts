// Progress for long work: one rewritten status line on a TTY, plain lines in CI and pipes.
import type { Progress } from '../run/progress.ts';
import { terminalSafe } from '../text/terminal-safe.ts';

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
