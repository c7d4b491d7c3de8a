// The k6 script ships as a TypeScript file in k6/ (type-checked against @types/k6 by
// `tsc -p k6/tsconfig.json`); this reads one for a ConfigMap or a local `k6 run`.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { K6_SCRIPT } from './params.ts';

/** Absolute path of the load script (both models; `--env MODEL` picks one). */
export function k6ScriptPath(): string {
  return fileURLToPath(new URL(`../../../k6/${K6_SCRIPT}`, import.meta.url));
}

export function readK6Script(): Promise<string> {
  return readFile(k6ScriptPath(), 'utf8');
}
