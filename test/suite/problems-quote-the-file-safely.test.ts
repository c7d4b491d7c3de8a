// Issues 11.9 and 11.10a: problems quote the file's keys and values, so they are what reaches the
// terminal from a hostile suite. Control characters come back as escapes, long keys and values are
// cut to 80 characters, and a null or empty key is named instead of left blank.
import { describe, expect, it } from 'vitest';
import { SuiteError, loadSuite } from '../../src/suite/load.ts';
import { problemsOf } from './problems-of.ts';
import { smallSuite, suiteFile } from './suite-file.ts';

const RAW_CONTROL = /[\0-\x1f\x7f-\x9f]/;

describe('problems quoting a hostile suite', () => {
  it('show ESC, BEL, CR and C1 controls in unknown keys and in values as escapes', async () => {
    const { file } = await suiteFile(smallSuite({ name: '"t\\e]0;pwned\\a"', top: '"evil\\e[2K\\rok\\x9b\\u202e": 1\ndescription: "line\\rforged ok"' }));
    const problems = await problemsOf(file);
    expect(problems.map(({ key }) => key)).toEqual(['name', 'evil\\x1b[2K\\x0dok\\x9b\\u{202e}', 'description']);
    expect(problems[0]?.message).toBe('expected a lowercase name: letters, digits, "-" and "."; got "t\\u001b]0;pwned\\u0007"');
    expect(problems[2]?.message).toBe('expected text without control characters other than newline and tab; got "line\\rforged ok"');
    for (const problem of problems) expect(`${problem.key} ${problem.message}`).not.toMatch(RAW_CONTROL);
  });

  it('cut a 100,000-character key and value to 80 characters, saying how long they were', async () => {
    const long = 'k'.repeat(100_000);
    // An implicit YAML key is at most 1024 characters: a longer one is written as an explicit key.
    const { file } = await suiteFile(smallSuite({ top: `? ${long}\n: 1\ndescription: [1]\nstackWarmup: "${'9'.repeat(100_000)}"` }));
    const error = (await loadSuite(file).catch((caught: unknown) => caught)) as SuiteError;
    expect(error).toBeInstanceOf(SuiteError);
    expect(error.problems.map(({ key }) => key)).toContain(`${'k'.repeat(80)}… (100000 characters)`);
    expect(error.problems.find(({ key }) => key === 'stackWarmup')?.message).toBe(
      `expected a duration with a unit, like "500ms", "30s" or "2m"; got "${'9'.repeat(80)}…" (100000 characters)`,
    );
    expect(error.message.length).toBeLessThan(2_000);
  });

  it.each([
    ['null: 1', 5, 1],
    ['~: 1', 5, 1],
    ['"": 1', 5, 1],
    ['?\n: 1', 5, 2],
  ])('name a null or empty key (%j) at its line instead of leaving it blank', async (lines, line, column) => {
    const { file } = await suiteFile(smallSuite({ top: lines }));
    expect(await problemsOf(file)).toEqual([{ file, line, column, key: '(empty key)', message: expect.stringMatching(/^unknown key; expected one of: apiVersion/) }]);
  });

  it('refuse `? : 1`, whose key is itself a mapping, at that key', async () => {
    const { file } = await suiteFile(smallSuite({ top: '? : 1' }));
    expect(await problemsOf(file)).toEqual([expect.objectContaining({ file, line: 5, column: 3, message: 'expected a plain key; got a mapping as a key' })]);
  });

  it('name an empty key inside a mapping by its path', async () => {
    const { file } = await suiteFile(smallSuite({ experiment: '    rates: [50]\n    duration: 1s\n    repetitions: 1\n    "": 2' }));
    expect(await problemsOf(file)).toEqual([expect.objectContaining({ line: 12, column: 5, key: 'experiments[0].(empty key)' })]);
  });

  it('stop at 100 problems, saying how many more there were', async () => {
    const keys = Array.from({ length: 150 }, (_, i) => `unknown${i}: 1`).join('\n');
    const { file } = await suiteFile(smallSuite({ top: keys }));
    const problems = await problemsOf(file);
    expect(problems).toHaveLength(101);
    expect(problems[99]?.key).toBe('unknown99');
    expect(problems[100]).toEqual({ file, line: 0, column: 0, key: '', message: '… and 50 more problems, not shown' });
  });
});
