// Every `meshbench <command> --flag` the nightly workflow runs is one the CLI has (`meshbench
// --help`, `meshbench <command> --help`). compare, history and trend, and run's --junit, are issue
// 12's commands being built beside this workflow: until they land they are checked against that
// contract instead (PENDING, kept in step with it). Once a command is in --help, its real flags count.
import { describe, expect, it } from 'vitest';
import { meshbench } from '../e2e/cli.ts';
import { steps } from './workflow.ts';

const PENDING: Record<string, string[]> = {
  run: ['--junit'],
  history: ['--db', '--label'], // `history add <run-dir> --db PATH --label key=value`
  trend: ['--db', '--out', '--junit'],
  compare: ['--fail-on', '--map', '--junit'],
};

interface Invocation {
  command: string;
  flags: string[];
}

/** `npx meshbench <command> …` in the run scripts, continuation lines joined. */
function invocations(): Invocation[] {
  const scripts = steps.flatMap((step) => (step.run ? [step.run.replace(/\\\n\s*/g, ' ')] : []));
  return scripts.flatMap((script) =>
    [...script.matchAll(/npx meshbench (\w[\w-]*)([^\n;|&]*)/g)].map(([, command, rest]) => ({
      command: command!,
      flags: [...rest!.matchAll(/(?:^|\s)(--[a-z][a-z-]*)/g)].map((match) => match[1]!),
    })),
  );
}

/** The commands (or a command's flags) listed in a --help text. */
async function help(args: string[]): Promise<string> {
  const result = await meshbench([...args, '--help']);
  expect(result.exitCode, String(result.stderr)).toBe(0);
  return String(result.stdout);
}

describe('the meshbench commands of the nightly workflow', () => {
  it('are commands of bin/meshbench.js with their flags, or of the issue 12 contract', async () => {
    const used = invocations();
    expect(used.map((use) => use.command)).toEqual(['doctor', 'run', 'history', 'trend']);
    const commands = [...(await help([])).split('Commands:')[1]!.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((match) => match[1]!);
    expect(commands).toContain('run');
    for (const { command, flags } of used) {
      if (!commands.includes(command)) {
        expect(Object.keys(PENDING), `meshbench ${command}`).toContain(command);
        for (const flag of flags) expect(PENDING[command], `meshbench ${command} ${flag}`).toContain(flag);
        continue;
      }
      const own = await help([command]);
      for (const flag of flags) {
        if (!own.includes(`${flag} `)) expect(PENDING[command] ?? [], `meshbench ${command} ${flag}`).toContain(flag);
      }
    }
  });
});
