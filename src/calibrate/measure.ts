// Runs the local emulation with known injected costs and collects the samples the verdict needs.
// Configurations are interleaved repetition by repetition, so slow drift of this shared machine
// lands on every side alike instead of on one.
import type { LoadDriver } from '../drivers/driver.ts';
import type { ColdStartCell, LoadCell } from '../plan/types.ts';
import { API_VERSION, type Profile, type Workload } from '../suite/schema.ts';
import { createLocalTarget } from '../targets/local/index.ts';
import type { ProfileSession } from '../targets/target.ts';
import type { CalibrationSamples } from './verdict.ts';

export interface CalibrationSettings {
  proxyDelayMs: number;
  startupDelayMs: number;
  rate: number;
  connections: number;
  durationMs: number;
  warmupMs: number;
  repetitions: number;
  iterations: number;
}

export interface CalibrationHooks {
  log(line: string): void;
}

const sidecar: Profile = {
  apiVersion: API_VERSION,
  kind: 'Profile',
  name: 'calibrate-sidecar',
  // Telemetry off: the hop should cost only forwarding plus the injected delay.
  mesh: { type: 'istio-sidecar', telemetry: 'off', mtls: 'permissive' },
  serving: { type: 'deployment' },
};

const GRACE_MS = 300;
const knative: Profile = {
  apiVersion: API_VERSION,
  kind: 'Profile',
  name: 'calibrate-knative',
  mesh: { type: 'none', telemetry: 'default', mtls: 'permissive' },
  serving: { type: 'knative', autoscaler: { scaleToZeroGracePeriod: GRACE_MS } },
};

export async function measureCalibration(
  settings: CalibrationSettings,
  driver: LoadDriver,
  signal: AbortSignal,
  hooks: CalibrationHooks,
): Promise<CalibrationSamples> {
  const target = createLocalTarget();
  // The same knob a user's profile sets to rehearse a regression (README "Rehearse a regression locally").
  const delayedSidecar: Profile = { ...sidecar, name: 'calibrate-sidecar-delayed', emulation: { proxyDelay: settings.proxyDelayMs } };
  try {
    const quick: Workload = { delay: 0, size: 1024, startupDelay: 0 };
    const slow: Workload = { ...quick, startupDelay: settings.startupDelayMs };
    const plain = await target.prepare(sidecar, quick, signal);
    const plainAgain = await target.prepare(sidecar, quick, signal);
    const delayed = await target.prepare(delayedSidecar, quick, signal);
    const instant = await target.prepare(knative, quick, signal);
    const lateStarting = await target.prepare(knative, slow, signal);

    const p50: CalibrationSamples['p50'] = { plain: [], plainAgain: [], delayed: [] };
    const sides = [
      ['plain', plain],
      ['delayed', delayed],
      ['plainAgain', plainAgain],
    ] as const;
    for (let repetition = 1; repetition <= settings.repetitions && !signal.aborted; repetition++) {
      // Rotate the order so no side always runs first (or right after the same neighbour).
      for (let k = 0; k < sides.length; k++) {
        const [side, session] = sides[(k + repetition) % sides.length]!;
        const outcome = await driver.run(loadCell(settings, side, repetition), { url: session.url }, signal);
        if (outcome.aborted) break;
        if (outcome.saturated) hooks.log(`warning: ${side} repetition ${repetition}: driver saturated (${outcome.saturationReason})`);
        // A repetition without a successful request has no p50: it is not a repetition of the check.
        if (!outcome.latency) {
          hooks.log(`warning: ${side} repetition ${repetition}: no samples (${outcome.errors.total} errors), left out`);
          continue;
        }
        p50[side].push(outcome.latency.p50);
        hooks.log(`load ${side.padEnd(10)} r${repetition}: p50 ${outcome.latency.p50.toFixed(3)} ms, ${outcome.requests} requests`);
      }
    }

    const workloadStarts: CalibrationSamples['workloadStarts'] = { instant: [], delayed: [] };
    for (let iteration = 1; iteration <= settings.iterations && !signal.aborted; iteration++) {
      workloadStarts.instant.push(...(await workloadStart(instant, iteration, signal)));
      workloadStarts.delayed.push(...(await workloadStart(lateStarting, iteration, signal)));
      hooks.log(`cold start i${iteration}: workload started in ${workloadStarts.instant.at(-1)?.toFixed(1)} ms without, ${workloadStarts.delayed.at(-1)?.toFixed(1)} ms with the startup delay`);
    }
    return {
      injectedProxyDelayMs: settings.proxyDelayMs,
      injectedStartupDelayMs: settings.startupDelayMs,
      p50,
      workloadStarts,
    };
  } finally {
    await target.cleanup();
  }
}

function loadCell(settings: CalibrationSettings, side: string, repetition: number): LoadCell {
  return {
    type: 'load',
    id: `calibrate/${side}/rate=${settings.rate},c=${settings.connections}/r${repetition}`,
    profile: sidecar.name,
    experiment: 'calibrate',
    repetition,
    estimatedMs: settings.warmupMs + settings.durationMs,
    driver: 'builtin',
    model: 'open',
    arrival: 'constant',
    rate: settings.rate,
    connections: settings.connections,
    durationMs: settings.durationMs,
    warmupMs: settings.warmupMs,
    timeoutMs: 10_000,
  };
}

/** One cold request's workload start (spawned → port open); only iterations that really started from zero and answered count. */
async function workloadStart(session: ProfileSession, iteration: number, signal: AbortSignal): Promise<number[]> {
  const cell: ColdStartCell = {
    type: 'cold-start',
    id: `calibrate/cold/i${iteration}`,
    profile: knative.name,
    experiment: 'calibrate',
    repetition: 1,
    estimatedMs: 0,
    services: 1,
    iterations: 1,
    idleMs: GRACE_MS + 200,
    gracePeriodMs: GRACE_MS,
    timeoutMs: 30_000,
  };
  const { iterations } = await session.coldStart!(cell, signal);
  return iterations
    .filter((it) => it.cold && it.ok && it.phases.spawned !== undefined && it.phases.port_open !== undefined)
    .map((it) => it.phases.port_open! - it.phases.spawned!);
}
