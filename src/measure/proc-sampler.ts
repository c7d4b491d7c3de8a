// Resource use of local processes, read from /proc. CPU is the run time of each of a process's
// threads in nanoseconds: the first field of /proc/<pid>/task/<tid>/schedstat, the thread's
// se.sum_exec_runtime (Linux fs/proc/base.c proc_pid_schedstat; Documentation/scheduler/
// sched-stats.rst: "time spent on the cpu (in nanoseconds)"). A running thread's value advances at
// context switches and scheduler ticks (kernel/sched/fair.c update_curr; 4 ms steps at
// CONFIG_HZ=250, as measured here), so over a 250 ms interval it is within ~2 %. Not utime+stime of
// /proc/<pid>/stat: those are 10 ms ticks, and one tick over a 1 ms interval reads as 10 000 m.
// Memory is VmRSS from /proc/<pid>/status. The process list is asked for on every tick because it
// changes while a cell runs (Knative instances come and go).
//
// The average is CPU time ÷ wall time over the window; min and max come from full sampling
// intervals only (the timer restarts when the window opens; the partial interval before its end
// counts toward the average, not toward the extremes), so no sliver of an interval can claim more
// cores than the machine has.
import { readdirSync, readFileSync } from 'node:fs';
import type { ResourceUsage } from '../results/types.ts';
import { stats } from './cpu-rate.ts';
import type { Sampler } from './sampler.ts';

export interface SampledProcess {
  component: string;
  pid: number;
}

interface Reading {
  atNs: bigint;
  /** Run time per thread id, nanoseconds. */
  threads: Map<number, bigint>;
  rssMiB: number;
}

interface Track {
  component: string;
  pid: number;
  last: Reading | undefined;
  /** Where the track's part of the window begins: its baseline reading, or for a process born inside the window the tick before it was first seen. */
  fromNs: bigint;
  cpuNs: bigint;
  /** Millicores of each full sampling interval in the window. */
  millicores: number[];
  memoryMiB: number[];
}

type Tick = 'open' | 'interval' | 'close';

/** The threads' run times, or undefined when the process is gone. A thread that exits meanwhile is skipped. */
function readThreads(pid: number): Map<number, bigint> | undefined {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return undefined;
  }
  const threads = new Map<number, bigint>();
  for (const tid of tids) {
    try {
      const text = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8');
      threads.set(Number(tid), BigInt(text.slice(0, text.indexOf(' '))));
    } catch {
      // exited between readdir and read
    }
  }
  return threads;
}

/** One reading of a process, or undefined when it is gone. */
function read(pid: number): Reading | undefined {
  const threads = readThreads(pid);
  if (!threads) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKiB = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
    return { atNs: process.hrtime.bigint(), threads, rssMiB: rssKiB / 1024 };
  } catch {
    return undefined;
  }
}

/**
 * CPU between two readings, summed over threads: a thread seen at both counts its difference, one
 * born in between counts whole, one that exited in between loses its last partial interval.
 */
export function cpuBetween(previous: ReadonlyMap<number, bigint>, next: ReadonlyMap<number, bigint>): bigint {
  let ns = 0n;
  for (const [tid, runtime] of next) {
    const before = previous.get(tid) ?? 0n;
    if (runtime > before) ns += runtime - before;
  }
  return ns;
}

export class ProcSampler implements Sampler {
  readonly #processes: () => SampledProcess[];
  readonly #intervalMs: number;
  readonly #tracks = new Map<string, Track>();
  #timer: NodeJS.Timeout | undefined;
  /** When the previous tick began: a process first seen now was born after it. */
  #lastTickNs = 0n;
  #open = false;

  constructor(processes: () => SampledProcess[], options: { intervalMs?: number } = {}) {
    this.#processes = processes;
    this.#intervalMs = options.intervalMs ?? 250;
  }

  /** Without a later measureFrom(), the measured window starts here. */
  start(): void {
    this.measureFrom();
  }

  measureFrom(): void {
    this.#tracks.clear();
    this.#open = true;
    this.#tick('open');
    // Restarted, so every interval from here on is a full one.
    clearInterval(this.#timer);
    this.#timer = setInterval(() => this.#tick('interval'), this.#intervalMs);
    this.#timer.unref();
  }

  measureUntil(): void {
    if (!this.#open) return;
    clearInterval(this.#timer);
    this.#tick('close');
    this.#open = false;
  }

  async stop(requests: number): Promise<ResourceUsage[]> {
    this.measureUntil();
    clearInterval(this.#timer);
    return [...this.#tracks.values()].filter((track) => track.memoryMiB.length > 0).map((track) => summarise(track, requests));
  }

  #tick(kind: Tick): void {
    const tickNs = process.hrtime.bigint();
    for (const { component, pid } of this.#processes()) {
      const reading = read(pid);
      if (!reading) continue; // gone: summarised with what was sampled
      const key = `${component}/${pid}`;
      let track = this.#tracks.get(key);
      if (!track) {
        // At the window's start: the baseline. Seen for the first time later: it was born inside the
        // window, after the previous tick, so all its CPU counts (its first interval is not a full one).
        const born = kind !== 'open';
        track = { component, pid, last: undefined, fromNs: born ? this.#lastTickNs : reading.atNs, cpuNs: 0n, millicores: [], memoryMiB: [] };
        this.#tracks.set(key, track);
        if (born) track.cpuNs += cpuBetween(new Map(), reading.threads);
      } else if (track.last) {
        const ns = cpuBetween(track.last.threads, reading.threads);
        track.cpuNs += ns;
        const wallNs = reading.atNs - track.last.atNs;
        if (kind === 'interval' && wallNs > 0n) track.millicores.push((Number(ns) / Number(wallNs)) * 1000);
      }
      track.memoryMiB.push(reading.rssMiB);
      track.last = reading;
    }
    this.#lastTickNs = tickNs;
  }
}

/** Average = CPU ÷ wall time of the window; min/max over full intervals (none: the average itself). */
function summarise(track: Track, requests: number): ResourceUsage {
  const wallNs = (track.last?.atNs ?? track.fromNs) - track.fromNs;
  const cpuSeconds = Number(track.cpuNs) / 1e9;
  const avg = wallNs > 0n ? (Number(track.cpuNs) / Number(wallNs)) * 1000 : 0;
  const intervals = track.millicores.length > 0 ? stats(track.millicores) : { min: avg, avg, max: avg };
  return {
    component: track.component,
    source: `pid ${track.pid}`,
    samples: track.memoryMiB.length,
    readings: track.memoryMiB.length,
    cpuMillicores: { min: intervals.min, avg, max: intervals.max },
    memoryMiB: stats(track.memoryMiB),
    cpuSecondsPer1000Requests: requests > 0 ? (cpuSeconds / requests) * 1000 : undefined,
  };
}
