// Starting the hops of the local data paths: the echo workload and the sidecar proxy hop
// (real Envoy when one is on PATH, else the built-in reverse proxy).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Workload } from '../../suite/schema.ts';
import { envoyVersion, findEnvoy, startEnvoy } from './envoy.ts';
import type { Child, ChildSpec } from './processes.ts';

const ECHO_SERVER = fileURLToPath(new URL('../../workloads/echo/server.ts', import.meta.url));
const PROXY_SERVER = fileURLToPath(new URL('./proxy-server.ts', import.meta.url));
/** Beyond the workload's own startup delay, how long a Node child may take to listen. */
const STARTUP_TIMEOUT_MS = 15_000;

/** Starts a child and registers it with the target, so cleanup() can always stop it. */
export type StartChild = (spec: ChildSpec) => Promise<Child>;

/** The echo workload's flags, shared by the workload and the activator that spawns workloads. */
export function workloadArgs(workload: Workload): string[] {
  return ['--delay', `${workload.delay}ms`, '--size', String(workload.size), '--startup-delay', `${workload.startupDelay}ms`];
}

export function startWorkload(start: StartChild, workload: Workload, signal: AbortSignal): Promise<Child> {
  return start({
    name: 'workload',
    args: [ECHO_SERVER, '--port', '0', ...workloadArgs(workload)],
    startupTimeoutMs: workload.startupDelay + STARTUP_TIMEOUT_MS,
    signal,
  });
}

export interface SidecarOptions {
  upstreamPort: number;
  telemetry: boolean;
  /** The profile's emulation.proxyDelay: a fixed delay added to every request (what calibrate injects). */
  delayMs: number;
  runDir: string;
  profile: string;
}

/**
 * The sidecar hop, the note that says which implementation it is, and what its telemetry does.
 * Istio's telemetry is its stats filter, an Istio extension upstream Envoy does not have: an envoy
 * hop runs the same config whatever the profile's telemetry, and says so.
 */
export async function startSidecar(start: StartChild, options: SidecarOptions, signal: AbortSignal) {
  const envoy = findEnvoy();
  if (envoy) {
    const version = await envoyVersion(envoy);
    const child = await startEnvoy(envoy, {
      upstreamPort: options.upstreamPort,
      delayMs: options.delayMs,
      configPath: join(options.runDir, `${options.profile}-envoy.json`),
      signal,
      start,
    });
    return {
      child,
      implementation: `envoy ${version}`,
      note: `proxy hop: envoy ${version} (${envoy})`,
      telemetry: "not emulated: upstream Envoy has no Istio stats filter, so on and off run the same config (Envoy's own stats, no access log)",
    };
  }
  const child = await start({
    name: 'istio-proxy', // Istio's sidecar container name, so local and cluster resources compare by component
    args: [
      PROXY_SERVER,
      '--upstream', `http://127.0.0.1:${options.upstreamPort}`,
      '--port', '0',
      '--delay', `${options.delayMs}ms`,
      '--telemetry', options.telemetry ? 'on' : 'off',
      '--role', 'sidecar',
    ],
    startupTimeoutMs: STARTUP_TIMEOUT_MS,
    signal,
  });
  return {
    child,
    implementation: 'built-in proxy',
    note: 'proxy hop: built-in reverse proxy (no envoy on PATH)',
    telemetry: options.telemetry
      ? "on (Istio's stats filter: request counter, duration and size histograms; no access log, as in Istio's default)"
      : 'off (no stats filter, what the Telemetry object removes; no access log either way)',
  };
}

/** Whether a pid is still a live process (ESRCH means gone; EPERM means alive but not ours). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
