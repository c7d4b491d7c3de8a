// How the run was ordered against machine drift, for the reports: the run order in short
// ("interleaved: A B C / C B A …"), each stack's warm-up, and the drift check with a warning
// when it flagged drift. Plain text here; html.ts and markdown.ts escape and wrap it.
import type { RunRecord, WarmupRecord } from '../results/run-record.ts';
import { formatDuration } from '../suite/duration.ts';
import { formatDeltaMs, formatMs } from './format.ts';

export interface RunOrderSection {
  /** The order ("Run order — interleaved: baseline istio-sidecar / istio-sidecar baseline …"), each warm-up, the drift check. */
  lines: string[];
  /** Set when drift was flagged: the warning the first screen shows. */
  warning: string | undefined;
}

/** Undefined for runs recorded before the order was (nothing to show). */
export function runOrderSection(record: RunRecord): RunOrderSection | undefined {
  if (!record.order) return undefined;
  const drift = record.drift;
  const flagged = drift?.method === 'reference' && 'flagged' in drift && drift.flagged;
  return {
    lines: [
      `Run order — ${record.schedule ?? 'sequential'}: ${rounds(record.order, record) || 'no cell ran'}`,
      ...(record.stacks ?? []).flatMap((stack) => (stack.warmup ? [`Stack warm-up — ${stack.profile}: ${describeWarmup(stack.warmup)}`] : [])),
      ...(drift ? [driftText(drift)] : []),
    ],
    warning: flagged ? `the reference cell's median latency moved by ${formatDeltaMs(drift.shiftMs)} between the start and the end of the run, beyond its noise: the machine drifted, and profiles measured at different times may differ by that much for that reason alone.` : undefined,
  };
}

/**
 * Cells grouped into rounds (one per experiment, point and repetition), each round written as
 * its profiles in the order they ran; repeated rounds are counted ("×2").
 */
function rounds(order: readonly string[], record: RunRecord): string {
  const profiles = record.suite.profiles.map((profile) => profile.name);
  const groups: { key: string; profiles: string[] }[] = [];
  for (const id of order) {
    const profile = profiles.find((name) => id.startsWith(`${name}/`)) ?? id.split('/')[0]!;
    const key = id.slice(profile.length + 1);
    const last = groups.at(-1);
    if (last && last.key === key && !last.profiles.includes(profile)) last.profiles.push(profile);
    else groups.push({ key, profiles: [profile] });
  }
  const runs: { text: string; count: number }[] = [];
  for (const group of groups) {
    const text = group.profiles.join(' ');
    const last = runs.at(-1);
    if (last?.text === text) last.count += 1;
    else runs.push({ text, count: 1 });
  }
  return runs.map(({ text, count }) => (count > 1 ? `${text} ×${count}` : text)).join(' / ');
}

function describeWarmup(warmup: WarmupRecord): string {
  if ('skipped' in warmup) return `not warmed (${warmup.skipped})`;
  if ('failed' in warmup) return `WARM-UP FAILED: ${warmup.failed}; its cells were not measured`;
  const load = warmup.rate === undefined ? `${warmup.connections} connections` : `${warmup.rate} rps`;
  return `warmed ${formatDuration(warmup.ms)} at ${load} (${warmup.requests} requests, ${warmup.errors} errors, not recorded)`;
}

function driftText(drift: NonNullable<RunRecord['drift']>): string {
  if (drift.method === 'interleaved') return `drift control: ${drift.detail}`;
  if ('error' in drift) return `no drift check: ${drift.error}`;
  const values = (side: number[]) => side.map((value) => formatMs(value)).join(', ');
  const interval = drift.ci ? `95% interval ${formatDeltaMs(drift.ci.low)} … ${formatDeltaMs(drift.ci.high)}` : 'no interval';
  const verdict = drift.flagged ? 'DRIFT larger than the noise' : 'no drift beyond the noise';
  return `drift check (reference cell, p50 of ${drift.start.length} × ${formatDuration(drift.durationMs)} at ${drift.rate} rps against an echo on 127.0.0.1): start ${values(drift.start)}; end ${values(drift.end)}; shift end − start ${formatDeltaMs(drift.shiftMs)} (${interval}): ${verdict}`;
}
