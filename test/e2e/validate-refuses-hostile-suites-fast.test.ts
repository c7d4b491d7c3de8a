// Issue 11.1, 11.2 and 11.9 through the real CLI: hostile suites that crashed with exit 3, blew
// the heap or echoed raw escapes now exit 2 with file:line:col and key, and in seconds (each test's
// 20 s timeout is a safety net against the old minute-long heap blow-up, not a speed claim).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meshbench } from './cli.ts';

const SAFETY_NET_MS = 20_000;

async function written(text: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'meshbench-hostile-')), 'suite.yaml');
  await writeFile(file, text);
  return file;
}

const suite = (name: string, experiment: string, extra = '') => `apiVersion: meshbench.dev/v1alpha1
kind: Suite
name: ${name}
profiles: [baseline]
experiments:
  - { name: load, type: load, rates: [50], duration: 1s, ${experiment} }
${extra}`;

const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefghi'.split('').map((level, i) => `${level}: &${level} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(', ')}]`)].join('\n');

const RAW_CONTROL = /[\0-\x08\x0b-\x1f\x7f-\x9f]/;

describe('meshbench validate on a hostile suite', () => {
  it.each([
    ['a billion laughs', suite('laughs', 'repetitions: 1', laughs), /:10:\d+: d\[\d\]: expected at most 10,000 values in the file with its aliases expanded/],
    ['repetitions: 1000000000', suite('huge', 'repetitions: 1000000000'), /:6:\d+: experiments\[0\]\.repetitions: expected a number ≤ 1000; got 1000000000/],
    ['a 250-character name', suite('a'.repeat(250), 'repetitions: 1'), /:3:7: name: expected at most 63 characters; got 250/],
    ['an unresolved alias', suite('alias', 'repetitions: *nope'), /:6:\d+: experiments\[0\]\.repetitions: expected an anchor &nope earlier in the file/],
  ])('%s: exit 2 with file:line:col and key', async (_, text, says) => {
    const file = await written(text);
    const result = await meshbench(['validate', file]);
    expect(result.exitCode, String(result.stderr)).toBe(2);
    expect(String(result.stderr)).toMatch(new RegExp(`^error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${says.source}`));
    expect(result.stdout).toBe('');
  }, SAFETY_NET_MS);

  it('escape sequences in keys and values reach the terminal as text, not as commands', async () => {
    const file = await written(suite('t', 'repetitions: 1', '"\\e]0;pwned\\a\\rok": 1\ndescription: "\\e[2J"\n'));
    const result = await meshbench(['validate', file]);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).not.toMatch(RAW_CONTROL);
    expect(String(result.stderr)).toContain('\\x1b]0;pwned\\x07\\x0dok: unknown key');
  }, SAFETY_NET_MS);

  it('a control character in an unknown flag is escaped in commander\'s usage error', async () => {
    const result = await meshbench(['validate', '--\x1b[31mred', 'scenarios/quickstart.yaml']);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toContain("unknown option '--\\x1b[31mred'");
    expect(String(result.stderr)).not.toMatch(RAW_CONTROL);
  }, SAFETY_NET_MS);

  it('/dev/zero is refused as larger than any suite, not read until memory runs out', async () => {
    const result = await meshbench(['validate', '/dev/zero']);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/^error: \/dev\/zero:1:1: expected a file of at most 1 MiB/);
  }, SAFETY_NET_MS);
});
