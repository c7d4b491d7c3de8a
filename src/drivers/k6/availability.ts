// Whether a local k6 can run: `k6 version` on PATH. k6 prints `k6 v1.3.0 (commit/5870e99ae8,
// go1.25.1, linux/amd64)` (cmd/version.go: "k6 v%s" of consts.FullVersion()); 0.x releases read
// `k6 v0.27.1 (2020-07-30T10:43:48+0000/v0.27.1-0-gcc26d3a3, go1.14.4, linux/amd64)`.
import { RunError, type Runner } from '../../exec/runner.ts';

export type K6Availability = { usable: true; version: string } | { usable: false; reason: string };

/** The oldest k6 that runs our TypeScript scripts directly (type stripping arrived in v0.57). */
export const MIN_K6 = [0, 57] as const;

export function parseK6Version(stdout: string): string | undefined {
  return /^k6 (v\d+\.\d+\.\d+\S*)/m.exec(stdout)?.[1];
}

function oldEnough(version: string): boolean {
  const [major = 0, minor = 0] = version.slice(1).split('.').map(Number);
  return major > MIN_K6[0] || (major === MIN_K6[0] && minor >= MIN_K6[1]);
}

export async function k6Usable(runner: Runner, signal: AbortSignal = AbortSignal.timeout(15_000)): Promise<K6Availability> {
  let stdout: string;
  try {
    ({ stdout } = await runner.run('k6', ['version'], { signal }));
  } catch (error) {
    if (!(error instanceof RunError)) throw error;
    if (error.notFound) return { usable: false, reason: 'k6 not found on PATH' };
    return { usable: false, reason: `k6 version failed: ${error.stderr.trim().split('\n')[0] || error.message}` };
  }
  const version = parseK6Version(stdout);
  if (version === undefined) return { usable: false, reason: `k6 version printed no version: ${JSON.stringify(stdout.trim().slice(0, 80))}` };
  if (!oldEnough(version)) return { usable: false, reason: `k6 ${version} cannot run TypeScript scripts; v${MIN_K6.join('.')}.0 or newer is needed` };
  return { usable: true, version };
}
