import { Command, Option } from 'commander';
import { measureCalibration, type CalibrationSettings } from '../calibrate/measure.ts';
import { judgeCalibration, type Calibration } from '../calibrate/verdict.ts';
import { builtinDriver } from '../drivers/builtin/index.ts';
import { trapInterrupts } from '../run/interrupt.ts';
import { DURATION_BOUNDS } from '../suite/bounds.ts';
import { formatDuration, parseDuration } from '../suite/duration.ts';
import { EXIT, UsageError } from '../errors.ts';
import { createProgress } from './progress.ts';

interface Flags {
  proxyDelay: string;
  startupDelay: string;
  rate: string;
  connections: string;
  duration: string;
  warmup: string;
  repetitions: string;
  iterations: string;
  json?: boolean;
}

export function calibrateCommand(): Command {
  return new Command('calibrate')
    .description(
      'known-answer self-test of the measurement chain on this machine: inject a proxy delay and a ' +
        'workload startup delay into the local emulation and report how close meshbench measures them',
    )
    .option('--proxy-delay <duration>', 'delay the sidecar proxy hop adds to every request (a profile\'s emulation.proxyDelay)', '3ms')
    .option('--startup-delay <duration>', 'delay before the workload listens (cold start)', '300ms')
    .option('--rate <rps>', 'open-model arrival rate of each load repetition', '200')
    .option('--connections <n>', 'connections of the load driver', '8')
    .option('--duration <duration>', 'measured window of each load repetition', '3s')
    .option('--warmup <duration>', 'warm-up cut before each window', '1s')
    .option('--repetitions <n>', 'load repetitions per configuration', '5')
    .option('--iterations <n>', 'cold starts per configuration', '10')
    .addOption(new Option('--json', 'print the calibration as JSON on stdout'))
    .action(async (flags: Flags) => {
      const settings = parseSettings(flags);
      const progress = createProgress();
      const interrupt = trapInterrupts((signal) => progress.log(`${signal} received: stopping`));
      progress.log('meshbench calibrate: local emulation with injected costs (no Kubernetes involved)');
      const samples = await measureCalibration(settings, builtinDriver, interrupt.signal, {
        log: (line) => progress.log(line),
      })
        .catch((error: unknown) => {
          // Ctrl-C while the emulation is still starting aborts its start: that is an interrupt, not a failure.
          if (interrupt.received()) process.exit(EXIT.interrupted);
          throw error;
        })
        .finally(() => interrupt.dispose());
      const calibration = judgeCalibration(samples);
      progress.done();
      process.stdout.write(flags.json ? `${JSON.stringify({ settings, samples, calibration }, null, 2)}\n` : formatCalibration(calibration));
      process.exit(interrupt.received() ? EXIT.interrupted : calibration.passed ? EXIT.ok : EXIT.thresholdFailed);
    });
}

function parseSettings(flags: Flags): CalibrationSettings {
  const ms = (flag: string, text: string) => {
    const value = parseDuration(text);
    if (value === undefined) throw new UsageError(`--${flag}: expected a duration with a unit like "3ms" or "2s"; got "${text}"`);
    return value;
  };
  const count = (flag: string, text: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new UsageError(`--${flag}: expected a positive integer; got "${text}"`);
    return value;
  };
  const proxyDelayMs = ms('proxy-delay', flags.proxyDelay);
  // It becomes the delayed profile's emulation.proxyDelay, within that field's bounds.
  if (proxyDelayMs > DURATION_BOUNDS.proxyDelay.max) {
    throw new UsageError(`--proxy-delay: expected at most ${formatDuration(DURATION_BOUNDS.proxyDelay.max)} (the bound of a profile's emulation.proxyDelay); got "${flags.proxyDelay}"`);
  }
  return {
    proxyDelayMs,
    startupDelayMs: ms('startup-delay', flags.startupDelay),
    rate: count('rate', flags.rate),
    connections: count('connections', flags.connections),
    durationMs: ms('duration', flags.duration),
    warmupMs: ms('warmup', flags.warmup),
    repetitions: count('repetitions', flags.repetitions),
    iterations: count('iterations', flags.iterations),
  };
}

function formatCalibration(calibration: Calibration): string {
  const lines = ['', 'check                                          injected   measured   95% CI               error      tolerance  result'];
  for (const check of calibration.checks) {
    const ci = check.ci ? `[${check.ci.low.toFixed(3)}, ${check.ci.high.toFixed(3)}]` : '—';
    lines.push(
      [
        check.name.padEnd(46),
        `${check.injectedMs.toFixed(3)}ms`.padStart(9),
        `${check.measuredMs.toFixed(3)}ms`.padStart(10),
        ci.padEnd(20),
        `${check.errorMs >= 0 ? '+' : ''}${check.errorMs.toFixed(3)}ms`.padStart(10),
        check.toleranceMs === undefined ? ` ${check.criterion ?? ''}` : `±${check.toleranceMs.toFixed(3)}ms`.padStart(10),
        check.passed ? 'ok' : 'FAIL',
      ].join(' '),
    );
  }
  const floor = calibration.noiseFloorMs;
  lines.push(
    '',
    floor === undefined
      ? 'noise floor: needs at least 4 repetitions a side'
      : `noise floor: p50 differences smaller than ${floor.toFixed(3)} ms are not distinguishable from noise on this machine (A/A comparison, 95% interval)`,
    calibration.passed ? 'calibration passed' : 'calibration FAILED: an error exceeds its tolerance, or the A/A pair differed',
    '',
  );
  return lines.join('\n');
}
