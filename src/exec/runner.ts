// Commands as values (after kind's pkg/exec): every external tool meshbench drives — kind, docker,
// kubectl, istioctl, helm — runs through a Runner that is passed in, never a global, so tests swap
// in fakes and `plan` swaps in a recorder. Arguments are always an argv array, never a shell string.
import { execa, ExecaError } from 'execa';

export interface RunOptions {
  /** Written to the command's stdin. */
  input?: string;
  /** Added to (and overriding) this process's environment. */
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

export interface RunOutput {
  stdout: string;
  stderr: string;
}

export interface Runner {
  /** Runs `cmd args…` to completion; rejects with a RunError when it cannot start or exits non-zero. */
  run(cmd: string, args: string[], options?: RunOptions): Promise<RunOutput>;
}

/** A command that failed: what ran, what it printed, how it ended. */
export class RunError extends Error {
  readonly command: string;
  readonly args: string[];
  readonly stdout: string;
  readonly stderr: string;
  /** Undefined when the command never ran (not found) or was killed by a signal. */
  readonly exitCode: number | undefined;
  /** The executable was not found on PATH. */
  readonly notFound: boolean;

  constructor(
    command: string,
    args: string[],
    outcome: { stdout: string; stderr: string; exitCode?: number; notFound?: boolean; signal?: string; cause?: unknown },
  ) {
    super(describeFailure(command, args, outcome), { cause: outcome.cause });
    this.name = 'RunError';
    this.command = command;
    this.args = args;
    this.stdout = outcome.stdout;
    this.stderr = outcome.stderr;
    this.exitCode = outcome.exitCode;
    this.notFound = outcome.notFound === true;
  }

  /** The command as a line you can paste into a POSIX shell. */
  prettyCommand(): string {
    return prettyCommand(this.command, this.args);
  }
}

export function prettyCommand(command: string, args: string[]): string {
  return [command, ...args].map(shellQuote).join(' ');
}

/** Quotes one argument for a POSIX shell: bare when it is plainly safe, single-quoted otherwise. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_\-.,:/@%+=]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

// The command's own output is the most useful part of a failure (kind prints "Command Output:"
// for the same reason); the last lines of stderr are kept so a long log cannot drown the message.
const OUTPUT_LINES = 20;

function describeFailure(
  command: string,
  args: string[],
  outcome: { stderr: string; exitCode?: number; notFound?: boolean; signal?: string },
): string {
  const line = `command "${prettyCommand(command, args)}"`;
  // Worded like Go's os/exec, which is what kind and kubectl users already recognise.
  if (outcome.notFound) return `${line} failed: exec: "${command}": executable file not found in $PATH`;
  const how = outcome.exitCode !== undefined ? `exit code ${outcome.exitCode}` : `signal ${outcome.signal ?? 'unknown'}`;
  const output = outcome.stderr.trimEnd().split('\n').filter((text) => text.trim() !== '').slice(-OUTPUT_LINES);
  return [`${line} failed with ${how}`, ...output.map((text) => `    ${text}`)].join('\n');
}

/** Runs real processes with execa. */
export function execaRunner(): Runner {
  return {
    async run(cmd, args, options = {}) {
      try {
        const result = await execa(cmd, args, {
          input: options.input,
          env: options.env,
          cancelSignal: options.signal,
          stdin: options.input === undefined ? 'ignore' : 'pipe',
        });
        return { stdout: result.stdout, stderr: result.stderr };
      } catch (error) {
        if (!(error instanceof ExecaError)) throw error;
        throw new RunError(cmd, args, {
          stdout: typeof error.stdout === 'string' ? error.stdout : '',
          stderr: typeof error.stderr === 'string' ? error.stderr : '',
          exitCode: error.exitCode,
          notFound: error.code === 'ENOENT',
          signal: error.signal,
          cause: error,
        });
      }
    },
  };
}
