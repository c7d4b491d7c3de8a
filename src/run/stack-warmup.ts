// Warms a prepared profile's data path with load before its first measured cell (plan/warmup.ts
// says what load), through the same driver that cell uses, and says what was done. A warm-up
// that fails is returned as such: the caller must not then measure the profile as if warm.
import type { StackWarmupPlan } from '../plan/warmup.ts';
import type { WarmupRecord } from '../results/run-record.ts';
import type { ProfileSession } from '../targets/target.ts';
import type { DriverFor } from './drivers.ts';

export async function warmStack(plan: StackWarmupPlan, session: ProfileSession, driverFor: DriverFor, signal: AbortSignal): Promise<WarmupRecord> {
  if ('skipped' in plan) return { skipped: plan.skipped };
  const { cell } = plan;
  try {
    const { driver, endpoint } = driverFor(cell, session);
    const outcome = await driver.run(cell, endpoint, signal);
    if (outcome.aborted) return { failed: 'interrupted' };
    if (outcome.requests - outcome.errors.total <= 0) {
      return { failed: `none of its ${outcome.requests} requests succeeded (${outcome.errors.connect} connect, ${outcome.errors.timeout} timeout, ${outcome.errors.total} in all)` };
    }
    return {
      ms: Math.round(outcome.measuredMs),
      requests: outcome.requests,
      errors: outcome.errors.total,
      ...(cell.rate === undefined ? {} : { rate: cell.rate }),
      connections: cell.connections,
      driver: driver.name,
    };
  } catch (error) {
    return { failed: (error as Error).message };
  }
}
