// Resolves the profile names a suite references to <profilesDir>/<name>.yaml, validating each file
// so its problems point into the profile file itself.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Problem } from './errors.ts';
import { validate } from './issues.ts';
import type { Profile } from './schema.ts';
import { profileSchema } from './schema.ts';
import type { YamlSource } from './source.ts';
import { problemAt, readYaml } from './source.ts';

/** Every profile file the suite names, by name, with its source (to locate later problems); problems for missing or invalid ones. */
export async function loadProfileFiles(
  suite: YamlSource,
  profilesDir: string,
): Promise<{ profiles: Map<string, Profile>; sources: Map<string, YamlSource>; problems: Problem[] }> {
  const profiles = new Map<string, Profile>();
  const sources = new Map<string, YamlSource>();
  const problems: Problem[] = [];
  const entries = (suite.data as { profiles?: unknown } | null)?.profiles;
  if (!Array.isArray(entries)) return { profiles, sources, problems };

  for (const [index, name] of entries.entries()) {
    // Inline profiles and malformed names are the suite schema's to report.
    if (typeof name !== 'string' || !profileSchema.shape.name.safeParse(name).success || profiles.has(name)) continue;
    const file = join(profilesDir, `${name}.yaml`);
    const read = await readYaml(file);
    if (!read.source) {
      const [first] = read.problems;
      if (first && first.line === 0) {
        // The file is missing: the mistake is the reference in the suite, so point there.
        const known = await profileNames(profilesDir);
        const reason = `no profile "${name}": looked for ${first.file} (${first.message}); expected one of: ${known.join(', ') || 'none found'}`;
        problems.push(problemAt(suite, ['profiles', index], 'value', reason));
      } else {
        problems.push(...read.problems);
      }
      continue;
    }
    const { data, problems: invalid } = validate(read.source, profileSchema);
    problems.push(...invalid);
    if (!data) continue;
    if (data.name !== name) {
      const message = `expected "${name}" (a profile file is named after its profile); got "${data.name}"`;
      problems.push(problemAt(read.source, ['name'], 'value', message));
      continue;
    }
    profiles.set(name, data);
    sources.set(name, read.source);
  }
  return { profiles, sources, problems };
}

async function profileNames(dir: string): Promise<string[]> {
  const files = await readdir(dir).catch(() => []);
  return files.filter((file) => file.endsWith('.yaml')).map((file) => file.slice(0, -'.yaml'.length)).sort();
}
