import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.ts';
import { parseLabels } from '../../src/history/labels.ts';

describe('--label', () => {
  it('takes key=value, the value as given (it may hold "=")', () => {
    expect(parseLabels(['sha=1a2b3c', 'istio=1.28.3', 'note=a=b c', 'ci/job=nightly'])).toEqual({ sha: '1a2b3c', istio: '1.28.3', note: 'a=b c', 'ci/job': 'nightly' });
    expect(parseLabels([])).toEqual({});
  });

  it.each([
    ['sha', /--label "sha": expected key=value/],
    ['=abc', /expected a key of letters/],
    ['-x=1', /expected a key of letters/],
    ['sha=', /the value after "=" is empty/],
    [`v=${'x'.repeat(257)}`, /longer than 256 characters/],
  ])('refuses %j as bad input', (label, message) => {
    expect(() => parseLabels([label])).toThrow(UsageError);
    expect(() => parseLabels([label])).toThrow(message);
  });

  it('refuses a key given twice', () => {
    expect(() => parseLabels(['sha=1', 'sha=2'])).toThrow(/sha is given twice/);
  });
});
