// JSON Schemas of the suite and profile formats, generated from the zod schema (the single source
// of truth) so editors can complete and check files via `# yaml-language-server: $schema=…`.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { profileSchema, suiteSchema } from './schema.ts';

// `io: 'input'` describes what users write (durations as strings, defaults optional), not the
// parsed output.
const OPTIONS = { io: 'input', target: 'draft-2020-12' } as const;

export function suiteJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(suiteSchema, OPTIONS);
}

export function profileJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(profileSchema, OPTIONS);
}

/** The files `writeJsonSchemas` writes, by name, pretty-printed with a final newline. */
export function jsonSchemaFiles(): Record<string, string> {
  return {
    'suite.schema.json': `${JSON.stringify(suiteJsonSchema(), null, 2)}\n`,
    'profile.schema.json': `${JSON.stringify(profileJsonSchema(), null, 2)}\n`,
  };
}

/** Writes `files` (default suite.schema.json and profile.schema.json) into `dir`; returns the paths written. */
export async function writeJsonSchemas(dir: string, files = jsonSchemaFiles()): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const file = join(dir, name);
    await writeFile(file, text);
    written.push(file);
  }
  return written;
}
