// A Knative profile on the local target: client → activator → (queue-proxy → workload), the
// instance started on demand and stopped after the grace period. See activator-server.ts.
import { fileURLToPath } from 'node:url';
import type { ProfileSession } from '../target.ts';
import type { Profile, Workload } from '../../suite/schema.ts';
import { profileGracePeriodMs } from '../../suite/scope.ts';
import { ProcSampler } from '../../measure/proc-sampler.ts';
import { CONFIG_PATH, STATE_PATH } from './activator-protocol.ts';
import type { ActivatorState, ProcessEvent } from './activator-protocol.ts';
import { runColdStart } from './cold-start.ts';
import { isAlive, workloadArgs } from './hops.ts';
import type { StartChild } from './hops.ts';

const ACTIVATOR_SERVER = fileURLToPath(new URL('./activator-server.ts', import.meta.url));
/** The service load cells send to, held at one instance like echo's min-scale 1 on clusters. */
const LOAD_SERVICE = 'echo';

export async function startKnative(
  start: StartChild,
  /** Pids of instance processes, shared with the target so cleanup() can catch any left behind. */
  instancePids: Set<number>,
  profile: Profile,
  workload: Workload,
  signal: AbortSignal,
): Promise<ProfileSession> {
  const gracePeriodMs = profileGracePeriodMs(profile);
  const instances = new Map<number, { service: string; component: string }>();
  const activator = await start({
    name: 'activator',
    args: [ACTIVATOR_SERVER, '--port', '0', '--grace-period', `${gracePeriodMs}ms`, '--min-scale-one', LOAD_SERVICE, ...workloadArgs(workload)],
    signal,
    onEvent: (line) => {
      if (line.event !== 'process') return;
      const event = line as unknown as ProcessEvent;
      if (event.state === 'started') {
        instances.set(event.pid, { service: event.service, component: event.component });
        instancePids.add(event.pid);
      } else {
        instances.delete(event.pid);
        instancePids.delete(event.pid);
      }
    },
  });
  const base = `http://127.0.0.1:${activator.port}`;
  // The load target is up before anything is measured, as echo is Ready on a cluster.
  const up = await fetch(`${base}/${LOAD_SERVICE}/`, { signal });
  const answer = await up.text();
  if (!up.ok) throw new Error(`the load service ${LOAD_SERVICE} did not start: HTTP ${up.status}: ${answer.trim()}`);
  const setGracePeriod = async (ms: number) => {
    const res = await fetch(`${base}${CONFIG_PATH}`, { method: 'POST', body: JSON.stringify({ gracePeriodMs: ms }) });
    if (!res.ok) throw new Error(`activator refused grace period ${ms} ms: ${await res.text()}`);
  };
  const isAtZero = async (service: string) => {
    const state = (await (await fetch(`${base}${STATE_PATH}`)).json()) as ActivatorState;
    const entry = state.services[service];
    if (entry && (entry.instance || entry.terminatingPids.length > 0)) return false;
    return ![...instances].some(([pid, instance]) => instance.service === service && isAlive(pid));
  };

  return {
    profile: profile.name,
    url: `${base}/${LOAD_SERVICE}/`,
    dataPath: ['client', 'activator', 'queue-proxy', 'workload'],
    notes: [
      'knative: activator, autoscaler and scale-to-zero emulated by one local process (routing by path /<service>/)',
      'queue-proxy: built-in reverse proxy, telemetry on',
      `scale-to-zero grace period: ${gracePeriodMs} ms (no stable window; scale is 0 or 1)`,
      `load service ${LOAD_SERVICE} held at one instance (min-scale 1); cold starts use svc-1 … svc-N`,
    ],
    async coldStart(cell, cellSignal) {
      // The plan gives a Knative cell the grace period in force: the experiment's own, else the profile's.
      await setGracePeriod(cell.gracePeriodMs ?? gracePeriodMs);
      try {
        return await runColdStart(
          cell,
          { url: (service) => `${base}/${service}/`, isAtZero, expectedBytes: workload.size },
          cellSignal,
        );
      } finally {
        // After an interrupt no cell follows, and the activator may already be stopping.
        if (activator.isRunning() && !cellSignal.aborted) await setGracePeriod(gracePeriodMs);
      }
    },
    sampler: () =>
      new ProcSampler(() => [
        ...(activator.isRunning() ? [{ component: 'activator', pid: activator.pid }] : []),
        ...[...instances].map(([pid, { component }]) => ({ component, pid })),
      ]),
    async close() {
      // The activator stops its instances on the way out; anything that outlives it is killed.
      await activator.stop();
      for (const pid of instances.keys()) {
        if (isAlive(pid)) process.kill(pid, 'SIGKILL');
        instancePids.delete(pid);
      }
      instances.clear();
    },
  };
}
