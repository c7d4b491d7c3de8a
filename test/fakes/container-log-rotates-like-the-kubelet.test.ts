// The fake kubelet's container log (test/fakes/container-log.ts) keeps the limits of the real
// one: checked every 10 s, rotated once it reaches 10 Mi, only the current file served, lines over
// 16 KiB split on disk but joined again by the log API.
import { expect, it } from 'vitest';
import { ContainerLog } from './container-log.ts';

const t0 = Date.UTC(2026, 2, 1, 10, 0, 0);
const line = (i: number) => `${String(i).padStart(8, '0')} ${'x'.repeat(1090)}`;

it('serves only what was written since the last rotation, which happens at a 10 s check once the file holds 10 Mi', () => {
  const log = new ContainerLog();
  // About 1.14 MB a second (1000 lines of ~1.1 KB with the CRI prefix) for 25 s.
  for (let second = 0; second < 25; second++) for (let i = 0; i < 1000; i++) log.write('stdout', `${line(second * 1000 + i)}\n`, t0 + second * 1000 + i);
  // At the 10 s check the file holds ~11.4 MB ≥ 10 Mi: rotated; at 20 s ~11.4 MB again: rotated again.
  expect(log.rotated).toHaveLength(2);
  const served = log.text().trimEnd().split('\n');
  expect(served[0]!.slice(0, 8)).toBe('00020000');
  expect(served).toHaveLength(5000);
});

it('keeps at most containerLogMaxFiles files, and never rotates an exited container', () => {
  const log = new ContainerLog({ maxSizeBytes: 1000, monitorIntervalMs: 10_000 });
  for (let i = 0; i < 100; i++) log.write('stderr', `${line(i)}\n`, t0 + i * 10_000);
  expect(log.rotated.length).toBeLessThanOrEqual(4);
  expect(log.discardedBytes).toBeGreaterThan(0);
  log.exited();
  for (let i = 100; i < 110; i++) log.write('stdout', `${line(i)}\n`, t0 + i * 10_000);
  expect(log.text().trimEnd().split('\n')).toHaveLength(11);
});

it('joins a line longer than 16 KiB back together, as the log API does', () => {
  const log = new ContainerLog();
  const long = `{"summary":"${'y'.repeat(40_000)}"}`;
  log.write('stdout', `${long}\nnext\n`, t0);
  expect(log.text()).toBe(`${long}\nnext\n`);
});
