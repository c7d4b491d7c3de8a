// Numbers and verdict words of compare rows, shared by compare.md, compare.html and the terminal.
import { formatDeltaMs, formatMs } from '../report/format.ts';
import type { CompareRow } from './compare-runs.ts';

export function formatValue(row: CompareRow, value: number): string {
  return row.unit === 'ms' ? formatMs(value) : `${+value.toPrecision(3)} ${row.unit}`;
}

export function formatDelta(row: CompareRow, value: number = row.delta): string {
  if (row.unit === 'ms') return formatDeltaMs(value);
  const text = `${+Math.abs(value).toPrecision(3)} ${row.unit}`;
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

export function formatPercent(row: CompareRow): string {
  if (row.deltaPercent === undefined) return '–';
  const text = `${+Math.abs(row.deltaPercent).toPrecision(2)} %`;
  return row.deltaPercent > 0 ? `+${text}` : row.deltaPercent < 0 ? `−${text}` : text;
}

export function formatInterval(row: CompareRow): string {
  return row.ci ? `${formatDelta(row, row.ci.low)} … ${formatDelta(row, row.ci.high)}` : '–';
}

/** A change inside the noise is said so, with the number as context only (DESIGN.md). */
export function formatVerdict(row: CompareRow): string {
  switch (row.verdict) {
    case 'measurable increase':
      return `higher by ${formatDelta(row).slice(1)}`;
    case 'measurable decrease':
      return `lower by ${formatDelta(row).slice(1)}`;
    case 'insufficient data':
      return 'insufficient data (too few tail samples)';
    default:
      return row.verdict;
  }
}

export function isMeasurable(row: CompareRow): boolean {
  return row.verdict === 'measurable increase' || row.verdict === 'measurable decrease';
}

export function pointOf(row: CompareRow): string {
  const profile = row.profile === row.candidateProfile ? row.profile : `${row.profile} → ${row.candidateProfile}`;
  return `${profile} · ${row.experiment} · ${row.point}`;
}

export const METHOD_NOTE =
  'Δ is the Hodges–Lehmann shift candidate − baseline over repetitions with its exact 95 % interval, as in-run comparisons. ' +
  'A change is measurable only when the whole interval lies beyond the noise floor: the wider of the two runs\u2019 ranges (max − min) over their own repetitions, ' +
  'since runs made at different times drift apart by more than either run\u2019s spread shows. "within run-to-run noise": the interval excludes 0 but not the floor.';
