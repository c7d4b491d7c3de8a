// Exit codes are a contract (DESIGN.md): 0 success, 1 a threshold or regression failed,
// 2 bad input (suite, flags), 3 environment or infrastructure failure; 130 when interrupted,
// as shells report SIGINT.
export const EXIT = { ok: 0, thresholdFailed: 1, badInput: 2, environment: 3, interrupted: 130 } as const;

/** Bad flags or arguments. */
export class UsageError extends Error {
  readonly exitCode = EXIT.badInput;
}

/** Something the machine or cluster lacks or failed to do; `hint` says how to fix it. */
export class EnvironmentError extends Error {
  readonly exitCode = EXIT.environment;
  readonly hint: string | undefined;
  constructor(message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.hint = options?.hint;
  }
}

export function exitCodeOf(error: unknown): number {
  const code = (error as { exitCode?: unknown } | null)?.exitCode;
  return typeof code === 'number' ? code : EXIT.environment;
}
