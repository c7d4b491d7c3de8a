// A fake `k6` (v1.3.0): `version`, and `run` replaying a prepared run. It writes what the real one
// does where the real one writes it: samples to the `--out json=` target (a file, gzipped when
// it ends in .gz, or stdout for "-"), k6's own logfmt lines to stderr, handleSummary's outputs
// to SUMMARY_PATH and, with SUMMARY_STDOUT=json, the framed summary on stdout.
//   FAKE_K6_NDJSON=<file>    the NDJSON sample lines to replay
//   FAKE_K6_SUMMARY=<file>   the summary JSON handleSummary would produce
//   FAKE_K6_HANG_AFTER=<n>   write n sample lines, touch $FAKE_STATE_DIR/k6-running, then wait
//                            for SIGTERM and exit 105 (k6's "externally aborted") without a summary
//   FAKE_K6_FAIL=script      fail like a script exception at init (exit code 107)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fail, flag, record } from './common.ts';

// Kept in step with src/drivers/k6/params.ts (a fake must not import the code it stands in for).
const SUMMARY_BEGIN = '----- meshbench k6 summary json begin -----';
const SUMMARY_END = '----- meshbench k6 summary json end -----';

const argv = process.argv.slice(2);
record('k6', argv);

function envOf(args: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  args.forEach((arg, i) => {
    if (arg !== '--env') return;
    const pair = args[i + 1] ?? '';
    env[pair.slice(0, pair.indexOf('='))] = pair.slice(pair.indexOf('=') + 1);
  });
  return env;
}

function writeSamples(target: string, lines: string[]): void {
  const text = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  if (target === '-') process.stdout.write(text);
  else writeFileSync(target, target.endsWith('.gz') ? gzipSync(text) : text);
}

const log = (level: string, msg: string): void => void process.stderr.write(`time="2026-03-01T10:00:00Z" level=${level} msg="${msg}"\n`);

if (argv[0] === 'version') {
  console.log('k6 v1.3.0 (commit/5870e99ae8, go1.25.1, linux/amd64)');
} else if (argv[0] === 'run' && process.env.FAKE_K6_FAIL === 'script') {
  log('error', 'Error: --env RATE must be an integer >= 1, got \\"0\\"\\n\\tat intEnv (file:///scripts/load.ts:18:11(40))');
  process.exit(107);
} else if (argv[0] === 'run') {
  const out = flag(argv, '--out')?.replace(/^json=/, '');
  const env = envOf(argv);
  const lines = readFileSync(process.env.FAKE_K6_NDJSON ?? fail('fake k6: FAKE_K6_NDJSON is not set'), 'utf8').split('\n').filter((line) => line !== '');
  const hangAfter = process.env.FAKE_K6_HANG_AFTER;
  if (hangAfter !== undefined) {
    if (out !== undefined) writeSamples(out, lines.slice(0, Number(hangAfter)));
    process.on('SIGTERM', () => {
      log('info', 'Stopping k6 in response to signal...');
      process.exit(105);
    });
    writeFileSync(join(process.env.FAKE_STATE_DIR ?? '.', 'k6-running'), '');
    setInterval(() => {}, 1000);
  } else {
    log('warning', 'The test is using a deprecated option');
    if (out !== undefined) writeSamples(out, lines);
    const summary = readFileSync(process.env.FAKE_K6_SUMMARY ?? fail('fake k6: FAKE_K6_SUMMARY is not set'), 'utf8').trim();
    if (env.SUMMARY_PATH) writeFileSync(env.SUMMARY_PATH, summary);
    let text = 'meshbench measure window: requests=- p50=-ms p99=-ms max=-ms dropped_iterations=-\n';
    if (env.SUMMARY_STDOUT === 'json') text += `${SUMMARY_BEGIN}\n${summary}\n${SUMMARY_END}\n`;
    process.stdout.write(text);
  }
} else {
  fail(`unknown command "${argv[0]}" for "k6"`);
}
