// A fake `k6` (v1.3.0): `version`, and `run` replaying a prepared run. It writes what the real one
// does where the real one writes it: samples to the `--out json=` target (a file, gzipped when
// it ends in .gz), k6's own logfmt lines to stderr, handleSummary's JSON to SUMMARY_PATH. The
// prepared files come from the fake k6 runtime (test/fakes/k6/run.ts) running the real script.
//   FAKE_K6_NDJSON=<file>    the NDJSON sample lines to replay
//   FAKE_K6_SUMMARY=<file>   the summary JSON handleSummary would produce
//   FAKE_K6_HANG_AFTER=<n>   write n sample lines, touch $FAKE_STATE_DIR/k6-running, then wait for
//                            SIGTERM; then, as k6 does on its first signal, still run handleSummary
//                            (grafana/k6 internal/cmd/run.go defers it past the abort) with
//                            FAKE_K6_ABORT_SUMMARY, and exit 105 ("externally aborted")
//   FAKE_K6_FAIL=script      fail like a script exception at init (exit code 107)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fail, flag, record } from './common.ts';

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
const prepared = (name: string): string => readFileSync(process.env[name] ?? fail(`fake k6: ${name} is not set`), 'utf8');

if (argv[0] === 'version') {
  console.log('k6 v1.3.0 (commit/5870e99ae8, go1.25.1, linux/amd64)');
} else if (argv[0] === 'run' && process.env.FAKE_K6_FAIL === 'script') {
  log('error', 'Error: --env RATE must be an integer >= 1, got \\"0\\"\\n\\tat intEnv (file:///scripts/load.ts:18:11(40))');
  process.exit(107);
} else if (argv[0] === 'run') {
  const out = flag(argv, '--out')?.replace(/^json=/, '');
  const env = envOf(argv);
  const lines = prepared('FAKE_K6_NDJSON').split('\n').filter((line) => line !== '');
  const hangAfter = process.env.FAKE_K6_HANG_AFTER;
  if (hangAfter !== undefined) {
    if (out !== undefined) writeSamples(out, lines.slice(0, Number(hangAfter)));
    process.on('SIGTERM', () => {
      log('info', 'Stopping k6 in response to signal...');
      if (env.SUMMARY_PATH) writeFileSync(env.SUMMARY_PATH, prepared('FAKE_K6_ABORT_SUMMARY').trim());
      process.exit(105);
    });
    writeFileSync(join(process.env.FAKE_STATE_DIR ?? '.', 'k6-running'), '');
    setInterval(() => {}, 1000);
  } else {
    log('warning', 'The test is using a deprecated option');
    if (out !== undefined) writeSamples(out, lines);
    if (env.SUMMARY_PATH) writeFileSync(env.SUMMARY_PATH, prepared('FAKE_K6_SUMMARY').trim());
    process.stdout.write('meshbench measure window: requests=- p50=-ms p99=-ms max=-ms failed=- dropped_iterations=-\n');
  }
} else {
  fail(`unknown command "${argv[0]}" for "k6"`);
}
