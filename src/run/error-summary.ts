// An error and its causes as the one line run.json keeps ("failed to prepare profile p: … exited
// early: Error: listen EADDRINUSE …"), since the record has no room for a chain. A system error
// whose code the line already names (fs-fault.ts spells it out) is not repeated.
const MAX_DEPTH = 10;

export function errorSummary(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < MAX_DEPTH; depth++) {
    const message = current instanceof Error ? current.message : String(current);
    const code = (current as { code?: unknown }).code;
    const named = typeof code === 'string' && parts.some((part) => part.includes(`(${code})`));
    if (!named && !parts.some((part) => part.includes(message))) parts.push(message);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(': ');
}
