// The --json document: one JSON value on stdout that scripts read instead of scraping the human
// output. Its envelope is the same for every command; `result` is the command's own. The zod
// schemas here are the source of the published JSON Schemas (json-schema.ts).
import { z } from 'zod';
import { EXIT } from '../errors.ts';
import type { CiReport } from './check.ts';

/** Bumped on any change a reader of the document could notice (README "CI outputs"). */
export const CI_SCHEMA_VERSION = 1;

export const checkSchema = z.strictObject({
  group: z.string(),
  name: z.string(),
  outcome: z.enum(['passed', 'failed', 'skipped']),
  message: z.string().optional(),
  detail: z.string().optional(),
});

/** passed: exit 0; failed: a threshold or regression failed (exit 1); interrupted: 130; error: anything else (2, 3). */
export const CI_STATUSES = ['passed', 'failed', 'interrupted', 'error'] as const;
export type CiStatus = (typeof CI_STATUSES)[number];

export function ciStatus(exitCode: number): CiStatus {
  if (exitCode === EXIT.ok) return 'passed';
  if (exitCode === EXIT.thresholdFailed) return 'failed';
  if (exitCode === EXIT.interrupted) return 'interrupted';
  return 'error';
}

/** The document's schema for one command, given the schema of that command's `result`. */
export function ciDocumentSchema(command: CiReport['command'], result: z.ZodType) {
  return z
    .strictObject({
      schemaVersion: z.literal(CI_SCHEMA_VERSION),
      command: z.literal(command),
      status: z.enum(CI_STATUSES),
      exitCode: z.int().min(0),
      checks: z.array(checkSchema),
      result,
    })
    .meta({ title: `meshbench ${command} --json`, description: `What \`meshbench ${command} --json\` prints on stdout: one JSON document.` });
}

export function ciDocument(report: CiReport) {
  return {
    schemaVersion: CI_SCHEMA_VERSION,
    command: report.command,
    status: ciStatus(report.exitCode),
    exitCode: report.exitCode,
    checks: report.checks,
    result: report.result,
  };
}
