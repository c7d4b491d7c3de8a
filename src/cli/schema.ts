import { Command } from 'commander';
import { ciJsonSchemaFiles } from '../ci/json-schema.ts';
import { jsonSchemaFiles, writeJsonSchemas } from '../suite/json-schema.ts';

export function schemaCommand(): Command {
  return new Command('schema')
    .description('write the JSON Schemas of suite and profile files (for editor completion and checks) and of the --json documents')
    .option('--out <dir>', 'directory to write suite.schema.json, profile.schema.json and <command>-json.schema.json into', 'schema')
    .action(async (options: { out: string }) => {
      for (const file of await writeJsonSchemas(options.out, { ...jsonSchemaFiles(), ...ciJsonSchemaFiles() })) process.stdout.write(`wrote ${file}\n`);
    });
}
