// The last step every runner shares: samples (one stream for all runners) and summaries (one per
// runner) → the cell's LoadOutcome, with a completeness check and the raw samples kept for audit.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { combineK6Results, type K6OutcomeOptions, type K6Result } from './outcome.ts';
import type { K6Summary } from './parse-summary.ts';
import type { K6Samples } from './samples.ts';

/**
 * One summary for N runners. Counts add up; trends cannot (never average percentiles), so with
 * several runners the p90 cross-check is skipped and the merged histogram stands alone.
 */
export function mergeSummaries(summaries: readonly K6Summary[]): K6Summary | undefined {
  if (summaries.length <= 1) return summaries[0];
  const sum = (pick: (s: K6Summary) => number | undefined): number | undefined => {
    const values = summaries.map(pick);
    return values.some((v) => v === undefined) ? undefined : values.reduce<number>((a, v) => a + v!, 0);
  };
  const merged: K6Summary = { shape: summaries[0]!.shape, thresholds: summaries.flatMap((s) => s.thresholds) };
  const requests = sum((s) => s.httpReqs?.count);
  if (requests !== undefined) merged.httpReqs = { count: requests, rate: sum((s) => s.httpReqs?.rate) ?? 0 };
  if (summaries.some((s) => s.droppedIterations !== undefined)) {
    merged.droppedIterations = summaries.reduce((total, s) => total + (s.droppedIterations ?? 0), 0);
  }
  const passes = sum((s) => s.checks?.passes);
  const fails = sum((s) => s.checks?.fails);
  if (passes !== undefined && fails !== undefined) merged.checks = { passes, fails };
  return merged;
}

/**
 * Every request k6 counted must be in the samples; fewer means lines were lost on the way — for a
 * pod, the kubelet rotating its log (containerLogMaxSize, 10Mi by default) and serving only the
 * newest file. A histogram missing the oldest samples is biased, so this is an error, not a note.
 */
export function missingSamples(samples: K6Samples, summary: K6Summary | undefined, source: string): string | undefined {
  const counted = summary?.httpReqs?.count;
  const seen = samples.attempts + samples.warmupSamples;
  if (counted === undefined || seen >= counted) return undefined;
  return `${source} holds ${seen} of the ${counted} requests k6 counted: samples were lost`;
}

/** Writes NDJSON lines gzipped, as k6 writes `--out json=<file>.gz`, for a later audit. */
export async function keepSamples(dir: string, name: string, lines: readonly string[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.ndjson.gz`);
  await writeFile(path, await promisify(gzip)(lines.length === 0 ? '' : `${lines.join('\n')}\n`));
  return path;
}

export interface Finish extends K6OutcomeOptions {
  /** Where the samples came from, for messages ("pod log of Job meshbench/k6-x"). */
  source: string;
  /** Things the run's notes should carry. */
  onWarning?: (message: string) => void;
  /** Added to the completeness error: what to do about it in this mode. */
  remedy?: string;
}

export function finishK6(samples: K6Samples, summaries: readonly K6Summary[], finish: Finish): K6Result {
  const summary = mergeSummaries(summaries);
  if (finish.aborted !== true) {
    const missing = missingSamples(samples, summary, finish.source);
    if (missing !== undefined) throw new Error(finish.remedy === undefined ? missing : `${missing}; ${finish.remedy}`);
  }
  const result = combineK6Results(samples, summary, { ...(finish.targetRps === undefined ? {} : { targetRps: finish.targetRps }), aborted: finish.aborted ?? false });
  for (const warning of result.warnings) finish.onWarning?.(`${finish.source}: ${warning}`);
  return result;
}
