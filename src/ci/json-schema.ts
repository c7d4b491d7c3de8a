// JSON Schemas of the --json documents, one file per command, generated from the zod schemas like
// the suite's (suite/json-schema.ts) and committed under schema/.
import { z } from 'zod';
import { ciDocumentSchema } from './document.ts';
import { runResultSchema } from './run-report.ts';

/** The document of each command with --json. */
const DOCUMENTS = { run: ciDocumentSchema('run', runResultSchema) };

// `io: 'output'`: the document as written, every default filled in.
const OPTIONS = { io: 'output', target: 'draft-2020-12' } as const;

/** `<command>-json.schema.json` per command with --json, pretty-printed with a final newline. */
export function ciJsonSchemaFiles(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(DOCUMENTS).map(([command, schema]) => [`${command}-json.schema.json`, `${JSON.stringify(z.toJSONSchema(schema, OPTIONS), null, 2)}\n`]),
  );
}
