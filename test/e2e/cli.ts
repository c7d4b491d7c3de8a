// Runs the real CLI entry (bin/meshbench.js) as users do, on the Node that runs the tests.
import { execa, type ResultPromise } from 'execa';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/meshbench.js', import.meta.url));

/** `detached`: in a process group of its own, which a test can signal whole, as a terminal does. */
export function meshbench(
  args: string[],
  options: { env?: Record<string, string>; detached?: boolean } = {},
): ResultPromise<{ reject: false; cwd: string; env: Record<string, string> | undefined; detached: boolean }> {
  return execa(process.execPath, [bin, ...args], { reject: false, cwd: root, env: options.env, detached: options.detached === true });
}
