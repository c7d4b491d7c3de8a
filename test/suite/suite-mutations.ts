// Test helper: seeded mutations of real suites and profiles, as a hostile or careless user would
// write them — aliases, billion laughs, huge numbers and durations, control characters, long
// strings, wrong types, null keys, deep nesting, broken YAML. Hand-written rather than fast-check:
// the mutations are edits of YAML text and of parsed values that need no shrinking (each input is
// a known suite plus one to three edits), and the seed and index name every input.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { seededRandom } from '../../src/seeded-random.ts';
import { tinySuite } from '../e2e/suites.ts';

export interface Mutant {
  /** The suite file's text. */
  suite: string;
  /** A profile file replaced for this input (its name is its file name), if any. */
  profile?: { name: string; text: string };
  /** The edits made, for a failure message. */
  edits: string[];
}

const PROFILES_DIR = 'clusters/profiles';

export const SEED_SUITES: string[] = [
  ...readdirSync('scenarios').map((file) => readFileSync(join('scenarios', file), 'utf8')),
  readFileSync('test/fixtures/suites/inline-profile.yaml', 'utf8'),
  tinySuite({ duration: '1s' }),
  tinySuite({ duration: '2s', repetitions: 4 }),
];

export const SEED_PROFILES: Record<string, string> = Object.fromEntries(
  readdirSync(PROFILES_DIR).map((file) => [file.replace(/\.yaml$/, ''), readFileSync(join(PROFILES_DIR, file), 'utf8')]),
);

type Random = () => number;

const CONTROL = ['\\e', '\\a', '\\r', '\\0', '\\x9b', '\\x7f', '\\u202e', '\\e]0;pwned\\a', '\\e[2K\\rok'];

/** Scalars as written in YAML: huge, tiny, non-finite, wrong type, aliases, tags, control characters. */
function nastyValue(random: Random): string {
  const values = [
    '*nope', '*a', '&a 1', '1000000000', '1e9', '1e12', '1e400', '-1', '0', '0.5', '-0', '99999999999999999999999999',
    '.inf', '-.inf', '.nan', '0x7fffffff', '0o777', '597h', '596h', '0ms', '0s', '1e400s', `${'9'.repeat(400)}ms`, '-1s',
    '24h', '1h', '1.5', '[]', '{}', '[[[]]]', 'null', '~', '', 'true', 'no', '"str"', "'30'", '30', '!!binary aGVsbG8=',
    '!!str 5', '!foo bar', '!!float 1', '2001-12-14', '|\n  block', '>-\n  folded', '"a\\tb"', 'x'.repeat(200),
    `"${'y'.repeat(5_000)}"`, `[${Array(50).fill('1').join(', ')}]`, '{ a: 1, b: [2, 3] }', '"kind"', 'Suite', 'Profile',
  ];
  if (random() < 0.25) return `"${pick(random, CONTROL)}${pick(random, ['x', '', 'ok'])}"`;
  return pick(random, values);
}

function nastyKey(random: Random): string {
  const keys = ['null', '~', '""', "''", '<<', '__proto__', 'constructor', 'toString', '"a.b"', '1', 'true', 'repetiton', 'k'.repeat(300), '? x', '[1, 2]', '{a: 1}', '*a', '&k key'];
  if (random() < 0.25) return `"${pick(random, CONTROL)}key"`;
  return pick(random, keys);
}

/** A bounded billion laughs: `depth` levels of `width` aliases to the level below. */
function laughs(random: Random): string {
  const depth = int(random, 2, 9);
  const width = int(random, 2, 10);
  const lines = [`l0: &l0 [${Array(width).fill('lol').join(', ')}]`];
  for (let level = 1; level < depth; level++) lines.push(`l${level}: &l${level} [${Array(width).fill(`*l${level - 1}`).join(', ')}]`);
  return lines.join('\n');
}

function deepNesting(random: Random): string {
  const depth = int(random, 10, 3_000);
  return random() < 0.5 ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
}

const PALETTE = ['&', '*', '[', ']', '{', '}', ':', ',', '-', '?', '!', '|', '>', "'", '"', '#', '%', '@', '`', '\\', '\t', '\n', ' ', '\r', '\x1b', '\x07', '\u202e', '\u0085', '\ufeff', 'é', '😀', '0', 'a'];

type TextEdit = (lines: string[], random: Random) => string;

