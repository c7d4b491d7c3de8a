import { afterEach, describe, expect, it } from 'vitest';
import { createBuiltinDriver } from '../../src/drivers/builtin/index.ts';
import { decodeHistogram } from '../../src/results/histogram.ts';
import { connectionsDrain, loadCell, startServer } from './support.ts';
import type { TestServer } from './support.ts';

describe('open model at a modest rate', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  it.each(['constant', 'poisson'] as const)(
    '%s arrivals: achieves the target rate, cuts the warm-up, marks the window start once',
    async (arrival) => {
      server = await startServer();
      const rate = 200;
      const warmupMs = 1000;
      const durationMs = 2500;
      let measureStarts = 0;
      let measureStartedAt = 0;
      const progress: number[] = [];
      const t0 = performance.now();
      const outcome = await createBuiltinDriver().run(
        loadCell({ arrival, rate, warmupMs, durationMs, connections: 4 }),
        { url: server.url },
        new AbortController().signal,
        {
          onMeasureStart: () => {
            measureStarts++;
            measureStartedAt = performance.now() - t0;
          },
          onProgress: (completed) => progress.push(completed),
        },
      );

      const expected = (rate * durationMs) / 1000;
      expect(outcome.aborted).toBe(false);
      // Nothing dropped and everything left on time. (A send-lag flag alone can be
      // legitimate here: on a busy shared machine this process's timers do fire late.)
      const reason = outcome.saturationReason ?? '';
      expect(reason, reason).not.toMatch(/dropped|sent within the window/);
      expect(outcome.errors.total).toBe(0);
      expect(outcome.measuredMs).toBe(durationMs);
      expect(Math.abs(outcome.requests - expected) / expected).toBeLessThan(0.1);
      expect(Math.abs(outcome.achievedRps - rate) / rate).toBeLessThan(0.1);
      // The server also saw the warm-up's ~200 requests, which the outcome leaves out.
      expect(server.hits() - outcome.requests).toBeGreaterThan(0.8 * ((rate * warmupMs) / 1000));
      expect(outcome.latency!.count).toBe(outcome.requests);
      expect(decodeHistogram(outcome.histogram!).totalCount).toBe(outcome.requests);
      expect(await connectionsDrain(server)).toBe(true);
      expect(measureStarts).toBe(1);
      expect(measureStartedAt).toBeGreaterThanOrEqual(warmupMs - 5);
      expect(measureStartedAt).toBeLessThan(warmupMs + 500);
      // ~3.5 s run: progress about once a second, counts growing.
      expect(progress.length).toBeGreaterThanOrEqual(2);
      expect(progress.length).toBeLessThanOrEqual(4);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
    },
  );
});
