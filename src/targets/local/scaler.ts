// The autoscaler half of the activator emulation: each service has 0 or 1 instance, a queue-proxy
// hop in front of an echo workload. A request for a service at zero starts one (concurrent
// requests share it); after the grace period with nothing in flight the instance is stopped.
// Unlike Knative there is no stable window or concurrency target: scale is 0 or 1, and
// scale-to-zero waits only for the grace period (config-autoscaler scale-to-zero-grace-period).
// Services held at one instance (the load target, like echo's min-scale 1 on clusters) never
// scale to zero while the activator runs: a load cell must not open on a cold start.
import { request } from 'node:http';
import type { Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { reservePort, startChild } from './processes.ts';
import type { Child } from './processes.ts';
import type { ProcessEvent, ServiceState } from './activator-protocol.ts';

const ECHO_SERVER = fileURLToPath(new URL('../../workloads/echo/server.ts', import.meta.url));
const PROXY_SERVER = fileURLToPath(new URL('./proxy-server.ts', import.meta.url));
/** Knative queue-proxy's aggressive readiness probe retries every 50 ms. */
const PROBE_INTERVAL_MS = 50;
const READY_TIMEOUT_MS = 30_000;

export interface WorkloadFlags {
  delay: string;
  size: string;
  startupDelay: string;
}


/** process.hrtime.bigint() marks of a scale-up, shared by every request that waited for it. */
export interface ScaleUpMarks {
  spawned?: bigint;
  portOpen?: bigint;
  ready?: bigint;
}

export interface Instance {
  readonly service: string;
  state: 'starting' | 'ready';
  readonly marks: ScaleUpMarks;
  /** Resolves to the queue-proxy port once the readiness probe through it succeeded. */
  readonly ready: Promise<number>;
  inFlight: number;
  readonly children: Child[];
  idleTimer?: NodeJS.Timeout;
}

export class Scaler {
  gracePeriodMs: number;
  readonly #instances = new Map<string, Instance>();
  readonly #terminating = new Map<string, Set<number>>();
  readonly #workload: WorkloadFlags;
  readonly #agent: Agent;
  readonly #emit: (event: ProcessEvent) => void;
  readonly #minScaleOne: ReadonlySet<string>;

  constructor(options: { gracePeriodMs: number; workload: WorkloadFlags; agent: Agent; emit: (event: ProcessEvent) => void; minScaleOne?: readonly string[] }) {
    this.gracePeriodMs = options.gracePeriodMs;
    this.#minScaleOne = new Set(options.minScaleOne ?? []);
    this.#workload = options.workload;
    this.#agent = options.agent;
    this.#emit = options.emit;
  }

  /** The service's instance, started if at zero; `cold` when the caller has to wait for it. */
  acquire(service: string): { instance: Instance; cold: boolean } {
    const existing = this.#instances.get(service);
    const instance = existing ?? this.#scaleUp(service);
    clearTimeout(instance.idleTimer);
    instance.inFlight += 1;
    return { instance, cold: instance.state !== 'ready' };
  }

  /** A request finished: start the grace period when nothing else is in flight. */
  release(instance: Instance): void {
    instance.inFlight -= 1;
    if (instance.inFlight === 0) this.#armIdle(instance);
  }

  setGracePeriod(ms: number): void {
    this.gracePeriodMs = ms;
    for (const instance of this.#instances.values()) if (instance.inFlight === 0) this.#armIdle(instance);
  }

  /** Every service at zero but those held at one; with `all`, those too (the activator is exiting). */
  async scaleToZero(all = false): Promise<void> {
    const down = [...this.#instances.values()].filter((instance) => all || !this.#minScaleOne.has(instance.service));
    await Promise.all(down.map((instance) => this.#scaleDown(instance)));
  }

  state(): Record<string, ServiceState> {
    const names = new Set([...this.#instances.keys(), ...this.#terminating.keys()]);
    return Object.fromEntries(
      [...names].map((name) => {
        const instance = this.#instances.get(name);
        return [
          name,
          {
            instance: instance
              ? { state: instance.state, inFlight: instance.inFlight, pids: instance.children.map((child) => child.pid) }
              : null,
            terminatingPids: [...(this.#terminating.get(name) ?? [])],
          },
        ];
      }),
    );
  }

  #armIdle(instance: Instance): void {
    clearTimeout(instance.idleTimer);
    if (this.#minScaleOne.has(instance.service)) return;
    instance.idleTimer = setTimeout(() => {
      if (instance.inFlight === 0) void this.#scaleDown(instance);
    }, this.gracePeriodMs);
  }

  #scaleUp(service: string): Instance {
    const marks: ScaleUpMarks = {};
    const children: Child[] = [];
    const instance: Instance = {
      service,
      state: 'starting',
      marks,
      children,
      inFlight: 0,
      ready: this.#start(service, marks, children).then(
        (port) => {
          instance.state = 'ready';
          return port;
        },
        async (error: unknown) => {
          await this.#scaleDown(instance);
          throw error;
        },
      ),
    };
    instance.ready.catch(() => {}); // waiting requests observe the failure; nobody else must crash on it
    this.#instances.set(service, instance);
    return instance;
  }

  async #start(service: string, marks: ScaleUpMarks, children: Child[]): Promise<number> {
    const spawn = (component: ProcessEvent['component'], args: string[]) => this.#spawn(service, marks, children, component, args);
    // Knative starts user-container and queue-proxy together; the workload needs its port up front.
    const workloadPort = await reservePort();
    const { delay, size, startupDelay } = this.#workload;
    const workloadStarting = spawn('workload', [
      ECHO_SERVER, '--port', String(workloadPort), '--delay', delay, '--size', size, '--startup-delay', startupDelay,
    ]);
    let workloadFailed: unknown;
    workloadStarting.catch((error: unknown) => (workloadFailed = error));
    try {
      const queueProxy = await spawn('queue-proxy', [
        PROXY_SERVER, '--upstream', `http://127.0.0.1:${workloadPort}`, '--port', '0', '--role', 'queue-proxy', '--telemetry', 'on',
      ]);
      const deadline = Date.now() + READY_TIMEOUT_MS;
      while (!(await this.#probe(queueProxy.port))) {
        if (workloadFailed) throw workloadFailed;
        if (Date.now() > deadline) throw new Error(`${service}: not ready within ${READY_TIMEOUT_MS} ms`);
        await sleep(PROBE_INTERVAL_MS);
      }
      marks.ready = process.hrtime.bigint();
      marks.portOpen = (await workloadStarting).listeningAt;
      return queueProxy.port;
    } catch (error) {
      await workloadStarting.then((child) => child.stop(), () => {});
      throw error;
    }
  }

  /** Start one process of an instance and report it (and its end) to the activator's parent. */
  async #spawn(service: string, marks: ScaleUpMarks, children: Child[], component: ProcessEvent['component'], args: string[]): Promise<Child> {
    let pid = -1;
    const exited = () => this.#emit({ event: 'process', state: 'exited', service, component, pid });
    let child: Child;
    try {
      child = await startChild({
        name: component,
        args,
        startupTimeoutMs: READY_TIMEOUT_MS,
        onSpawn: (spawnedPid) => {
          pid = spawnedPid;
          if (component === 'workload') marks.spawned = process.hrtime.bigint();
          this.#emit({ event: 'process', state: 'started', service, component, pid });
        },
      });
    } catch (error) {
      if (pid !== -1) exited();
      throw error;
    }
    if (this.#instances.get(service)?.children !== children) {
      await child.stop(); // scaled to zero while it was starting
      throw new Error(`${service}: scaled to zero while starting`);
    }
    children.push(child);
    void child.exited.then(() => {
      exited();
      // A crashed instance is no instance: the next request starts a fresh one.
      const instance = this.#instances.get(service);
      if (instance?.children === children && instance.state === 'ready') void this.#scaleDown(instance);
    });
    return child;
  }

  /** GET /healthz through the queue-proxy, as Knative's readiness probe does. */
  #probe(port: number): Promise<boolean> {
    return new Promise((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/healthz', agent: this.#agent, timeout: 1_000 }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false)).on('timeout', () => req.destroy());
      req.end();
    });
  }

  async #scaleDown(instance: Instance): Promise<void> {
    clearTimeout(instance.idleTimer);
    if (this.#instances.get(instance.service) === instance) this.#instances.delete(instance.service);
    const terminating = this.#terminating.get(instance.service) ?? new Set<number>();
    this.#terminating.set(instance.service, terminating);
    for (const child of instance.children) terminating.add(child.pid);
    await Promise.all(
      instance.children.map(async (child) => {
        await child.stop();
        terminating.delete(child.pid);
      }),
    );
    if (terminating.size === 0 && this.#terminating.get(instance.service) === terminating) this.#terminating.delete(instance.service);
  }
}
