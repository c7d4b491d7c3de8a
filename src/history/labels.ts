// `--label key=value`: what a run is known by in the history besides its suite and time (a git
// SHA, an Istio build). Pure.
import { UsageError } from '../errors.ts';

const KEY = /^[A-Za-z0-9][A-Za-z0-9_.\/-]{0,63}$/;
const VALUE_LENGTH = 256;

/** Every `--label` given, in order; each must be key=value, keys unique. */
export function parseLabels(given: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const label of given) {
    const equals = label.indexOf('=');
    const shown = JSON.stringify(label);
    if (equals < 0) throw new UsageError(`--label ${shown}: expected key=value`);
    const key = label.slice(0, equals);
    const value = label.slice(equals + 1);
    if (!KEY.test(key)) throw new UsageError(`--label ${shown}: expected a key of letters, digits and _ . / - (at most 64, starting with a letter or digit) before "="`);
    if (value === '') throw new UsageError(`--label ${shown}: the value after "=" is empty`);
    if (value.length > VALUE_LENGTH) throw new UsageError(`--label ${shown}: the value is longer than ${VALUE_LENGTH} characters`);
    if (Object.hasOwn(labels, key)) throw new UsageError(`--label ${shown}: ${key} is given twice`);
    labels[key] = value;
  }
  return labels;
}
