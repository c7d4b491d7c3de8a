// Issue 11.9: what the CLI writes to the terminal quotes files, suites and errors from the machine.
// Error lines and progress lines show control characters as escapes; the progress line's own
// rewrite sequence (CR, erase line) is still sent on a TTY.
import { describe, expect, it } from 'vitest';
import { EnvironmentError } from '../../src/errors.ts';
import { formatError } from '../../src/cli/format-error.ts';
import { createProgress } from '../../src/cli/progress.ts';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY, columns: 200, write: (text: string) => written.push(text) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('CLI output', () => {
  it('error lines, their causes and hints show control characters as escapes', () => {
    const error = new EnvironmentError('cannot create /tmp/\x1b]0;pwned\x07', { hint: 'free space on \r ok', cause: new Error('ENOSPC \x9b2J') });
    expect(formatError(error, false)).toBe('error: cannot create /tmp/\\x1b]0;pwned\\x07\n  hint: free space on \\x0d ok\n  caused by: ENOSPC \\x9b2J');
  });

  it('progress log lines show control characters as escapes', () => {
    const { stream, written } = fakeStream(false);
    createProgress(stream).log('cell a\x1b[2K\rok');
    expect(written).toEqual(['cell a\\x1b[2K\\x0dok\n']);
  });

  it('the TTY status line is neutralised but still rewritten with its own CR and erase', () => {
    const previous = process.env.CI;
    delete process.env.CI;
    try {
      const { stream, written } = fakeStream(true);
      const progress = createProgress(stream);
      progress.status('cell 1\x07');
      progress.log('done');
      expect(written).toEqual(['cell 1\\x07', '\r\x1b[2K', 'done\n']);
    } finally {
      if (previous !== undefined) process.env.CI = previous;
    }
  });
});
