// A Runner that records commands instead of running them, for tests: every command "succeeds"
// with the output `respond` gives (empty by default), so callers follow their happy path.
import { prettyCommand, type RunOptions, type RunOutput, type Runner } from '../../src/exec/runner.ts';

export interface RecordedCommand {
  cmd: string;
  args: string[];
  input?: string;
}

export class RecordingRunner implements Runner {
  readonly commands: RecordedCommand[] = [];
  readonly #respond: (cmd: string, args: string[]) => RunOutput;

  constructor(respond: (cmd: string, args: string[]) => RunOutput = () => ({ stdout: '', stderr: '' })) {
    this.#respond = respond;
  }

  async run(cmd: string, args: string[], options: RunOptions = {}): Promise<RunOutput> {
    this.commands.push(options.input === undefined ? { cmd, args: [...args] } : { cmd, args: [...args], input: options.input });
    return this.#respond(cmd, args);
  }

  /** The recorded commands as shell lines. */
  lines(): string[] {
    return this.commands.map(({ cmd, args }) => prettyCommand(cmd, args));
  }
}
