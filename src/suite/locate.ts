// Maps a validation path (["experiments", 0, "duration"]) back to where it is written in the YAML
// source, so every problem can say file:line:column.
import { isMap, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter } from 'yaml';

export interface Position {
  line: number;
  column: number;
}

/**
 * Where `path` is written. `key` points at the key itself (unknown keys), `value` at its value
 * (bad values). A path that is not in the file (a missing key) resolves to the nearest ancestor
 * that is, i.e. the parent object.
 */
export function locate(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
  anchor: 'key' | 'value',
): Position {
  let node: unknown = doc.contents;
  let key: unknown;
  for (const segment of path) {
    let next: unknown;
    let nextKey: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => keyName(item.key) === String(segment));
      next = pair?.value;
      nextKey = pair?.key;
      // `key:` with nothing after it has no value node: the key is the best place to point.
      if (pair && !next) next = pair.key;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (!next) break;
    node = next;
    key = nextKey;
  }
  const target = anchor === 'key' && key ? key : node;
  return position(lineCounter, rangeStart(target) ?? rangeStart(doc.contents) ?? 0);
}

/** Position of a character offset in the source. */
export function position(lineCounter: LineCounter, offset: number): Position {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** A mapping key as the parsed data names it: yaml's toJS turns a null key (`~:`, an empty `?`) into "". */
export function keyName(key: unknown): string {
  const value = isScalar(key) ? key.value : key;
  return value === null || value === undefined ? '' : String(value);
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}
