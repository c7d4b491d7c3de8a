import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseK6Csv } from '../../../src/drivers/k6/parse-csv.ts';
import { parseK6Ndjson } from '../../../src/drivers/k6/parse-ndjson.ts';
import { readLines } from '../../../src/drivers/k6/read-lines.ts';
import { csvLines, ndjsonLines, oneToThousand, scratch } from './k6-lines.ts';

let dir: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  dir = await scratch();
});
afterAll(() => dir.cleanup());

const ndjson = `${ndjsonLines(oneToThousand()).join('\n')}\n`;
const csv = `${csvLines(oneToThousand()).join('\n')}\n`;

describe('gzip', () => {
  it('gunzips files whatever their name says', async () => {
    const fromJson = await parseK6Ndjson(await dir.write('results.json', gzipSync(ndjson)));
    const fromCsv = await parseK6Csv(await dir.write('results.csv', gzipSync(csv)));
    expect(fromJson.attempts).toBe(1000);
    expect(fromCsv.attempts).toBe(1000);
    expect(fromJson.malformedLines + fromCsv.malformedLines).toBe(0);
  });

  it('reads a plain file named .gz as plain text', async () => {
    const s = await parseK6Csv(await dir.write('results.csv.gz', csv));
    expect(s.attempts).toBe(1000);
  });

  it('keeps what a truncated gzip holds and counts its torn line instead of failing', async () => {
    const gz = gzipSync(ndjson);
    const s = await parseK6Ndjson(await dir.write('torn.json.gz', gz.subarray(0, Math.floor(gz.length / 2))));
    expect(s.attempts).toBeGreaterThan(0);
    expect(s.attempts).toBeLessThan(1000);
    expect(s.malformedLines).toBe(1);
  });

  it('reads a gzipped stream that arrives one byte at a time', async () => {
    const gz = gzipSync('line one\r\nline two\nlast without newline');
    async function* bytes(): AsyncGenerator<Uint8Array> {
      for (const b of gz) yield Uint8Array.of(b);
    }
    const lines: string[] = [];
    for await (const line of readLines(bytes())) lines.push(line);
    expect(lines).toEqual(['line one', 'line two', 'last without newline']);
  });
});
