// Resource use of local processes, read from /proc: CPU from utime+stime in /proc/<pid>/stat,
// memory from VmRSS in /proc/<pid>/status. The process list is asked for on every tick because
// it changes while a cell runs (Knative instances come and go).
import { readFileSync } from 'node:fs';
import type { ResourceUsage } from '../results/types.ts';
import { stats } from './cpu-rate.ts';
import type { Sampler } from './sampler.ts';

/** USER_HZ: Linux reports /proc times in 1/100 s on every architecture we run on (getconf CLK_TCK). */
const CLK_TCK = 100;

export interface SampledProcess {
  component: string;
  pid: number;
}

interface Reading {
  atNs: bigint;
  ticks: number;
  rssMiB: number;
}

interface Track {
  component: string;
  pid: number;
  /** CPU ticks at the start of the measured window (0 for a process born inside it). */
  baselineTicks: number;
  last: Reading | undefined;
  millicores: number[];
  memoryMiB: number[];
}

/** One reading of a process, or undefined when it is gone. */
function read(pid: number): Reading | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKiB = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
    return { atNs: process.hrtime.bigint(), ticks, rssMiB: rssKiB / 1024 };
  } catch {
    return undefined;
  }
}

export class ProcSampler implements Sampler {
  readonly #processes: () => SampledProcess[];
  readonly #intervalMs: number;
  readonly #tracks = new Map<string, Track>();
  #timer: NodeJS.Timeout | undefined;

  constructor(processes: () => SampledProcess[], options: { intervalMs?: number } = {}) {
    this.#processes = processes;
    this.#intervalMs = options.intervalMs ?? 250;
  }

  /** Without a later measureFrom(), the measured window starts here. */
  start(): void {
    this.#tick(true);
    this.#timer = setInterval(() => this.#tick(false), this.#intervalMs);
    this.#timer.unref();
  }

  measureFrom(): void {
    for (const track of this.#tracks.values()) {
      track.millicores = [];
      track.memoryMiB = [];
    }
    this.#tick(true);
  }

  async stop(requests: number): Promise<ResourceUsage[]> {
    clearInterval(this.#timer);
    this.#tick(false);
    return [...this.#tracks.values()].filter((track) => track.memoryMiB.length > 0).map((track) => summarise(track, requests));
  }

  #tick(windowStart: boolean): void {
    for (const { component, pid } of this.#processes()) {
      const reading = read(pid);
      if (!reading) continue; // gone: summarised with what was sampled
      const key = `${component}/${pid}`;
      let track = this.#tracks.get(key);
      if (!track) {
        // Seen for the first time after the window started: it was born inside it, all its CPU counts.
        track = { component, pid, baselineTicks: 0, last: undefined, millicores: [], memoryMiB: [] };
        this.#tracks.set(key, track);
      }
      if (windowStart) {
        track.baselineTicks = reading.ticks;
      } else if (track.last) {
        const cpuSeconds = (reading.ticks - track.last.ticks) / CLK_TCK;
        const wallSeconds = Number(reading.atNs - track.last.atNs) / 1e9;
        if (wallSeconds > 0) track.millicores.push((cpuSeconds / wallSeconds) * 1000);
      }
      track.memoryMiB.push(reading.rssMiB);
      track.last = reading;
    }
  }
}

/** CPU figures are 0 when the process lived for a single reading (no interval to measure). */
function summarise(track: Track, requests: number): ResourceUsage {
  const cpuSeconds = ((track.last?.ticks ?? 0) - track.baselineTicks) / CLK_TCK;
  return {
    component: track.component,
    source: `pid ${track.pid}`,
    samples: track.memoryMiB.length,
    cpuMillicores: stats(track.millicores),
    memoryMiB: stats(track.memoryMiB),
    cpuSecondsPer1000Requests: requests > 0 ? (cpuSeconds / requests) * 1000 : undefined,
  };
}
