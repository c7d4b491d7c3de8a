// Where the history lives: a SQLite file (the default, one file next to the run directories) or
// a PostgreSQL database shared by a team, named by URL. Pure.
import { UsageError } from '../errors.ts';

export const DEFAULT_DB = 'reports/history.sqlite';

export type DbLocation =
  | { dialect: 'sqlite'; path: string; shown: string }
  /** `shown`: the URL with its password hidden, for messages. */
  | { dialect: 'postgres'; url: string; shown: string };

/** `postgres://` or `postgresql://` is a PostgreSQL URL; anything else is a file path. */
export function dbLocation(db: string): DbLocation {
  if (!/^postgres(ql)?:\/\//i.test(db)) {
    if (db.trim() === '') throw new UsageError('--db: expected a file path or a postgres:// URL; got ""');
    return { dialect: 'sqlite', path: db, shown: db };
  }
  let url: URL;
  try {
    url = new URL(db);
  } catch {
    throw new UsageError(`--db: not a valid PostgreSQL URL: ${hidePasswordText(db)}`);
  }
  return { dialect: 'postgres', url: db, shown: hidePassword(url) };
}

function hidePassword(url: URL): string {
  const shown = new URL(url.href);
  if (shown.password !== '') shown.password = '***';
  // libpq and pg also take the password as a query parameter.
  if (shown.searchParams.has('password')) shown.searchParams.set('password', '***');
  return shown.href;
}

/** For a URL that does not parse: hide whatever sits between "user:" and "@". */
function hidePasswordText(text: string): string {
  return text.replace(/(\/\/[^/:@]*:)[^@/]*@/, '$1***@').replace(/([?&]password=)[^&]*/i, '$1***');
}
