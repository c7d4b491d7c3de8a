// k6 `--out json=FILE` (NDJSON): one JSON object a line, either a metric
// declaration {"type":"Metric",...} or a sample
// {"type":"Point","data":{"time":RFC3339Nano,"value":n,"tags":{...}|null},"metric":name}.
// Newer k6 adds `expected_response` and `scenario` tags and a `data.metadata`
// object; k6 0.26 has neither tag. Only Points of http_req_duration and
// dropped_iterations matter here.
import { readLines } from './read-lines.ts';
import type { K6Source } from './read-lines.ts';
import { SampleTally, parseRfc3339 } from './samples.ts';
import type { K6Samples, ParseOptions } from './samples.ts';

interface Point {
  time: number;
  value: number;
  tags: Record<string, unknown>;
}

const tag = (tags: Record<string, unknown>, name: string): string => {
  const v = tags[name];
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
};

/** The Point's fields, or undefined when the line does not hold a valid one. */
function pointOf(data: unknown): Point | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { time, value, tags } = data as { time?: unknown; value?: unknown; tags?: unknown };
  if (typeof time !== 'string' || typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const ms = parseRfc3339(time);
  if (Number.isNaN(ms)) return undefined;
  // k6 writes `"tags": null` for samples without tags (vus, vus_max in 0.26).
  if (tags !== null && tags !== undefined && (typeof tags !== 'object' || Array.isArray(tags))) return undefined;
  return { time: ms, value, tags: (tags ?? {}) as Record<string, unknown> };
}

/** Read a k6 NDJSON file or stream (plain or gzipped). Malformed lines are counted, never fatal. */
export async function parseK6Ndjson(source: K6Source, options: ParseOptions = {}): Promise<K6Samples> {
  const tally = new SampleTally(options);
  for await (const line of readLines(source)) {
    if (line.trim() === '') continue;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      tally.malformed();
      continue;
    }
    if (typeof entry !== 'object' || entry === null) {
      tally.malformed();
      continue;
    }
    const { type, metric, data } = entry as { type?: unknown; metric?: unknown; data?: unknown };
    if (type !== 'Point' || (metric !== 'http_req_duration' && metric !== 'dropped_iterations')) continue;
    const point = pointOf(data);
    if (point === undefined) {
      tally.malformed();
      continue;
    }
    const scenario = tag(point.tags, 'scenario');
    if (metric === 'dropped_iterations') {
      tally.dropped(point.value, scenario);
      continue;
    }
    tally.request({
      timeMs: point.time,
      valueMs: point.value,
      status: tag(point.tags, 'status'),
      errorCode: tag(point.tags, 'error_code'),
      expectedResponse: tag(point.tags, 'expected_response'),
      scenario,
    });
  }
  return tally.finish();
}
