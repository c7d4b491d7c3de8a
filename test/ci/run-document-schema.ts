// The committed JSON Schema of `run --json`, compiled by ajv (draft 2020-12) as a user's script would.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';

const ajv = new Ajv2020({ allErrors: true, strict: true });
export const validateRunDocument = ajv.compile(JSON.parse(readFileSync(new URL('../../schema/run-json.schema.json', import.meta.url), 'utf8')));

/** ajv's errors for a document, none when it is valid. */
export function runDocumentErrors(document: unknown): unknown[] {
  return validateRunDocument(document) ? [] : [...(validateRunDocument.errors ?? [])];
}
