// Turns zod issues into problems that say what was expected AND what was found, at the line of
// the offending key or value. zod's defaults ("Invalid input: expected string, received number")
// name neither the duration format nor the value; a per-parse error map rewords them.
import type { ZodType } from 'zod';
import type { $ZodIssue, $ZodRawIssue } from 'zod/v4/core';
import type { Problem } from './errors.ts';
import { durationText } from './schema.ts';
import { show } from './show.ts';
import type { YamlSource } from './source.ts';
import { problemAt } from './source.ts';

const DURATION = 'a duration with a unit, like "500ms", "30s" or "2m"';

const TYPES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping of keys to values',
  array: 'a list',
};

/** Validate a parsed YAML document against `schema`; every issue becomes a located problem. */
export function validate<T extends ZodType>(
  source: YamlSource,
  schema: T,
): { data: T['_zod']['output'] | undefined; problems: Problem[] } {
  const result = schema.safeParse(source.data, { error: phrase });
  if (result.success) return { data: result.data, problems: [] };
  return { data: undefined, problems: withoutLengthsOfWrongTypes(result.error.issues).flatMap((issue) => toProblems(source, issue)) };
}

// zod checks a string's length even when the value is a list ("expected at most 63 items" for a
// list given as a name): the wrong type is the problem there, its length is noise.
function withoutLengthsOfWrongTypes(issues: $ZodIssue[]): $ZodIssue[] {
  const wrongType = new Set(issues.filter((issue) => issue.code === 'invalid_type').map((issue) => JSON.stringify(issue.path)));
  return issues.filter((issue) => !((issue.code === 'too_big' || issue.code === 'too_small') && wrongType.has(JSON.stringify(issue.path))));
}

function toProblems(source: YamlSource, issue: $ZodIssue): Problem[] {
  switch (issue.code) {
    case 'unrecognized_keys':
      // One problem per key, each at the line of that key.
      return issue.keys.map((key) => problemAt(source, [...issue.path, key], 'key', issue.message));
    case 'invalid_format':
      // Format checks carry the schema's own wording ("a duration with a unit, …"), which the
      // error map never sees: add the found value here.
      return [
        problemAt(source, issue.path, 'value', `expected ${issue.message}; got ${show(valueAt(source.data, issue.path))}`),
      ];
    default:
      return [problemAt(source, issue.path, 'value', issue.message)];
  }
}

/** The error map: undefined falls back to zod's own message. */
function phrase(issue: $ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      // A duration field given a number (`duration: 30`) fails the string type check first.
      const expected = issue.inst === durationText ? DURATION : (TYPES[issue.expected] ?? issue.expected);
      return found(expected, issue.input);
    }
    case 'invalid_value':
      return found(oneOf(issue.values), issue.input);
    case 'invalid_union': {
      if (issue.discriminator) {
        const input = issue.input as Record<string, unknown> | undefined;
        return found(oneOf((issue.options as unknown[] | undefined) ?? []), input?.[issue.discriminator]);
      }
      const expected = issue.errors.flatMap((branch) =>
        branch[0]?.code === 'invalid_type' && branch[0].path.length === 0 ? [TYPES[branch[0].expected] ?? branch[0].expected] : [],
      );
      return expected.length ? found(expected.join(' or '), issue.input) : undefined;
    }
    case 'unrecognized_keys': {
      const shape = (issue.inst as { _zod: { def: { shape?: Record<string, unknown> } } } | undefined)?._zod.def.shape;
      return shape ? `unknown key; expected one of: ${Object.keys(shape).join(', ')}` : 'unknown key';
    }
    case 'too_small':
      return bound('at least', issue.origin, Number(issue.minimum), issue.inclusive, issue.input);
    case 'too_big':
      return bound('at most', issue.origin, Number(issue.maximum), issue.inclusive, issue.input);
    default:
      return undefined;
  }
}

function bound(side: 'at least' | 'at most', origin: string, limit: number, inclusive: boolean | undefined, input: unknown): string {
  if (origin === 'array' || origin === 'string') {
    const unit = origin === 'array' ? 'item' : 'character';
    const size = (input as { length: number }).length;
    return `expected ${side} ${limit} ${unit}${limit === 1 ? '' : 's'}; got ${size || 'none'}`;
  }
  const relation = side === 'at least' ? (inclusive ? '≥' : '>') : inclusive ? '≤' : '<';
  return found(`a number ${relation} ${limit}`, input);
}

function found(expected: string, input: unknown): string {
  return input === undefined ? `required key is missing; expected ${expected}` : `expected ${expected}; got ${show(input)}`;
}

function oneOf(values: readonly unknown[]): string {
  return values.length === 1 ? show(values[0]) : `one of ${values.map(show).join(', ')}`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const segment of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[segment];
  return value;
}
