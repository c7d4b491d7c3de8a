// Reads a YAML file into a document that remembers where everything was written. The only part of
// suite loading that touches the file system (with profiles.ts, which calls it).
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { Problem } from './errors.ts';
import { keyOf } from './errors.ts';
import { locate, position } from './locate.ts';

export interface YamlSource {
  /** The file as shown in problems: relative to the working directory when inside it. */
  file: string;
  doc: Document;
  lineCounter: LineCounter;
  /** The document as plain data, before validation. */
  data: unknown;
}

/** The parsed file, or the problems that stop it from being read (missing file, YAML syntax). */
export async function readYaml(path: string): Promise<{ source: YamlSource; problems: [] } | { source: undefined; problems: Problem[] }> {
  const file = displayPath(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'no such file' : `cannot be read (${(error as Error).message})`;
    return { source: undefined, problems: [{ file, line: 0, column: 0, key: '', message }] };
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
  return { source: { file, doc, lineCounter, data: doc.toJS() }, problems: [] };
}

/** A problem at the key or value written at `path` (the parent object when it is missing). */
export function problemAt(source: YamlSource, path: readonly PropertyKey[], anchor: 'key' | 'value', message: string): Problem {
  return { file: source.file, ...locate(source.doc, source.lineCounter, path, anchor), key: keyOf(path), message };
}

function displayPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown && !shown.startsWith('..') && !isAbsolute(shown) ? shown : path;
}
