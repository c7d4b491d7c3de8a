// Stand-in for k6's `k6` module (resolved by the vitest config's aliases).
import { currentRuntime } from '../runtime.ts';

export function check(value: unknown, checks: Record<string, (value: unknown) => boolean>): boolean {
  return currentRuntime().check(checks, value);
}

export default { check };
