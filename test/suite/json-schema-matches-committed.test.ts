import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DURATION_PATTERN } from '../../src/suite/duration.ts';
import { jsonSchemaFiles, suiteJsonSchema, writeJsonSchemas } from '../../src/suite/json-schema.ts';

describe('the published JSON Schemas', () => {
  it('are exactly what the zod schema generates (regenerate with `meshbench schema`)', async () => {
    for (const [name, text] of Object.entries(jsonSchemaFiles())) {
      expect(await readFile(join('schema', name), 'utf8'), name).toBe(text);
    }
  });

  it('reject unknown keys and describe durations by their pattern', () => {
    const schema = suiteJsonSchema() as { additionalProperties?: unknown; $schema?: string };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.additionalProperties).toBe(false);
    expect(JSON.stringify(schema)).toContain(JSON.stringify(DURATION_PATTERN));
  });

  it('are written into the directory given', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'meshbench-schema-'));
    try {
      const written = await writeJsonSchemas(dir);
      expect(written).toEqual([join(dir, 'suite.schema.json'), join(dir, 'profile.schema.json')]);
      expect(JSON.parse(await readFile(written[1]!, 'utf8'))).toMatchObject({ title: 'meshbench profile' });
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
