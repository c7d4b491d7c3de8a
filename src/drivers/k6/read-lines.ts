// Lines of a k6 output file, plain or gzipped. k6 gzips whenever the file name
// ends in .gz, and files get renamed on the way out of a pod, so we decide by the
// gzip magic bytes (1f 8b), never by the extension. Streaming: result files of a
// long run are gigabytes.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { constants, createGunzip } from 'node:zlib';

/** A file path, or the bytes of one (e.g. a stream copied out of a pod). */
export type K6Source = string | AsyncIterable<Uint8Array>;

const isGzip = (head: Buffer): boolean => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;

/** Chunks of the source, gunzipped when its first two bytes are the gzip magic. */
async function* decompressed(source: K6Source): AsyncGenerator<Buffer> {
  const chunks = typeof source === 'string' ? createReadStream(source) : source;
  const iterator = chunks[Symbol.asyncIterator]();
  // Peek until two bytes are known: a stream may hand them over one at a time.
  let head = Buffer.alloc(0);
  while (head.length < 2) {
    const next = await iterator.next();
    if (next.done === true) break;
    head = Buffer.concat([head, Buffer.from(next.value)]);
  }
  async function* all(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
      yield Buffer.from(next.value);
    }
  }
  if (!isGzip(head)) {
    yield* all();
    return;
  }
  // Z_SYNC_FLUSH at the end: a k6 killed mid-run leaves a truncated gzip; we keep
  // what it holds (its torn last line is then counted as malformed) instead of failing.
  const gunzip = Readable.from(all()).pipe(createGunzip({ finishFlush: constants.Z_SYNC_FLUSH }));
  for await (const chunk of gunzip) yield chunk as Buffer;
}

/** The source's lines without line terminators (\n or \r\n); a last line without \n is yielded too. */
export async function* readLines(source: K6Source): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of decompressed(source)) {
    const parts = (rest + decoder.write(chunk)).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) yield line.endsWith('\r') ? line.slice(0, -1) : line;
  }
  rest += decoder.end();
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}
