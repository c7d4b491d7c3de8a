// The `local` target: each profile's data path emulated by real processes on 127.0.0.1, no
// Kubernetes. deployment → echo workload; istio-sidecar → proxy hop → workload; knative →
// activator → queue-proxy → workload. Reports say it is an emulation (emulation: true).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProfileSession, Target } from '../target.ts';
import type { Profile, Workload } from '../../suite/schema.ts';
import { ProcSampler } from '../../measure/proc-sampler.ts';
import { isAlive, startSidecar, startWorkload } from './hops.ts';
import type { StartChild } from './hops.ts';
import { startKnative } from './knative.ts';
import { startChild } from './processes.ts';
import type { Child } from './processes.ts';

export interface LocalTargetOptions {
  /** Where generated configs (an envoy hop's bootstrap) go (default: a fresh temporary directory). */
  runDir?: string;
}

/** Refuse what the local target cannot emulate, before anything is started. */
export function unsupported(profile: Profile): string | undefined {
  const { mesh, serving } = profile;
  if (mesh.type === 'istio-ambient') return 'istio-ambient (ztunnel/waypoint) is not emulated by the local target yet';
  if (mesh.type === 'istio-sidecar' && mesh.telemetry === 'mixer') {
    return 'istio-sidecar with telemetry: mixer (the Istio ≤ 1.4 Mixer stack) is not emulated by the local target yet';
  }
  if (serving.type === 'knative' && mesh.type !== 'none') return `knative with mesh ${mesh.type} is not emulated by the local target yet`;
  return undefined;
}

export function createLocalTarget(options: LocalTargetOptions = {}): Target {
  const running = new Set<Child>();
  // Knative instance processes are the activator's children; tracked here too, so none survives cleanup().
  const instancePids = new Set<number>();
  let ownRunDir: string | undefined;

  const runDir = async () => options.runDir ?? (ownRunDir ??= await mkdtemp(join(tmpdir(), 'meshbench-local-')));

  return {
    name: 'local',
    emulation: true,

    async prepare(profile, workload, signal) {
      const refusal = unsupported(profile);
      if (refusal) throw new Error(`profile ${profile.name}: ${refusal}`);
      signal.throwIfAborted();
      // Children of this prepare: if any step fails, the ones already up are stopped before rejecting.
      const started: Child[] = [];
      const start: StartChild = async (spec) => {
        const child = await startChild(spec);
        running.add(child);
        started.push(child);
        void child.exited.then(() => running.delete(child));
        return child;
      };
      try {
        if (profile.serving.type === 'knative') return await startKnative(start, instancePids, profile, workload, signal);
        return await startDeployment(start, profile, workload, signal, await runDir());
      } catch (error) {
        await Promise.all(started.map((child) => child.stop()));
        // The child's own words (its stderr) belong in the message. Prefixed rather than wrapped:
        // a cause repeating this message would print the child's words twice.
        if (!(error instanceof Error)) throw new Error(`local target: could not prepare profile ${profile.name}: ${String(error)}`);
        error.message = `local target: could not prepare profile ${profile.name}: ${error.message}`;
        throw error;
      }
    },

    async cleanup() {
      await Promise.all([...running].map((child) => child.stop()));
      for (const pid of instancePids) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
      instancePids.clear();
      if (ownRunDir) await rm(ownRunDir, { recursive: true, force: true });
      ownRunDir = undefined;
    },
  };
}

async function startDeployment(
  start: StartChild,
  profile: Profile,
  workload: Workload,
  signal: AbortSignal,
  runDir: string,
): Promise<ProfileSession> {
  const hops: Child[] = [await startWorkload(start, workload, signal)];
  const notes = ['data path emulated by local processes on 127.0.0.1'];
  const dataPath = ['client', 'workload'];
  if (profile.mesh.type === 'istio-sidecar') {
    const telemetry = profile.mesh.telemetry !== 'off';
    // The profile's injected regression (suite/emulation.ts allows it only where this hop exists).
    const delayMs = profile.emulation?.proxyDelay ?? 0;
    const sidecar = await startSidecar(start, { upstreamPort: hops[0]!.port, telemetry, delayMs, runDir, profile: profile.name }, signal);
    hops.unshift(sidecar.child);
    dataPath.splice(1, 0, `sidecar (${sidecar.implementation})`);
    notes.push(sidecar.note, `sidecar telemetry: ${sidecar.telemetry}`);
    if (delayMs > 0) notes.push(`emulated regression: proxy +${delayMs} ms per request`);
  }
  return {
    profile: profile.name,
    url: `http://127.0.0.1:${hops[0]!.port}/`,
    dataPath,
    notes,
    // Refused rather than emulated: a process started on demand would time Node's start-up, not a
    // pod's (scheduling, image, sandbox, probes), and nothing here could tell the two apart.
    async coldStart() {
      throw new Error(`the local target does not emulate a plain Deployment scaled 0 → 1 (profile ${profile.name}); run this cold-start experiment with --target kind or --target existing`);
    },
    sampler: () =>
      new ProcSampler(() => hops.filter((child) => child.isRunning()).map((child) => ({ component: child.name, pid: child.pid }))),
    async close() {
      await Promise.all(hops.map((child) => child.stop()));
    },
  };
}
