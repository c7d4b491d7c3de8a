import { terminalSafe } from '../text/terminal-safe.ts';

/** The error and its `cause` chain, one line each, with hints; stacks only when verbose. Safe for a terminal: messages quote files and suites. */
export function formatError(error: unknown, verbose: boolean): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 10; depth++) {
    const prefix = depth === 0 ? 'error: ' : '  caused by: ';
    if (current instanceof Error) {
      lines.push(prefix + current.message);
      const hint = (current as { hint?: unknown }).hint;
      if (typeof hint === 'string') lines.push(`  hint: ${hint}`);
      if (verbose && current.stack) lines.push(current.stack.split('\n').slice(1).join('\n'));
      current = current.cause;
    } else {
      lines.push(prefix + String(current));
      current = undefined;
    }
  }
  return terminalSafe(lines.join('\n'));
}
