// Number formatting shared by the human-readable reports (HTML, Markdown). CSVs use `round`
// only: scripts want plain numbers, people want units and a sensible number of digits.
import type { ComparisonRow } from '../analysis/types.ts';
import type { RunEnvironment } from '../results/run-record.ts';
import { loadPointLabel } from './summary.ts';

/** Round to `decimals`, dropping float noise; undefined and non-finite stay undefined. */
export function round(value: number | undefined, decimals: number): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** Milliseconds with about three significant digits; seconds from 10 s up. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  const abs = Math.abs(ms);
  if (abs >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (abs >= 100) return `${ms.toFixed(0)} ms`;
  if (abs >= 10) return `${ms.toFixed(1)} ms`;
  if (abs >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}

/** A delta with an explicit sign: "+1.20 ms", "−0.300 ms". */
export function formatDeltaMs(ms: number): string {
  const text = formatMs(Math.abs(ms));
  return ms > 0 ? `+${text}` : ms < 0 ? `−${text}` : text;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatRps(rps: number): string {
  return rps >= 100 ? rps.toFixed(0) : rps.toFixed(1);
}

/** "0.80 ms … 1.60 ms", or "–" when there were too few repetitions for an interval. */
export function formatCi(ci: ComparisonRow['ci']): string {
  return ci ? `${formatDeltaMs(ci.low)} … ${formatDeltaMs(ci.high)}` : '–';
}

/**
 * The verdict in words. A difference inside the noise is stated as such, with the number as
 * context only, so it cannot be read as a measured cost (DESIGN.md, "Measurement rules").
 */
export function formatVerdict(row: ComparisonRow): string {
  switch (row.verdict) {
    case 'slower':
      return `slower by ${formatMs(row.deltaMs)}`;
    case 'faster':
      return `faster by ${formatMs(-row.deltaMs)}`;
    case 'no measurable difference':
      return 'no measurable difference';
    case 'insufficient repetitions':
      return 'insufficient repetitions';
    case 'insufficient data':
      return 'insufficient data (too few tail samples)';
  }
}

export function comparisonPoint(row: ComparisonRow): string {
  return `${row.experiment} · ${loadPointLabel(row.rate, row.connections)}`;
}

export const METRIC_LABEL: Record<ComparisonRow['metric'], string> = {
  p50: 'p50',
  p90: 'p90',
  p99: 'p99',
  p999: 'p99.9',
  max: 'max',
  mean: 'mean',
};

/** "ci-runner-3 · linux 6.1.0 x64 · 8 × Intel(R) Xeon(R) · 15.6 GiB · Node v24.21.0" */
export function formatEnvironment(env: RunEnvironment): string {
  return [
    env.hostname,
    `${env.platform} ${env.release} ${env.arch}`,
    `${env.cpus} × ${env.cpuModel}`,
    `${(env.memoryMiB / 1024).toFixed(1)} GiB`,
    `Node ${env.node}`,
  ].join(' · ');
}

/** 2026-11-26T03:38:06.000Z → "2026-11-26 03:38:06 UTC". */
export function formatUtc(iso: string): string {
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC');
}
