// autocannon ships no types; this declares only what the benchmark uses.
declare module 'autocannon' {
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
    overallRate?: number;
  }
  interface Stats {
    mean: number;
    max: number;
    p50: number;
    p90: number;
    p99: number;
    total: number;
  }
  interface Result {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    latency: Stats;
    requests: Stats;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
