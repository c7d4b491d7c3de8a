// Test helper: the problems a suite file is rejected with.
import type { LoadOptions, Problem } from '../../src/suite/load.ts';
import { SuiteError, loadSuite } from '../../src/suite/load.ts';

export const FIXTURES = 'test/fixtures/suites';

export async function problemsOf(file: string, options?: LoadOptions): Promise<Problem[]> {
  try {
    await loadSuite(file, options);
  } catch (error) {
    if (error instanceof SuiteError) return error.problems;
    throw error;
  }
  throw new Error(`${file} loaded without problems`);
}
