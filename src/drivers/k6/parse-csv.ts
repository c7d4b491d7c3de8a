// k6 `--out csv=FILE`. Header-driven: the columns moved between versions —
// 16 in ~v0.27 (`...,scenario,status,subproto,tls_version,url,extra_tags`),
// 18 once `expected_response` and `service` were inserted, 19 with `metadata`
// appended — so every column is found by name.
//
// Lines are split one at a time by our own RFC 4180 splitter rather than
// csv-parse: a stray quote makes csv-parse read the rest of the file as one
// field, and a torn last line is common (k6 killed mid-write). Go's csv writer
// only needs multi-line fields for values holding a newline, which k6's tags do
// not in practice; such a record would be counted as malformed lines.
import { readLines } from './read-lines.ts';
import type { K6Source } from './read-lines.ts';
import { SampleTally, parseRfc3339 } from './samples.ts';
import type { K6Samples, ParseOptions } from './samples.ts';

const REQUIRED = ['metric_name', 'timestamp', 'metric_value'] as const;

/** Fields of one CSV line; undefined when its quotes do not balance. */
export function splitCsvLine(line: string): string[] | undefined {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let field = '';
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      // Quoted field: "" is a literal quote; the closing quote must end the field.
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q === -1) return undefined;
        field += line.slice(i, q);
        if (line[q + 1] === '"') {
          field += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      if (i < line.length && line[i] !== ',') return undefined;
    } else {
      const comma = line.indexOf(',', i);
      const end = comma === -1 ? line.length : comma;
      field = line.slice(i, end);
      if (field.includes('"')) return undefined;
      i = end;
    }
    fields.push(field);
    field = '';
    i++; // past the comma (or past the end, which ends the loop)
  }
  return fields;
}

/**
 * Epoch ms of a k6 CSV timestamp. `timeFormat` may be unix (the default, whole
 * seconds), unix_milli, unix_micro, unix_nano, rfc3339 or rfc3339_nano (k6 docs,
 * "CSV options"); numbers are told apart by magnitude. NaN when invalid.
 */
export function parseCsvTimestamp(text: string): number {
  if (!/^\d+(\.\d+)?$/.test(text)) return parseRfc3339(text);
  const n = Number(text);
  if (n < 1e11) return n * 1000; // seconds: until the year 5138
  if (n < 1e14) return n; // milliseconds
  if (n < 1e17) return n / 1000; // microseconds
  return n / 1e6; // nanoseconds (beyond 2^53: sub-µs digits are lost, harmlessly)
}

/** Read a k6 CSV file or stream (plain or gzipped). Malformed lines are counted, never fatal. */
export async function parseK6Csv(source: K6Source, options: ParseOptions = {}): Promise<K6Samples> {
  const tally = new SampleTally(options);
  let column: ((row: string[], name: string) => string) | undefined;
  let width = 0;
  for await (const line of readLines(source)) {
    if (line.trim() === '') continue;
    const fields = splitCsvLine(line);
    if (column === undefined) {
      const header = fields ?? [];
      const missing = REQUIRED.filter((name) => !header.includes(name));
      if (missing.length > 0) {
        throw new Error(`not a k6 CSV file: the first line lacks the column(s) ${missing.join(', ')}`);
      }
      const index = new Map(header.map((name, i) => [name, i]));
      column = (row, name) => {
        const i = index.get(name);
        return i === undefined ? '' : (row[i] ?? '');
      };
      width = header.length;
      continue;
    }
    if (fields === undefined || fields.length !== width) {
      tally.malformed();
      continue;
    }
    const metric = column(fields, 'metric_name');
    if (metric !== 'http_req_duration' && metric !== 'dropped_iterations') continue;
    const timeMs = parseCsvTimestamp(column(fields, 'timestamp'));
    const valueText = column(fields, 'metric_value');
    const value = valueText === '' ? Number.NaN : Number(valueText);
    if (Number.isNaN(timeMs) || !Number.isFinite(value)) {
      tally.malformed();
      continue;
    }
    const scenario = column(fields, 'scenario');
    if (metric === 'dropped_iterations') {
      tally.dropped(value, scenario);
      continue;
    }
    tally.request({
      timeMs,
      valueMs: value,
      status: column(fields, 'status'),
      errorCode: column(fields, 'error_code'),
      expectedResponse: column(fields, 'expected_response'),
      scenario,
    });
  }
  return tally.finish();
}
