// node:sqlite, loaded without its "SQLite is an experimental feature" ExperimentalWarning: Node 22
// and early 24 releases print it on the first import (Node 24.21 no longer does), and it says
// nothing a meshbench user can act on. Only that one warning is dropped, only during the import;
// Node emits it through process.emitWarning (lib/internal/util.js emitExperimentalWarning).
type SqliteModule = typeof import('node:sqlite');

export function loadSqlite(): Promise<SqliteModule> {
  return withoutSqliteWarning(() => import('node:sqlite'));
}

/** Runs `load` with the SQLite ExperimentalWarning (and no other warning) suppressed. */
export async function withoutSqliteWarning<T>(load: () => Promise<T>): Promise<T> {
  const emit = process.emitWarning;
  process.emitWarning = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
    if (isSqliteWarning(warning, rest[0])) return;
    return (emit as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return await load();
  } finally {
    process.emitWarning = emit;
  }
}

function isSqliteWarning(warning: string | Error, typeOrOptions: unknown): boolean {
  const message = typeof warning === 'string' ? warning : warning.message;
  const type =
    typeof warning !== 'string' ? warning.name : typeof typeOrOptions === 'string' ? typeOrOptions : (typeOrOptions as { type?: unknown } | undefined)?.type;
  return type === 'ExperimentalWarning' && message.startsWith('SQLite is an experimental feature');
}
