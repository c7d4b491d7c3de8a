// Reads a YAML file into a document that remembers where everything was written. The only part of
// suite loading that touches the file system (with profiles.ts, which calls it).
import { open } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { Problem } from './errors.ts';
import { keyOf } from './errors.ts';
import { expansionProblems } from './expansion.ts';
import { locate, position } from './locate.ts';

export interface YamlSource {
  /** The file as shown in problems: relative to the working directory when inside it. */
  file: string;
  doc: Document;
  lineCounter: LineCounter;
  /** The document as plain data, before validation. */
  data: unknown;
}

/** The parsed file, or the problems that stop it from being read (missing or too large, YAML syntax, aliases). */
export async function readYaml(path: string): Promise<{ source: YamlSource; problems: [] } | { source: undefined; problems: Problem[] }> {
  const file = displayPath(path);
  let text: string | undefined;
  try {
    text = await readAtMost(path, MAX_FILE_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'no such file' : `cannot be read (${(error as Error).message})`;
    return { source: undefined, problems: [{ file, line: 0, column: 0, key: '', message }] };
  }
  if (text === undefined) {
    const message = `expected a file of at most ${MAX_FILE_BYTES / 2 ** 20} MiB (a suite or profile is a few KB); got more`;
    return { source: undefined, problems: [{ file, line: 1, column: 1, key: '', message }] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => ({
      file,
      ...position(lineCounter, error.pos[0]),
      key: '',
      message: `YAML syntax error: ${error.message}`,
    }));
    return { source: undefined, problems };
  }
  const expansion = expansionProblems(doc, lineCounter, file);
  if (expansion.length > 0) return { source: undefined, problems: expansion };
  // Aliases are bounded by expanded size above, which replaces yaml's count of them.
  return { source: { file, doc, lineCounter, data: doc.toJS({ maxAliasCount: -1 }) }, problems: [] };
}

/**
 * The shipped suites are under 4 KB: a file past 1 MiB is not a suite, and reading only that much
 * keeps /dev/zero or a multi-gigabyte file from filling memory before anything is checked.
 */
const MAX_FILE_BYTES = 2 ** 20;

/** The file as UTF-8, or undefined when it is longer than `limit` bytes. */
async function readAtMost(path: string, limit: number): Promise<string | undefined> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(limit + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return length > limit ? undefined : buffer.toString('utf8', 0, length);
  } finally {
    await handle.close();
  }
}

/** A problem at the key or value written at `path` (the parent object when it is missing). */
export function problemAt(source: YamlSource, path: readonly PropertyKey[], anchor: 'key' | 'value', message: string): Problem {
  return { file: source.file, ...locate(source.doc, source.lineCounter, path, anchor), key: keyOf(path), message };
}

function displayPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown && !shown.startsWith('..') && !isAbsolute(shown) ? shown : path;
}
