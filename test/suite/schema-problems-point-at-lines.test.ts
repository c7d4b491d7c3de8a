import { describe, expect, it } from 'vitest';
import { SuiteError, loadSuite } from '../../src/suite/load.ts';
import { FIXTURES, problemsOf } from './problems-of.ts';

describe('schema problems point at the file, line and key', () => {
  it('reports a wrong type at the value, saying what was expected and found', async () => {
    expect(await problemsOf(`${FIXTURES}/wrong-type.yaml`)).toEqual([
      {
        file: `${FIXTURES}/wrong-type.yaml`,
        line: 11,
        column: 18,
        key: 'experiments[0].repetitions',
        message: 'expected a number; got "three"',
      },
    ]);
  });

  it('reports an unknown key at the line of that key, listing the keys allowed there', async () => {
    const [problem, ...rest] = await problemsOf(`${FIXTURES}/unknown-key.yaml`);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ line: 11, column: 5, key: 'experiments[0].repetiton' });
    expect(problem?.message).toMatch(/^unknown key; expected one of: .*\brepetitions\b/);
  });

  it('refuses unit-less and spelled-out durations', async () => {
    const problems = await problemsOf(`${FIXTURES}/bad-duration.yaml`);
    const hint = 'expected a duration with a unit, like "500ms", "30s" or "2m"';
    expect(problems).toEqual([
      { file: `${FIXTURES}/bad-duration.yaml`, line: 10, column: 15, key: 'experiments[0].duration', message: `${hint}; got 30` },
      {
        file: `${FIXTURES}/bad-duration.yaml`,
        line: 14,
        column: 15,
        key: 'experiments[1].duration',
        message: `${hint}; got "30 seconds"`,
      },
    ]);
  });

  it('reports a missing profile at its reference in the suite, naming the file looked for', async () => {
    const [problem, ...rest] = await problemsOf(`${FIXTURES}/missing-profile.yaml`);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ file: `${FIXTURES}/missing-profile.yaml`, line: 7, key: 'profiles[1]' });
    expect(problem?.message).toContain('clusters/profiles/istio-ambient-waypoint.yaml');
    expect(problem?.message).toContain('istio-sidecar');
  });

  it('reports a missing key at the line of its parent object', async () => {
    const problems = await problemsOf(`${FIXTURES}/several-problems.yaml`);
    expect(problems).toContainEqual(
      expect.objectContaining({ line: 12, column: 5, key: 'experiments[1].idle', message: expect.stringMatching(/^required key is missing/) }),
    );
  });

  it('prints one compiler-style line per problem and exits with code 2', async () => {
    const error = await loadSuite(`${FIXTURES}/bad-duration.yaml`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SuiteError);
    expect((error as SuiteError).exitCode).toBe(2);
    expect((error as SuiteError).message.split('\n')).toEqual([
      `${FIXTURES}/bad-duration.yaml:10:15: experiments[0].duration: expected a duration with a unit, like "500ms", "30s" or "2m"; got 30`,
      `${FIXTURES}/bad-duration.yaml:14:15: experiments[1].duration: expected a duration with a unit, like "500ms", "30s" or "2m"; got "30 seconds"`,
    ]);
  });

  it('turns a file that does not exist into a SuiteError', async () => {
    expect(await problemsOf(`${FIXTURES}/no-such-suite.yaml`)).toEqual([
      { file: `${FIXTURES}/no-such-suite.yaml`, line: 0, column: 0, key: '', message: 'no such file' },
    ]);
  });
});
