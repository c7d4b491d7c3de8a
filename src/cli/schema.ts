import { Command } from 'commander';
import { writeJsonSchemas } from '../suite/json-schema.ts';

export function schemaCommand(): Command {
  return new Command('schema')
    .description('write the JSON Schemas of suite and profile files (for editor completion and checks)')
    .option('--out <dir>', 'directory to write suite.schema.json and profile.schema.json into', 'schema')
    .action(async (options: { out: string }) => {
      for (const file of await writeJsonSchemas(options.out)) process.stdout.write(`wrote ${file}\n`);
    });
}
