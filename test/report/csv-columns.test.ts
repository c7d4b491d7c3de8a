import { describe, expect, it } from 'vitest';
import { coldstartsCsv, latencyCsv, phaseColumn, resourcesCsv } from '../../src/report/csv.ts';
import { summariseResources } from '../../src/report/summary.ts';
import { fixtureRun } from './fixtures.ts';

const { record, results } = fixtureRun();
const lines = (csv: string) => csv.trimEnd().split('\n');

describe('latency.csv', () => {
  const rows = lines(latencyCsv(record, results));

  it('has exactly the contract columns, in order', () => {
    expect(rows[0]).toBe(
      'suite,target,profile,experiment,rate,connections,repetition,requests,errors,achieved_rps,p50_ms,p90_ms,p99_ms,p999_ms,max_ms,mean_ms,order',
    );
  });

  it('writes one row per load cell with ms rounded to 3 decimals', () => {
    expect(rows).toHaveLength(1 + 13);
    // istio-sidecar at 500 rps, repetition 2: 1 + 2 + 0.3 + 0.02 = 3.32 ms p50; max 3.32 × 6.123456 = 20.3299…
    expect(rows).toContain('sidecar-and-cold-start,local,istio-sidecar,latency-vs-rate,500,16,2,5000,0,499.75,3.32,4.98,8.3,13.28,20.33,3.652,');
  });

  it("gives each row the cell's place in the run order, empty for runs recorded before it was", () => {
    const order = results.map((r) => r.cell.id).reverse();
    const ordered = lines(latencyCsv({ ...record, order }, results));
    const row = ordered.find((line) => line.startsWith('sidecar-and-cold-start,local,istio-sidecar,latency-vs-rate,500,16,2,'))!;
    const id = 'istio-sidecar/latency-vs-rate/500rps-16c/r2';
    expect(order).toContain(id);
    expect(row.split(',').at(-1)).toBe(String(order.indexOf(id) + 1));
  });

  it('leaves rate empty for a closed-model cell', () => {
    expect(rows.find((row) => row.includes(',closed-16,'))).toMatch(/^sidecar-and-cold-start,local,baseline,closed-16,,16,1,8000,/);
  });

  it('skips errored cells, which measured nothing', () => {
    const errored = results.map((r, i) => (i === 0 ? { ...r, status: 'errored' as const, error: 'boom' } : r));
    expect(lines(latencyCsv(record, errored))).toHaveLength(13);
  });
});

describe('coldstarts.csv', () => {
  const rows = lines(coldstartsCsv(record, results));

  it('starts with the contract columns, then one <phase>_ms column per phase in first-seen order, then the later ones', () => {
    expect(rows[0]).toBe(
      'suite,target,profile,experiment,services,iteration,service,cold,total_ms,pod_scheduled_ms,pod_ready_ms,first_byte_ms,activator_queued_ms,kind,first_bytes_ms',
    );
  });

  it('writes every iteration, with empty fields for phases it lacks', () => {
    expect(rows.slice(1)).toEqual([
      'sidecar-and-cold-start,local,knative-kourier,scale-from-zero,1,1,echo-1,true,910.5,105,700.25,910.5,,cold,',
      'sidecar-and-cold-start,local,knative-kourier,scale-from-zero,1,2,echo-1,true,850,95,650,850,,cold,',
      'sidecar-and-cold-start,local,knative-kourier,scale-from-zero,1,3,echo-1,true,1200,120,990,1200,10,cold,',
      'sidecar-and-cold-start,local,knative-kourier,scale-from-zero,1,4,echo-1,false,2.5,,,2.5,,cold,',
    ]);
  });

  it('is a header alone when nothing was cold-started', () => {
    expect(lines(coldstartsCsv(record, results.filter((r) => r.cell.type === 'load')))).toEqual([
      'suite,target,profile,experiment,services,iteration,service,cold,total_ms,kind,first_bytes_ms',
    ]);
  });

  it('turns phase names into safe column names', () => {
    expect(phaseColumn('first byte/ok')).toBe('first_byte_ok_ms');
  });
});

describe('resources.csv', () => {
  const rows = lines(resourcesCsv(record, results));

  it('has one row per component per cell under the documented columns', () => {
    expect(rows[0]).toBe(
      'suite,target,profile,experiment,cell,rate,connections,services,repetition,component,source,samples,cpu_millicores_avg,cpu_millicores_max,memory_mib_avg,memory_mib_max,cpu_seconds_per_1000_requests,readings,error',
    );
    // baseline: 5 load cells × 1 component; istio-sidecar and knative-kourier: 4 × 2.
    expect(rows).toHaveLength(1 + 5 + 8 + 8);
    expect(rows).toContain(
      'sidecar-and-cold-start,local,istio-sidecar,latency-vs-rate,istio-sidecar/latency-vs-rate/100rps-16c/r1,100,16,,1,proxy,pid 4001,10,90,130,52.12,58.9,0.9,,',
    );
  });

  it('gives a component without a figure its reason and no numbers, never zeros', () => {
    const tooShort = 'too short to sample: the kubelet took 1 distinct reading of container echo in the 3.0 s measured window';
    const [first, ...rest] = results;
    const cell = { ...first!, resources: [{ ...first!.resources[0]!, readings: 1, cpuMillicores: { min: 0, avg: 0, max: 0 }, cpuSecondsPer1000Requests: undefined, error: tooShort }] };
    const row = lines(resourcesCsv(record, [cell, ...rest]))[1]!;
    expect(row.endsWith(`,10,,,,,,1,${tooShort}`)).toBe(true);
    const [summary] = summariseResources([cell]);
    expect(summary).toMatchObject({ cpuAvg: undefined, cpuMax: undefined, cpuSecondsPer1000Requests: undefined, readings: 1, error: tooShort });
  });
});
