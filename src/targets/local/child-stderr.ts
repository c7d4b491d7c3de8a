// What a child that failed to start said, in brief. Node prints an uncaught error as its source
// line, a caret, the error, the stack and the error's properties; the error line is what a user
// needs in the message. The whole of it stays for --verbose (see processes.ts).

const ERROR_LINE = /^[A-Za-z]*(?:Error|Exception)(?: \[[A-Z0-9_]+\])?: /;
const STACK_FRAME = /^\s+at /;
const TAIL_LINES = 5;

export function stderrGist(stderr: string): string {
  const lines = stderr.trim().split('\n');
  const start = lines.findIndex((line) => ERROR_LINE.test(line));
  if (start >= 0) {
    const end = lines.findIndex((line, i) => i > start && (STACK_FRAME.test(line) || line.trim() === ''));
    return lines.slice(start, end < 0 ? undefined : end).join('\n');
  }
  // Not a Node error (envoy's log, a usage message): its last lines, where programs say why they stop.
  return lines.filter((line) => line.trim() !== '' && !STACK_FRAME.test(line)).slice(-TAIL_LINES).join('\n');
}
