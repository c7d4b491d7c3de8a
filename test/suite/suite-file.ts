// Test helper: a suite (and optionally profile files) written to a fresh temporary directory.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function suiteFile(text: string, profiles: Record<string, string> = {}): Promise<{ file: string; profilesDir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'meshbench-suite-'));
  const profilesDir = join(dir, 'profiles');
  await mkdir(profilesDir);
  for (const [name, body] of Object.entries(profiles)) await writeFile(join(profilesDir, `${name}.yaml`), body);
  const file = join(dir, 'suite.yaml');
  await writeFile(file, text);
  return { file, profilesDir };
}

/** A small valid suite on one inline-free profile name; `experiment` lines replace the load experiment's keys. */
export function smallSuite(options: { name?: string; profiles?: string; experiment?: string; top?: string } = {}): string {
  return `apiVersion: meshbench.dev/v1alpha1
kind: Suite
name: ${options.name ?? 'small'}
profiles: ${options.profiles ?? '[baseline]'}
${options.top ?? ''}
experiments:
  - name: load
    type: load
${options.experiment ?? '    rates: [50]\n    duration: 1s\n    repetitions: 1'}
`;
}
