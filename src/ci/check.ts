// One judged rule, as CI systems show it: a JUnit test case, a job-summary row, an annotation when
// it fails. `run` makes one per threshold, `compare` one per --fail-on rule and row, `trend` one per
// series it judged.
export interface Check {
  /** Groups checks (JUnit testsuite / classname): "thresholds", "compare", "trend". */
  group: string;
  /** Unique within its group and stable across runs, so CI can follow a test case over time. */
  name: string;
  outcome: 'passed' | 'failed' | 'skipped';
  /** Why it failed or was skipped, one line: "p99 +1.8 ms [+1.2, +2.4] exceeds +1 ms". */
  message?: string;
  /** The figures behind it, several lines, for the JUnit body. */
  detail?: string;
}

/** What a command hands to the CI outputs (--junit, --json, the job summary, annotations). */
export interface CiReport {
  command: 'run' | 'compare' | 'trend';
  /** The process exit code the command chose (0, 1 ...). */
  exitCode: number;
  checks: Check[];
  /** Markdown shown as the GitHub job summary. */
  summaryMarkdown: string;
  /** Command-specific machine-readable result (stable, versioned by the command's JSON Schema). */
  result: unknown;
}
