import { readFileSync } from 'node:fs';

/** meshbench's own version, from package.json (recorded in every run.json). */
export const version: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
