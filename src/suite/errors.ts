// Bad input in a suite or profile file. Every problem found is collected and reported at once
// (k6's `Validate() []error` habit), each pointing at a file, line and column.

/** One thing wrong with a suite or profile file; line and column are 1-based, 0 for the whole file. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  /** Dotted path of the offending key, like "experiments[0].duration"; "" for the whole file. */
  key: string;
  message: string;
}

export class SuiteError extends Error {
  /** Exit code 2: bad input (DESIGN.md contracts). */
  readonly exitCode = 2;
  readonly problems: Problem[];

  constructor(problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'SuiteError';
    this.problems = problems;
  }
}

/** "scenarios/x.yaml:12:7: experiments[0].duration: expected …; got …", like a compiler. */
export function formatProblem(problem: Problem): string {
  const where = problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
  const key = problem.key ? `${problem.key}: ` : '';
  return `${where}: ${key}${problem.message}`;
}

/** "experiments[0].duration" from ["experiments", 0, "duration"]. */
export function keyOf(path: readonly PropertyKey[]): string {
  let key = '';
  for (const segment of path) {
    if (typeof segment === 'number') key += `[${segment}]`;
    else key += key ? `.${String(segment)}` : String(segment);
  }
  return key;
}
