// The harness side of a local cold start: make sure each service is at zero, request them all at
// once, and merge our marks (`sent`, `first_byte`) with the activator's timeline. Every mark is a
// process.hrtime.bigint() — CLOCK_MONOTONIC, shared by all processes — so the subtraction is sound.
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ColdStartCell } from '../../plan/types.ts';
import { isDiscardedWarm } from '../../results/iterations.ts';
import type { ColdStartIteration } from '../../results/types.ts';
import { ACTIVATOR_PHASES, TIMELINE_HEADER } from './activator-protocol.ts';
import type { ColdTimeline } from './activator-protocol.ts';

/** Terminating processes normally go within the 2 s SIGKILL deadline; give them a little more. */
const ZERO_WAIT_MS = 5_000;

export interface ColdStartPath {
  /** URL of service `name` through the activator. */
  url(service: string): string;
  /** Whether the service has no instance and no live process. */
  isAtZero(service: string): Promise<boolean>;
  /** Body bytes a successful answer carries. */
  expectedBytes: number;
}

export async function runColdStart(
  cell: ColdStartCell,
  path: ColdStartPath,
  signal: AbortSignal,
): Promise<{ iterations: ColdStartIteration[]; discardedWarm: number }> {
  const services = Array.from({ length: cell.services }, (_, i) => `svc-${i + 1}`);
  const iterations: ColdStartIteration[] = [];
  try {
    for (let iteration = 1; iteration <= cell.iterations; iteration++) {
      await sleep(cell.idleMs, undefined, { signal });
      const atZero = await Promise.all(services.map((service) => waitForZero(path, service, signal)));
      const answers = await Promise.all(
        services.map(async (service) => {
          // A burst leaves at once; the activator shares one scale-up among the held requests.
          const sent = process.hrtime.bigint();
          const burst = Array.from({ length: cell.burst ?? 1 }, () => coldRequest(path.url(service), path.expectedBytes, cell.timeoutMs, signal, sent));
          return mergeBurst(await Promise.all(burst));
        }),
      );
      services.forEach((service, i) => {
        const answer = answers[i]!;
        // Cold if it was at zero before and the activator held it for a scale-up (a warm answer
        // has no activator timeline); a failed answer from zero is a failed cold start.
        const cold = atZero[i]! && (answer.phases.received !== undefined || !answer.ok);
        iterations.push({ iteration, service, cold, ...answer });
      });
      if (cell.warmBaseline) {
        // Right after the cold answer the instance is up (its grace period has just restarted), so
        // the same request now measures the warm path: activator → queue-proxy → workload.
        const warm = await Promise.all(services.map((service) => coldRequest(path.url(service), path.expectedBytes, cell.timeoutMs, signal)));
        services.forEach((service, i) => iterations.push({ iteration, service, cold: false, kind: 'warm', ...warm[i]! }));
      }
    }
  } catch (error) {
    if (!signal.aborted) throw error; // an interrupted cell keeps what it measured
  }
  return { iterations, discardedWarm: iterations.filter(isDiscardedWarm).length };
}

async function waitForZero(path: ColdStartPath, service: string, signal: AbortSignal): Promise<boolean> {
  const deadline = Date.now() + ZERO_WAIT_MS;
  while (!(await path.isAtZero(service))) {
    if (Date.now() > deadline) return false;
    await sleep(100, undefined, { signal });
  }
  return true;
}

const ms = (from: bigint, to: bigint) => Math.round(Number(to - from) / 1_000) / 1_000;

export type Answer = Omit<ColdStartIteration, 'iteration' | 'service' | 'cold'>;

/**
 * One iteration's answer from its burst (one request unless cell.burst > 1): each phase at its
 * earliest, so phases.first_byte is the first answer; every first byte that came is kept, and the total is the
 * slowest one, since the burst is served only when its last request is.
 */
export function mergeBurst(answers: readonly Answer[]): Answer {
  if (answers.length === 1) return answers[0]!;
  const phases: Record<string, number> = {};
  for (const answer of answers) {
    for (const [phase, at] of Object.entries(answer.phases)) phases[phase] = Math.min(at, phases[phase] ?? Infinity);
  }
  const errors = [...new Set(answers.flatMap((answer) => (answer.error ? [answer.error] : [])))];
  return {
    ok: errors.length === 0,
    ...(errors.length ? { error: `${answers.filter((answer) => !answer.ok).length} of ${answers.length} burst requests failed: ${errors.join('; ')}` } : {}),
    totalMs: Math.max(...answers.map((answer) => answer.totalMs)),
    firstBytes: answers.flatMap((answer) => (answer.phases.first_byte === undefined ? [] : [answer.phases.first_byte])),
    phases,
  };
}

/** One request on a fresh connection; phases in ms after `sent` (its burst's), activator phases when it was cold. */
function coldRequest(url: string, expectedBytes: number, timeoutMs: number, signal: AbortSignal, sent = process.hrtime.bigint()): Promise<Answer> {
  return new Promise((resolve) => {
    const phases: Record<string, number> = {};
    const finish = (error?: string) => {
      const totalMs = phases.first_byte ?? ms(sent, process.hrtime.bigint());
      resolve({ ok: error === undefined, ...(error === undefined ? {} : { error }), totalMs, phases });
    };
    const req = request(url, { agent: false, signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) }, (res) => {
      const firstByte = process.hrtime.bigint();
      const header = res.headers[TIMELINE_HEADER];
      if (typeof header === 'string') {
        const timeline = JSON.parse(header) as ColdTimeline;
        for (const phase of ACTIVATOR_PHASES) phases[phase] = ms(sent, BigInt(timeline[phase]));
      }
      phases.first_byte = ms(sent, firstByte);
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => finish(error.message));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode !== 200) return finish(`HTTP ${res.statusCode}: ${body.toString().trim().slice(0, 1_000)}`);
        if (body.length !== expectedBytes) return finish(`body of ${body.length} bytes, expected ${expectedBytes}`);
        finish();
      });
    });
    req.on('error', (error) => {
      if (error.name !== 'AbortError') return finish(error.message);
      finish(signal.aborted ? 'interrupted' : `no answer within ${timeoutMs} ms`);
    });
    req.end();
  });
}
