// Loads a suite file: YAML with line numbers → schema → profile files → cross-references → the
// tool pins the target needs to agree → emulation costs only where the target emulates them.
// Every problem found on the way is reported at once in one SuiteError, each with file, line and
// column.
import { fileURLToPath } from 'node:url';
import { planLimitProblems } from '../plan/limits.ts';
import { crossCheck } from './cross-check.ts';
import { emulationProblems } from './emulation.ts';
import type { Problem } from './errors.ts';
import { SuiteError } from './errors.ts';
import { validate } from './issues.ts';
import { loadProfileFiles } from './profiles.ts';
import type { Profile, Suite, TargetName } from './schema.ts';
import { suiteSchema } from './schema.ts';
import { problemAt, readYaml } from './source.ts';
import { pinProblems } from './tool-pins.ts';

/** clusters/profiles/ of this package, wherever it is run from. */
const DEFAULT_PROFILES_DIR = fileURLToPath(new URL('../../clusters/profiles/', import.meta.url));

export { SuiteError } from './errors.ts';
export type { Problem };

export interface LoadOptions {
  profilesDir?: string;
  /** The target the suite will run on (default: its own): it decides the drivers, and kind checks that one kind serves every profile. */
  target?: TargetName | undefined;
  /** The run installs the profiles' components on an existing cluster (--install). */
  install?: boolean | undefined;
}

/** The validated suite with profile references resolved; throws SuiteError listing every problem. */
export async function loadSuite(file: string, options: LoadOptions = {}): Promise<Suite> {
  const read = await readYaml(file);
  if (!read.source) throw new SuiteError(read.problems);
  const source = read.source;

  const { data, problems } = validate(source, suiteSchema);
  // Profile files are checked even when the suite itself has problems, so one run reports both.
  const files = await loadProfileFiles(source, options.profilesDir ?? DEFAULT_PROFILES_DIR);
  problems.push(...files.problems);
  if (!data || problems.length > 0) throw new SuiteError(inFileOrder(problems));

  const profiles = data.profiles.map((entry): Profile => (typeof entry === 'string' ? files.profiles.get(entry)! : entry));
  const suite: Suite = { ...data, profiles };
  const target = options.target ?? suite.target;
  // The plan's size is arithmetic on the suite, so a huge one is refused before it is expanded.
  const crossProblems = [...crossCheck(suite, target), ...planLimitProblems(suite, target)].map(({ path, message }) => problemAt(source, path, 'value', message));
  const uses = { kind: target === 'kind', istioctl: target === 'kind' || (target === 'existing' && options.install === true) };
  // A pin or an emulation is written in the profile's own file, or inline in the suite.
  const inProfile = (profile: number, path: readonly PropertyKey[], anchor: 'key' | 'value', message: string) => {
    const entry = data.profiles[profile];
    return typeof entry === 'string' ? problemAt(files.sources.get(entry)!, path, anchor, message) : problemAt(source, ['profiles', profile, ...path], anchor, message);
  };
  crossProblems.push(
    ...pinProblems(profiles, uses).map(({ profile, path, message }) => inProfile(profile, path, 'value', message)),
    // At the key: what is refused is setting it at all, whatever its value.
    ...emulationProblems(profiles, target).map(({ profile, path, message }) => inProfile(profile, path, 'key', message)),
  );
  if (crossProblems.length > 0) throw new SuiteError(inFileOrder(crossProblems));
  return suite;
}

/** Problems grouped by file (first seen first), top to bottom within each, like a compiler's. */
function inFileOrder(problems: Problem[]): Problem[] {
  const files = [...new Set(problems.map((problem) => problem.file))];
  return problems.toSorted(
    (a, b) => files.indexOf(a.file) - files.indexOf(b.file) || a.line - b.line || a.column - b.column,
  );
}
