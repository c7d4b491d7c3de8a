// Bad input in a suite or profile file. Every problem found is collected and reported at once
// (k6's `Validate() []error` habit), each pointing at a file, line and column.
import { excerpt } from '../text/excerpt.ts';
import { terminalSafe } from '../text/terminal-safe.ts';

/** One thing wrong with a suite or profile file; line and column are 1-based, 0 for the whole file. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  /** Dotted path of the offending key, like "experiments[0].duration"; "" for the whole file. */
  key: string;
  message: string;
}

/**
 * More than this many problems means the file is not a suite at all (or is generated wrong): the
 * first ones, in file order, say enough, and the rest would only flood the terminal.
 */
export const MAX_PROBLEMS_SHOWN = 100;
/** A safety net: messages quote values and keys cut to 80 characters, but lists of names can grow. */
const MAX_MESSAGE_LENGTH = 2_000;

export class SuiteError extends Error {
  /** Exit code 2: bad input (DESIGN.md contracts). */
  readonly exitCode = 2;
  readonly problems: Problem[];

  constructor(problems: Problem[]) {
    const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).map(printable);
    const more = problems.length - shown.length;
    if (more > 0) shown.push({ file: shown[0]!.file, line: 0, column: 0, key: '', message: `… and ${more} more problems, not shown` });
    super(shown.map(formatProblem).join('\n'));
    this.name = 'SuiteError';
    this.problems = shown;
  }
}

/** Control characters from the file neutralised, whichever layer wrote the problem. */
function printable(problem: Problem): Problem {
  return {
    ...problem,
    file: terminalSafe(problem.file),
    key: terminalSafe(problem.key),
    message: terminalSafe(excerpt(problem.message, MAX_MESSAGE_LENGTH)),
  };
}

/** "scenarios/x.yaml:12:7: experiments[0].duration: expected …; got …", like a compiler. */
export function formatProblem(problem: Problem): string {
  const where = problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
  const key = problem.key ? `${problem.key}: ` : '';
  return `${where}: ${key}${problem.message}`;
}

/** How a null or empty mapping key is shown: yaml reads `~: 1`, `null: 1`, `"": 1` and an empty `?` key all as "". */
export const EMPTY_KEY = '(empty key)';

/**
 * "experiments[0].duration" from ["experiments", 0, "duration"]. Keys are the file's own, so each
 * is cut to its start and a null or empty one is named, not left blank.
 */
export function keyOf(path: readonly PropertyKey[]): string {
  let key = '';
  for (const segment of path) {
    if (typeof segment === 'number') key += `[${segment}]`;
    else {
      const name = String(segment) === '' ? EMPTY_KEY : terminalSafe(excerpt(String(segment)));
      key += key ? `.${name}` : name;
    }
  }
  return key;
}
