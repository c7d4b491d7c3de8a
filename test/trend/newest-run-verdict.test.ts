// The newest run's verdict on seeded synthetic histories: a regression in the newest run is
// exit-worthy, an improvement is not, noise alone fails at most 5% of series (with runs that
// differ only as repetitions do, and with runs that differ by much more — where pooling the
// repetitions without the run-to-run check would fail far more often), and series with too few
// runs or repetitions say so instead of guessing.
import { describe, expect, it } from 'vitest';
import { shiftInterval } from '../../src/analysis/shift.ts';
import { analyseTrend, trendExitCode } from '../../src/trend/analyse.ts';
import { history, step } from './histories.ts';

const NOISE_HISTORIES = 300;

describe('the newest run', () => {
  it('is a regression, exit-worthy, when it starts a measurable rise', () => {
    let found = 0;
    for (let seed = 0; seed < 50; seed++) {
      // 3 repetition SDs up in the newest run only, after 15 runs at one level.
      const result = analyseTrend([history({ runs: 16, level: step(15, 100, 106), spikeShare: 0.05, seed })]);
      const [series] = result.series;
      if (series!.newest.verdict === 'regression') {
        found++;
        expect(trendExitCode(result)).toBe(1);
        expect(series!.newest.ci!.low).toBeGreaterThan(0);
        expect(series!.newest.shift).toBeGreaterThan(series!.newest.runToRun!.high);
      }
    }
    expect(found).toBeGreaterThanOrEqual(45);
  });

  it('is judged against the segment since the last change point, not the whole history', () => {
    // Runs 0–11 at 110, then 12 runs at 100, then the newest at 104: above the current level, below the old one.
    const [series] = analyseTrend([history({ runs: 25, level: (run) => (run < 12 ? 110 : run < 24 ? 100 : 104), seed: 3 })]).series;
    expect(series!.changePoints).toMatchObject([{ index: 12, direction: 'improvement' }]);
    expect(series!.newest).toMatchObject({ verdict: 'regression', segmentRuns: 12, offLevel: [], repetitions: { segment: 60, newest: 5 } });
  });

  it('keeps failing while a regression lasts, until it has lasted about minSegment runs and is a change point', () => {
    const failing = [0, 0, 0, 0, 0];
    let settledFailing = 0;
    const seeds = 20;
    for (let seed = 0; seed < seeds; seed++) {
      // 15 runs at 100, then `raised` runs at 106, the newest last among them.
      const at = (raised: number) => analyseTrend([history({ runs: 15 + raised, level: step(15, 100, 106), seed: 600 + seed })]).series[0]!;
      for (let raised = 1; raised <= 4; raised++) {
        const series = at(raised);
        if (series.newest.verdict === 'regression') failing[raised]!++;
        if (raised === 2 && series.newest.verdict === 'regression') expect(series.newest.offLevel).toEqual(expect.arrayContaining(['run-015']));
      }
      // Six raised runs: five of them are a segment of their own now, and the newest is at its
      // level (failing only as noise fails against any segment of 5 runs).
      const settled = at(6);
      expect(settled.changePoints.some((change) => Math.abs(change.index - 15) <= 1), `seed ${seed}`).toBe(true);
      if (settled.newest.verdict === 'regression') settledFailing++;
    }
    expect(settledFailing).toBeLessThanOrEqual(2);
    // Judged against a level that kept the raised runs, the second raised run would fail about
    // half the time, the third a third; the fourth can already read as the start of a segment.
    expect(failing.slice(1, 4).every((count) => count >= 0.95 * seeds)).toBe(true);
    expect(failing[4]).toBeGreaterThanOrEqual(0.8 * seeds);
  });

  it('an improvement is not a regression', () => {
    const result = analyseTrend([history({ runs: 16, level: step(15, 100, 90), seed: 9 })]);
    expect(result.series[0]!.newest.verdict).toBe('improvement');
    expect(trendExitCode(result)).toBe(0);
  });

  it('noise alone fails at most 5% of series when runs differ as repetitions do', () => {
    let regressions = 0;
    for (let seed = 0; seed < NOISE_HISTORIES; seed++) {
      const result = analyseTrend([history({ runs: 20, spikeShare: 0.05, seed: 20_000 + seed })]);
      regressions += trendExitCode(result);
    }
    expect(regressions / NOISE_HISTORIES).toBeLessThanOrEqual(0.05);
  });

  it('noise alone fails at most 5% of series when runs differ by more than repetitions; pooled repetitions alone would fail far more', () => {
    let regressions = 0;
    let pooledOnly = 0;
    for (let seed = 0; seed < NOISE_HISTORIES; seed++) {
      // Each run off by N(0, 3²) as a whole (another machine), repetitions N(0, 1²) around it. Then
      // only the run-to-run check holds the rate, at ≤ 1 / (n + 1) for n = 39 segment runs.
      const series = history({ runs: 40, runSd: 3, repetitionSd: 1, seed: 30_000 + seed });
      regressions += trendExitCode(analyseTrend([series]));
      const segment = series.runs.slice(0, -1).flatMap((run) => run.values);
      if ((shiftInterval(segment, series.runs.at(-1)!.values).ci?.low ?? 0) > 0) pooledOnly++;
    }
    expect(regressions / NOISE_HISTORIES).toBeLessThanOrEqual(0.05);
    expect(pooledOnly / NOISE_HISTORIES).toBeGreaterThan(0.15);
  });

  it('keeps noise alone from failing the command across many series (Bonferroni)', () => {
    let failedCommands = 0;
    const commands = 40;
    for (let seed = 0; seed < commands; seed++) {
      const series = Array.from({ length: 20 }, (_, i) => history({ runs: 12, seed: 40_000 + seed * 20 + i, metric: `m${i}` }));
      failedCommands += trendExitCode(analyseTrend(series));
    }
    // 20 series each judged at 95% alone would fail a command 1 − 0.975²⁰ ≈ 40% of the time.
    expect(failedCommands / commands).toBeLessThanOrEqual(0.1);
  });

  it('says so when there are too few runs or repetitions', () => {
    const [few] = analyseTrend([history({ runs: 4, level: step(3, 100, 200), seed: 1 })]).series;
    expect(few!.newest).toMatchObject({ verdict: 'insufficient runs', reason: '3 run(s) before the newest at its level; needs 5' });
    const [single] = analyseTrend([history({ runs: 8, repetitions: 1, level: step(7, 100, 200), seed: 1 })]).series;
    expect(single!.newest.verdict).toBe('insufficient repetitions');
    expect(single!.newest.reason).toBe('1 vs 7 repetitions cannot give a 95% interval');
    const [none] = analyseTrend([{ key: few!.key, unit: 'ms', runs: [] }]).series;
    expect(none!.newest.verdict).toBe('insufficient runs');
    expect(trendExitCode(analyseTrend([history({ runs: 4, level: step(3, 100, 200), seed: 1 })]))).toBe(0);
  });
});
