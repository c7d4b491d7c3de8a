// The calibration knob must add exactly what it says. setTimeout fires up to ~1 ms late (libuv's
// 1 ms timer resolution and its cached loop time), which would bias the injected delay by as much
// as calibrate's tolerance. So: sleep until shortly before the deadline, then yield with
// setImmediate until it passes — sub-0.1 ms precision, spending CPU only in the last stretch.
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';

const FINAL_STRETCH_MS = 2;

export async function waitPrecisely(ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  if (ms > FINAL_STRETCH_MS) await sleep(ms - FINAL_STRETCH_MS);
  while (performance.now() < deadline) await yieldToLoop();
}
