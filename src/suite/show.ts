// A value found in a suite, quoted back in a problem as the user wrote it: strings quoted (so "30"
// and 30 differ) and cut to their start, collections named.
import { EXCERPT_LENGTH, excerpt } from '../text/excerpt.ts';

export function show(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value === 'string' ? excerpt(value, EXCERPT_LENGTH, JSON.stringify) : String(value);
}
