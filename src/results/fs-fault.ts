// File-system failures as a user needs them: which path, and the cause in words
// ("cannot write reports/x/results.json: no space left on device (ENOSPC)"), where Node only says
// "ENOSPC: no space left on device, write". A plain Error: the CLI exits 3 (environment) on it.
import { getSystemErrorMessage } from 'node:util';

export function fsFault(action: string, file: string, error: unknown): Error {
  const { code, errno } = (error ?? {}) as NodeJS.ErrnoException;
  const why = typeof errno === 'number' ? `${getSystemErrorMessage(errno)} (${code})` : error instanceof Error ? error.message : String(error);
  return new Error(`cannot ${action} ${file}: ${why}`, { cause: error });
}
