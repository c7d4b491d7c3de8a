import { describe, expect, it } from 'vitest';
import { MESH_WIDE_NOTE } from '../../src/analysis/overheads.ts';
import type { OverheadRow } from '../../src/analysis/types.ts';
import { chartSpecs, renderCharts } from '../../src/report/charts.ts';
import { renderHtml } from '../../src/report/html.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { fixtureRun, type FixtureRun } from './fixtures.ts';

/** The fixture run without resource samples or overhead rows. */
function withoutResources(): FixtureRun {
  const { record, results } = fixtureRun();
  return {
    record: { ...record, analysis: { ...record.analysis!, overheads: [] } },
    results: results.map((result) => ({ ...result, resources: [] })),
  };
}

async function html(run: FixtureRun): Promise<string> {
  return renderHtml(run.record, run.results, await renderCharts(run.record, run.results));
}

describe('the Overheads section', () => {
  it('lists each figure in summary.md with its verdict, interval, missing data and published anchor', () => {
    const { record, results } = fixtureRun();
    const md = renderMarkdown(record, results);
    const section = md.slice(md.indexOf('## Overheads'));
    expect(section).toContain('> **Emulation:** These are emulation figures');
    expect(section).toContain(
      '| data path: sidecar tax (istio-sidecar vs baseline) | latency-vs-rate · 500 rps · 16 conn | proxy | CPU-s / 1000 req | not running | 0.180 CPU-s | **more** +0.180 CPU-s (95% CI +0.160 CPU-s … +0.200 CPU-s) | 0.200 CPU-s — Istio 1.24: sidecar 0.20 vCPU per 1000 rps (istio.io performance page) |',
    );
    expect(section).toContain('| total CPU-s / 1000 req | 0.100 CPU-s | 0.105 CPU-s | **no measurable difference** +0.005 CPU-s within noise (95% CI −0.010 CPU-s … +0.020 CPU-s) | – |');
    expect(section).toContain('| Knative: knative-kourier | latency-vs-rate · 100 rps · 16 conn | activator | CPU-s / 1000 req | – | – | **missing data** knative-kourier/latency-vs-rate/100rps-16c/r1: &lt;activator&gt; not found | – |');
  });

  it('marks Mixer per mesh-wide requests and states what mesh-wide means here, once', () => {
    const { record, results } = fixtureRun();
    const mixer: OverheadRow = {
      topic: 'Mixer', comparison: undefined, experiment: 'latency-vs-rate', baseline: undefined, candidate: 'istio-sidecar',
      rate: 100, connections: 16, component: 'mixer', measure: 'cpu-seconds-per-1000-requests',
      baselineValue: undefined, candidateValue: 0.58, delta: 0.58, ci: { low: 0.55, high: 0.61 }, verdict: 'more',
      repetitions: { baseline: 0, candidate: 2 }, note: MESH_WIDE_NOTE,
    };
    const analysis = { ...record.analysis!, overheads: [mixer, { ...mixer, rate: 500 }] };
    const md = renderMarkdown({ ...record, analysis }, results);
    expect(md).toContain('| Mixer: istio-sidecar | latency-vs-rate · 100 rps · 16 conn | mixer | CPU-s / 1000 req † | – | 0.580 CPU-s | **measured** 0.580 CPU-s (95% CI 0.550 CPU-s … 0.610 CPU-s) | – |');
    expect(md.match(/† mixer: the istio-telemetry and istio-policy deployments together, each pod with its mixer and its istio-proxy, per 1000 mesh-wide requests = per 1000 requests of the cell/g)).toHaveLength(1);
  });

  it('says in summary.md why there are no overheads, and drops the emulation note off the local target', () => {
    const run = withoutResources();
    const md = renderMarkdown({ ...run.record, emulation: false, target: 'kind' }, run.results);
    expect(md).toContain('## Overheads\n\nNo resource samples were recorded for the load cells, so no overheads could be computed.');
    expect(md).not.toContain('emulation figures');
  });

  it('puts the table and the stacked CPU-per-request chart in the HTML section', async () => {
    const page = await html(fixtureRun());
    const start = page.indexOf('<section id="overheads">');
    const section = page.slice(start, page.indexOf('</section>', start));
    expect(section).toContain('<strong>Emulation:</strong> These are emulation figures');
    expect(section).toContain('<span class="badge bad">more</span><br><span class="note">+0.180 CPU-s (95% CI +0.160 CPU-s … +0.200 CPU-s)</span>');
    expect(section).toContain('<span class="badge neutral">no measurable difference</span>');
    expect(section).toContain('&#60;activator&#62; not found');
    expect(section).toMatch(/<figure id="chart-cpu-per-request"[^]*?<svg[^]*?<\/svg>\s*<\/figure>/);
    // The chart is in the Overheads section only.
    expect(page.match(/id="chart-cpu-per-request"/g)).toHaveLength(1);
  });

  it('stacks each profile’s components, leaving out components that errored', () => {
    const { record, results } = fixtureRun();
    const errored = results.map((r) =>
      r.cell.profile === 'istio-sidecar' ? { ...r, resources: r.resources.map((u) => (u.component === 'proxy' ? { ...u, error: 'gone' } : u)) } : r,
    );
    const chart = chartSpecs(record, errored).find((c) => c.id === 'cpu-per-request');
    const values = chart && 'spec' in chart ? (chart.spec as { data: { values: { profile: string; component: string }[] } }).data.values : [];
    const at500 = values.filter((v) => 'point' in v && (v as { point: string }).point === 'latency-vs-rate · 500 rps · 16 conn');
    expect(at500.map((v) => `${v.profile}/${v.component}`)).toEqual(['baseline/workload', 'istio-sidecar/workload', 'knative-kourier/workload', 'knative-kourier/queue-proxy']);
  });

  it('says in the HTML why there is no table and no chart without resource data', async () => {
    const page = await html(withoutResources());
    const start = page.indexOf('<section id="overheads">');
    const section = page.slice(start, page.indexOf('</section>', start));
    expect(section).toContain('<p class="omitted">No resource samples were recorded for the load cells, so no overheads could be computed.</p>');
    expect(section).toContain('<p class="omitted">No resource samples were recorded for the load cells, so there is no CPU per request to plot.</p>');
    expect(section).not.toContain('<svg');
    expect(section).not.toContain('<table');
  });
});
