import { afterEach, describe, expect, it } from 'vitest';
import { createBuiltinDriver } from '../../src/drivers/builtin/index.ts';
import { MAX_SEND_LAG_P99_MS, saturationReason } from '../../src/drivers/builtin/saturation.ts';
import { loadCell, startServer } from './support.ts';
import type { TestServer } from './support.ts';

const keptSchedule = { dropped: 0, inFlightCap: 100, sendLagP99Ms: 1, scheduledInWindow: 1000, sentInWindow: 999 };

describe('saturation', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  it('is flagged with a reason when the in-flight cap drops requests', async () => {
    // 200 ms per response, 100 rps: ~20 requests want to be in flight; the cap allows 5.
    server = await startServer((_req, res) => setTimeout(() => res.end('ok'), 200));
    const outcome = await createBuiltinDriver({ maxInFlight: 5 }).run(
      loadCell({ rate: 100, connections: 5, durationMs: 1500 }),
      { url: server.url },
      new AbortController().signal,
    );
    expect(outcome.saturated).toBe(true);
    expect(outcome.saturationReason).toMatch(/\d+ requests dropped: 5 requests already in flight/);
    expect(outcome.saturationReason).toMatch(/scheduled requests were sent within the window/);
    // Only what the cap let through was sent and answered.
    expect(outcome.requests).toBeLessThan(0.5 * 150);
    expect(outcome.errors.total).toBe(0);
  });

  it('rules: none when the schedule was kept; each broken rule is named', () => {
    expect(saturationReason(keptSchedule)).toBeUndefined();
    const lagging = { ...keptSchedule, sendLagP99Ms: MAX_SEND_LAG_P99_MS + 5 };
    expect(saturationReason(lagging)).toBe('send lag p99 15.0 ms > 10 ms');
    expect(saturationReason({ ...keptSchedule, sentInWindow: 900 })).toBe(
      'only 900 of 1000 scheduled requests were sent within the window',
    );
    expect(saturationReason({ ...keptSchedule, dropped: 3 })).toBe(
      '3 requests dropped: 100 requests already in flight',
    );
  });
});
