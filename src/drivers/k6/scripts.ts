// The k6 scripts ship as TypeScript files in k6/ (type-checked against @types/k6 by
// `tsc -p k6/tsconfig.json`); this reads one for a ConfigMap or a local `k6 run`.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { K6_SCRIPTS, type K6Model } from './params.ts';

/** Absolute path of the script that runs a load model. */
export function k6ScriptPath(model: K6Model): string {
  return fileURLToPath(new URL(`../../../k6/${K6_SCRIPTS[model]}`, import.meta.url));
}

export function readK6Script(model: K6Model): Promise<string> {
  return readFile(k6ScriptPath(model), 'utf8');
}
