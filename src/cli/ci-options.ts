import type { Command } from 'commander';
import type { CiFlags } from '../ci/emit.ts';

export type { CiFlags };

/** --junit and --json, for the commands whose result a CI reads (run, compare, trend). */
export function withCiOptions(command: Command): Command {
  return command
    .option('--junit <file>', 'also write the result as JUnit XML: one test case per threshold or rule, failures with the reason')
    .option('--json', 'print one JSON document with the result on stdout (schema/<command>-json.schema.json); human output goes to stderr');
}
