// Change points (E-divisive means with a minimum segment length) on seeded synthetic histories:
// a step is found at the run it starts at, a single spike (or two) is not a change, and noise alone finds
// a change point in at most 5% of histories. Each property is also shown to fail for the weaker
// method it guards against, so the test can tell the methods apart.
import { median } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { shiftInterval } from '../../src/analysis/shift.ts';
import { analyseTrend } from '../../src/trend/analyse.ts';
import { history, step } from './histories.ts';

const NOISE_HISTORIES = 200;

describe('change points', () => {
  it('finds a step at the run it starts at, as a regression', () => {
    // 100 seeded histories: a step of 3 repetition SDs after 12 runs, 30 runs in all, 5% of
    // repetitions spiked. Where a change is placed is an estimate (a run at the boundary can read
    // halfway), and noise adds a change point now and then (≤ 1% per test): so ≥ 95% exactly one
    // change, at run 12, and in every history a regression within one run of it.
    let exact = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const [series] = analyseTrend([history({ runs: 30, level: step(12, 100, 106), spikeShare: 0.05, seed })]).series;
      const changes = series!.changePoints;
      expect(changes.some((change) => Math.abs(change.index - 12) <= 1 && change.direction === 'regression'), `seed ${seed}`).toBe(true);
      if (changes.length === 1 && changes[0]!.index === 12) {
        exact++;
        expect(changes[0]).toMatchObject({ runId: 'run-012', direction: 'regression' });
        expect(changes[0]!.after - changes[0]!.before).toBeGreaterThan(4);
      }
    }
    expect(exact).toBeGreaterThanOrEqual(95);
  });

  it('finds a step down as an improvement, and two steps as two change points', () => {
    const [down] = analyseTrend([history({ runs: 24, level: step(10, 100, 92), seed: 7 })]).series;
    expect(down!.changePoints).toMatchObject([{ index: 10, direction: 'improvement' }]);
    const [both] = analyseTrend([history({ runs: 36, level: (run) => (run < 12 ? 100 : run < 24 ? 110 : 100), seed: 8 })]).series;
    expect(both!.changePoints.map((change) => [change.index, change.direction])).toEqual([
      [12, 'regression'],
      [24, 'improvement'],
    ]);
    expect(both!.segments.map((segment) => [segment.start, segment.end])).toEqual([
      [0, 12],
      [12, 24],
      [24, 35],
    ]);
  });

  it('does not take a single spiked run, or a burst of two, for a change; judging each run on its own would', () => {
    let spikes = 0;
    let bursts = 0;
    let naive = 0;
    for (let seed = 0; seed < 50; seed++) {
      const spiked = history({ runs: 30, level: (run) => (run === 14 ? 130 : 100), seed });
      if (analyseTrend([spiked]).series[0]!.changePoints.length > 0) spikes++;
      const burst = history({ runs: 30, level: (run) => (run === 14 || run === 15 ? 130 : 100), seed: 500 + seed });
      if (analyseTrend([burst]).series[0]!.changePoints.length > 0) bursts++;
      // The weaker method: a change wherever a run's repetitions differ measurably from the 5 runs before it.
      const runs = spiked.runs;
      if (runs.some((run, i) => i >= 5 && (shiftInterval(runs.slice(i - 5, i).flatMap((r) => r.values), run.values).ci?.low ?? 0) > 0)) naive++;
    }
    expect(spikes).toBe(0);
    expect(bursts).toBeLessThanOrEqual(2);
    expect(naive).toBe(50);
  });

  it('finds a change point in at most 5% of noise-only histories; testing the best split as if chosen in advance would find one far more often', () => {
    let alarms = 0;
    let naiveAlarms = 0;
    for (let seed = 0; seed < NOISE_HISTORIES; seed++) {
      const series = history({ runs: 30, spikeShare: 0.05, seed: 10_000 + seed });
      if (analyseTrend([series]).series[0]!.changePoints.length > 0) alarms++;
      // The weaker method: every split with 5 runs a side, each tested alone at 95%.
      const levels = series.runs.slice(0, -1).map((run) => median(run.values));
      const split = (at: number) => shiftInterval(levels.slice(0, at), levels.slice(at)).ci;
      if (levels.some((_, at) => at >= 5 && at <= levels.length - 5 && ((ci) => ci !== undefined && (ci.low > 0 || ci.high < 0))(split(at)))) naiveAlarms++;
    }
    expect(alarms / NOISE_HISTORIES).toBeLessThanOrEqual(0.05);
    expect(naiveAlarms / NOISE_HISTORIES).toBeGreaterThan(0.05);
  });

  it('says a history is too short instead of guessing', () => {
    const [series] = analyseTrend([history({ runs: 9, level: step(5, 100, 140), seed: 3 })]).series;
    expect(series!.changePoints).toEqual([]);
    expect(series!.changePointNote).toBe('8 run(s) before the newest; change points need 10');
  });

  it('analyses only the newest maxRuns runs of a long history', () => {
    const [series] = analyseTrend([history({ runs: 30, level: step(5, 100, 140), seed: 3 })], { maxRuns: 12 }).series;
    expect(series!.runs.map((run) => run.runId)).toEqual(Array.from({ length: 12 }, (_, i) => `run-0${18 + i}`));
    expect(series!.olderRuns).toBe(18);
    expect(series!.changePoints).toEqual([]); // the step is among the runs left out
  });

  it('gives the same result on every call (seeded permutations)', () => {
    const input = [history({ runs: 30, level: step(15, 100, 103), seed: 5 })];
    expect(analyseTrend(input)).toEqual(analyseTrend(input));
  });
});