const TEXT_EDITS: Record<string, TextEdit> = {
  'replace a value': (lines, random) => {
    const index = lineWithValue(lines, random);
    if (index !== undefined) lines[index] = lines[index]!.replace(/^(\s*(?:- )?[^:#]+:\s+).*$/, `$1${nastyValue(random)}`);
    return lines.join('\n');
  },
  'insert a key': (lines, random) => {
    const at = int(random, 0, lines.length);
    const indent = /^\s*/.exec(lines[Math.min(at, lines.length - 1)] ?? '')![0];
    lines.splice(at, 0, `${indent}${nastyKey(random)}: ${nastyValue(random)}`);
    return lines.join('\n');
  },
  'insert a null key': (lines, random) => {
    lines.splice(int(random, 0, lines.length), 0, pick(random, ['null: 1', '~: x', '? : y', '?\n: z', '"": 0']));
    return lines.join('\n');
  },
  'delete a line': (lines, random) => {
    lines.splice(int(random, 0, lines.length - 1), 1);
    return lines.join('\n');
  },
  'duplicate a line': (lines, random) => {
    const at = int(random, 0, lines.length - 1);
    lines.splice(at, 0, lines[at]!);
    return lines.join('\n');
  },
  'swap two lines': (lines, random) => {
    const [a, b] = [int(random, 0, lines.length - 1), int(random, 0, lines.length - 1)];
    [lines[a], lines[b]] = [lines[b]!, lines[a]!];
    return lines.join('\n');
  },
  'cut the file short': (lines, random) => {
    const text = lines.join('\n');
    return text.slice(0, int(random, 0, text.length));
  },
  'insert characters': (lines, random) => {
    let text = lines.join('\n');
    for (let n = int(random, 1, 5); n > 0; n--) {
      const at = int(random, 0, text.length);
      text = `${text.slice(0, at)}${pick(random, PALETTE)}${text.slice(at)}`;
    }
    return text;
  },
  'anchor a value and alias it elsewhere': (lines, random) => {
    const from = lineWithValue(lines, random);
    const to = lineWithValue(lines, random);
    if (from !== undefined) lines[from] = lines[from]!.replace(/^(\s*(?:- )?[^:#]+:\s+)/, '$1&a ');
    if (to !== undefined) lines[to] = lines[to]!.replace(/^(\s*(?:- )?[^:#]+:\s+).*$/, '$1*a');
    return lines.join('\n');
  },
  'append a billion laughs': (lines, random) => `${lines.join('\n')}\n${laughs(random)}\n`,
  'nest a value deeply': (lines, random) => {
    const index = lineWithValue(lines, random);
    if (index !== undefined) lines[index] = lines[index]!.replace(/^(\s*(?:- )?[^:#]+:\s+).*$/, `$1${deepNesting(random)}`);
    return lines.join('\n');
  },
  'make a value or key long': (lines, random) => {
    const index = lineWithValue(lines, random);
    const long = 'z'.repeat(int(random, 1_000, 200_000));
    if (index !== undefined) lines[index] = random() < 0.5 ? lines[index]!.replace(/^(\s*(?:- )?[^:#]+:\s+).*$/, `$1"${long}"`) : lines[index]!.replace(/^(\s*(?:- )?)([^:#]+)(:\s+)/, `$1? ${long}\n$1$3`);
    return lines.join('\n');
  },
};

/** Values set into the parsed document, which then becomes YAML again (repeated objects as anchors). */
function nastyData(random: Random): unknown {
  const shared = { a: [1, 2, 3] };
  const values: unknown[] = [
    1e9, 1e12, -1, 0, 0.5, Number.MAX_SAFE_INTEGER, 2 ** 31, null, true, 'str', '', [], {}, [shared, shared, shared], 'x'.repeat(100_000),
    '\x1b]0;pwned\x07', 'ok\r', '597h', '0ms', '1e400s', `${'9'.repeat(500)}s`, [[[[[[]]]]]], { '': 1 }, { 'k\x1b': 1 },
    Array.from({ length: 2_000 }, (_, i) => i), Array.from({ length: 200 }, () => 'baseline'),
  ];
  return pick(random, values);
}

function dataEdit(text: string, random: Random): { text: string; edit: string } {
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    return { text, edit: 'data edit skipped (unparsable)' };
  }
  const paths = leafPaths(data);
  if (paths.length === 0) return { text, edit: 'data edit skipped (no values)' };
  const path = pick(random, paths);
  const parent = path.slice(0, -1).reduce<Record<PropertyKey, unknown>>((node, segment) => node[segment] as Record<PropertyKey, unknown>, data as Record<PropertyKey, unknown>);
  const last = path.at(-1)!;
  const choice = random();
  if (choice < 0.2) delete parent[last];
  else if (choice < 0.3 && typeof last === 'string') parent[`${last}x`] = parent[last];
  else parent[last] = nastyData(random);
  return { text: stringify(data, { lineWidth: 0 }), edit: `set ${path.join('.')}` };
}

export function* mutants(seed: number, count: number): Generator<Mutant> {
  const random = seededRandom(seed);
  const editNames = Object.keys(TEXT_EDITS);
  const profileNames = Object.keys(SEED_PROFILES);
  for (let index = 0; index < count; index++) {
    const onProfile = random() < 0.15;
    const profileName = pick(random, profileNames);
    let text = onProfile ? SEED_PROFILES[profileName]! : pick(random, SEED_SUITES);
    const edits: string[] = [];
    if (random() < 0.3) {
      const result = dataEdit(text, random);
      text = result.text;
      edits.push(result.edit);
    }
    for (let n = int(random, 1, 3); n > 0; n--) {
      const name = pick(random, editNames);
      text = TEXT_EDITS[name]!(text.split('\n'), random);
      edits.push(name);
    }
    yield onProfile
      ? { suite: profileSuite(profileName), profile: { name: profileName, text }, edits: [`profile ${profileName}`, ...edits] }
      : { suite: text, edits };
  }
}

/** A valid suite that names one profile, so that profile file's mutations are what is checked. */
function profileSuite(name: string): string {
  return `apiVersion: meshbench.dev/v1alpha1
kind: Suite
name: profile-check
target: kind
profiles: [${name}]
experiments:
  - { name: load, type: load, rates: [100], duration: 1s, repetitions: 1 }
`;
}

function leafPaths(data: unknown, path: PropertyKey[] = []): PropertyKey[][] {
  if (Array.isArray(data)) return [path, ...data.flatMap((item, index) => leafPaths(item, [...path, index]))].filter((p) => p.length > 0);
  if (data && typeof data === 'object') return [path, ...Object.entries(data).flatMap(([key, value]) => leafPaths(value, [...path, key]))].filter((p) => p.length > 0);
  return [path];
}

function lineWithValue(lines: string[], random: Random): number | undefined {
  const candidates = lines.flatMap((line, index) => (/^\s*(?:- )?[^:#\s][^:#]*:\s+\S/.test(line) ? [index] : []));
  return candidates.length ? pick(random, candidates) : undefined;
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A whole number from `min` to `max`, both included. */
function int(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}
