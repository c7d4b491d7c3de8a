// Stand-in for k6's `k6/http` (resolved by the vitest config's aliases): the calls the scripts make.
import { currentRuntime, type ExpectedStatuses } from '../runtime.ts';

export function get(url: string, params?: { timeout?: string }) {
  return currentRuntime().request('GET', url, params);
}

export function expectedStatuses(...ranges: ({ min: number; max: number } | number)[]): ExpectedStatuses {
  return { ranges: ranges.map((r) => (typeof r === 'number' ? [r, r] : [r.min, r.max])) };
}

export function setResponseCallback(callback: ExpectedStatuses | null): void {
  currentRuntime().setResponseCallback(callback);
}

export default { get, expectedStatuses, setResponseCallback };
