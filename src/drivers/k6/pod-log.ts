// How samples get out of a k6 pod: through its log. The pods run `k6 run --out json=- ...`, and
// k6's JSON output writes to stdout when the file name is "-" (output/json/json.go), one NDJSON
// line per sample; k6's own messages go to stderr in logfmt (`time="..." level=...`); at the end
// handleSummary prints a text line and the summary JSON between K6_SUMMARY_BEGIN/END (the script
// does that when SUMMARY_STDOUT=json). The container runtime splits each stream into whole lines
// before it interleaves them, so a line is either a sample, a summary marker/body, or other text.
// Files written inside a pod would vanish with it, and exec into a finished pod is impossible:
// the log is the one channel that outlives k6 without extra machinery.
import { K6_SUMMARY_BEGIN, K6_SUMMARY_END, type K6SampleOutput } from './params.ts';

/** The `--out` that sends samples to stdout, hence to the pod log. */
export const K6_STDOUT_SAMPLES: K6SampleOutput = { format: 'json', path: '-' };

export interface K6PodLog {
  /** NDJSON lines (anything outside the summary that starts with `{`), in log order. */
  sampleLines: string[];
  /** The summary JSON document, when the log holds a complete framed one. */
  summary: unknown;
  /** Lines that are neither: k6's stderr, the summary's text line. */
  otherLines: number;
}

/** Splits one pod's log text into sample lines and the summary. Pure. */
export function splitK6PodLog(text: string): K6PodLog {
  const log: K6PodLog = { sampleLines: [], summary: undefined, otherLines: 0 };
  let summaryText: string[] | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === K6_SUMMARY_BEGIN) {
      summaryText = [];
    } else if (line === K6_SUMMARY_END && summaryText !== undefined) {
      log.summary = parseSummary(summaryText.join('\n'));
      summaryText = undefined;
    } else if (summaryText !== undefined) {
      summaryText.push(line);
    } else if (line.startsWith('{')) {
      log.sampleLines.push(line);
    } else if (line.trim() !== '') {
      log.otherLines++;
    }
  }
  return log;
}

function parseSummary(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new Error('the k6 summary between the marker lines in the pod log is not valid JSON', { cause });
  }
}

/** Lines as the byte stream the NDJSON parser reads. */
export async function* linesAsBytes(lines: readonly string[]): AsyncGenerator<Uint8Array> {
  // Chunks of a few thousand lines: one huge string would double the memory of a long run.
  const CHUNK = 4096;
  for (let i = 0; i < lines.length; i += CHUNK) yield Buffer.from(`${lines.slice(i, i + CHUNK).join('\n')}\n`);
}
