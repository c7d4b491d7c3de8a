import { describe, expect, it } from 'vitest';
import { cpuStep, summariseWindow, type ComponentPoll, type Reading } from '../../../src/measure/cpu-rate.ts';

const T0 = 1_700_000_000_000;
const MiB = 1024 * 1024;
const reading = (cpuSecondsTotal: number, atS: number, memMiB = 10, startTimeSeconds?: number): Reading => ({
  cpuSecondsTotal,
  cpuTimestampMs: T0 + atS * 1000,
  workingSetBytes: memMiB * MiB,
  ...(startTimeSeconds === undefined ? {} : { startTimeSeconds }),
});
const poll = (measured: boolean, readings: Record<string, Reading>): ComponentPoll => ({ measured, readings: new Map(Object.entries(readings)) });

describe('cpuStep', () => {
  it('is Δcounter / Δtimestamp: +0.5 s of CPU over 2 s is 250 millicores', () => {
    expect(cpuStep(reading(10, 0), reading(10.5, 2))).toEqual({ kind: 'rate', millicores: 250, cpuSeconds: 0.5 });
  });

  it('drops the interval when the counter goes down (the container restarted)', () => {
    expect(cpuStep(reading(10, 0), reading(0.2, 2))).toEqual({ kind: 'reset' });
  });

  it('drops the interval when the start time changed, even though the counter grew', () => {
    expect(cpuStep(reading(0.1, 0, 10, 100), reading(0.4, 2, 10, 101))).toEqual({ kind: 'reset' });
  });

  it('gives no rate for an identical timestamp (the kubelet has no new reading)', () => {
    expect(cpuStep(reading(10, 4), reading(10, 4))).toEqual({ kind: 'stale' });
  });
});

describe('summariseWindow', () => {
  it('cuts the warm-up, and the interval from its last reading into the window too', () => {
    const summary = summariseWindow([
      poll(false, { a: reading(0, 0) }),
      poll(false, { a: reading(4, 2) }), // 2000 m during warm-up: must not show
      poll(true, { a: reading(4.5, 4, 20) }), // 250 m, but over an interval that began in the warm-up
      poll(true, { a: reading(5.5, 6, 30) }), // 500 m: both readings taken in the window
    ]);
    expect(summary.cpuMillicores).toEqual({ min: 500, avg: 500, max: 500 });
    expect(summary.cpuSeconds).toBeCloseTo(1);
    expect(summary.memoryMiB).toEqual({ min: 20, avg: 25, max: 30 });
    expect(summary).toMatchObject({ samples: 2, readings: 2, mostReadings: 2 });
  });

  it('counts distinct readings, not polls, and none after the window ends', () => {
    const summary = summariseWindow([
      poll(true, { a: reading(0, 0), b: reading(0, 1) }),
      poll(true, { a: reading(0, 0), b: reading(0, 1) }), // the same readings again
      poll(true, { a: reading(1, 10), b: reading(0, 1) }),
      poll(true, { a: reading(1, 10), b: reading(0, 1) }),
      poll(false, { a: reading(9, 20), b: reading(0, 1) }), // the tail: 800 m that is not the cell's
    ]);
    expect(summary).toMatchObject({ samples: 4, readings: 3, mostReadings: 2 });
  });

  it('gives a CPU figure only for polls in which every container has a rate', () => {
    const summary = summariseWindow([
      poll(true, { a: reading(0, 0), b: reading(0, 1) }),
      poll(true, { a: reading(1, 10), b: reading(0, 1) }), // a at 100 m, b not yet known: 100 m would understate
      poll(true, { a: reading(1, 10), b: reading(0.5, 11) }), // b at 50 m: 150 m
    ]);
    expect(summary.rateSamples).toBe(1);
    expect(summary.cpuMillicores).toEqual({ min: 150, avg: 150, max: 150 });
  });

  it('holds a rate across polls that repeat the same reading', () => {
    const summary = summariseWindow([
      poll(true, { a: reading(0, 0) }),
      poll(true, { a: reading(1, 10) }), // 100 m
      poll(true, { a: reading(1, 10) }), // stale: still 100 m
    ]);
    expect(summary.samples).toBe(3);
    expect(summary.rateSamples).toBe(2);
    expect(summary.cpuMillicores).toEqual({ min: 100, avg: 100, max: 100 });
    expect(summary.cpuSeconds).toBe(1);
  });

  it('skips the interval of a restart and measures again from the new counter', () => {
    const summary = summariseWindow([
      poll(true, { a: reading(10, 0) }),
      poll(true, { a: reading(11, 2) }), // 500 m
      poll(true, { a: reading(0.2, 4) }), // restart: dropped
      poll(true, { a: reading(0.6, 6) }), // 200 m
    ]);
    expect(summary.resets).toBe(1);
    expect(summary.cpuMillicores.min).toBeCloseTo(200);
    expect(summary.cpuMillicores.max).toBe(500);
    expect(summary.cpuSeconds).toBeCloseTo(1.4);
  });

  it('sums millicores across a component\'s pods and averages memory per pod', () => {
    const summary = summariseWindow([
      poll(true, { p1: reading(0, 0, 10), p2: reading(0, 0, 30) }),
      poll(true, { p1: reading(0.2, 2, 10), p2: reading(0.6, 2, 30) }), // 100 m + 300 m
    ]);
    expect(summary.cpuMillicores.max).toBe(400);
    expect(summary.memoryMiB.avg).toBe(20);
    expect(summary.cpuSeconds).toBeCloseTo(0.8);
  });

  it('counts nothing for a container never seen in the measured window', () => {
    const summary = summariseWindow([poll(false, { a: reading(0, 0) }), poll(true, {}), poll(true, {})]);
    expect(summary).toMatchObject({ samples: 0, rateSamples: 0, cpuSeconds: 0 });
  });

  it('counts CPU for the window only, not the whole 15 s kubelet interval around it', () => {
    // 200 m steady; readings 15 s apart; the measured window is 5 s long: 1 CPU-second, not 3.
    const polls = [poll(true, { a: reading(0, 0) }), poll(true, { a: reading(0, 0) }), poll(true, { a: reading(3, 15) })];
    expect(summariseWindow(polls).cpuSeconds).toBeCloseTo(3);
    expect(summariseWindow(polls, 5_000).cpuSeconds).toBeCloseTo(1);
  });

  it('scales a container by the share of the window it was present (a Knative pod scaled away)', () => {
    const polls = [
      poll(true, { a: reading(0, 0) }),
      poll(true, { a: reading(1, 10) }), // 100 m
      poll(true, {}),
      poll(true, {}),
    ];
    // Present in 2 of 4 measured polls of a 40 s window: 100 m × 20 s.
    expect(summariseWindow(polls, 40_000).cpuSeconds).toBeCloseTo(2);
  });
});
