// When an open-model cell's numbers describe the load generator rather than the
// server. All rules live here so reports can quote them.

/** Send lag p99 above this means the driver's own event loop could not keep the schedule. */
export const MAX_SEND_LAG_P99_MS = 10;
/** Fewer than this share of the requests scheduled in the window actually left within it. */
export const MIN_SENT_SHARE = 0.95;

export interface ScheduleFacts {
  /** Measured requests not sent because the in-flight cap was reached (k6: dropped_iterations). */
  dropped: number;
  inFlightCap: number;
  sendLagP99Ms: number;
  /** Requests whose intended send time fell in the covered part of the window. */
  scheduledInWindow: number;
  /** Of those, requests actually sent before the window ended. */
  sentInWindow: number;
}

/** Why the cell is saturated, or undefined when the driver kept its schedule. */
export function saturationReason(facts: ScheduleFacts): string | undefined {
  const reasons: string[] = [];
  if (facts.dropped > 0) {
    reasons.push(`${facts.dropped} requests dropped: ${facts.inFlightCap} requests already in flight`);
  }
  if (facts.sendLagP99Ms > MAX_SEND_LAG_P99_MS) {
    reasons.push(`send lag p99 ${facts.sendLagP99Ms.toFixed(1)} ms > ${MAX_SEND_LAG_P99_MS} ms`);
  }
  if (facts.scheduledInWindow > 0 && facts.sentInWindow < MIN_SENT_SHARE * facts.scheduledInWindow) {
    reasons.push(
      `only ${facts.sentInWindow} of ${facts.scheduledInWindow} scheduled requests were sent within the window`,
    );
  }
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}
