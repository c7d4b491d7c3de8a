import { describe, expect, it } from 'vitest';
import { PUBLISHED_FIGURES } from '../../src/analysis/published-figures.ts';
import { publishedAnchor, publishedFigure } from '../../src/analysis/published.ts';
import type { OverheadRow } from '../../src/analysis/types.ts';
import { anchorCells, anchorsHtml, NOT_MEASURED } from '../../src/report/anchors-section.ts';
import { renderCharts } from '../../src/report/charts.ts';
import { renderHtml } from '../../src/report/html.ts';
import { renderMarkdown, renderPlainSummary } from '../../src/report/markdown.ts';
import type { Profile } from '../../src/suite/schema.ts';
import { fixtureRun, type FixtureRun } from './fixtures.ts';

/** The fixture run (a sidecar comparison, a proxy CPU row, a Knative cold start) plus the proxy's memory. */
function runWithMemory(): FixtureRun {
  const { record, results } = fixtureRun();
  const memory: OverheadRow = {
    topic: 'data path', comparison: 'sidecar tax', experiment: 'latency-vs-rate', baseline: 'baseline', candidate: 'istio-sidecar',
    rate: 500, connections: 16, component: 'proxy', measure: 'memory-mib',
    baselineValue: undefined, candidateValue: 40.5, delta: 40.5, ci: { low: 39, high: 42 }, verdict: 'more',
    repetitions: { baseline: 0, candidate: 2 },
  };
  return { record: { ...record, analysis: { ...record.analysis!, overheads: [...record.analysis!.overheads, memory] } }, results };
}

/** The table row (<tr>…</tr>) of one published figure and measure. */
function htmlRow(section: string, figure: string, measure: string): string {
  const rows = section.split('<tr>').slice(1);
  const matching = rows.filter((row) => row.startsWith(`<td class="wrap">${figure}</td><td class="wrap">${measure}</td>`));
  expect(matching, figure).toHaveLength(1);
  return matching[0]!;
}

describe('the published figures beside ours', () => {
  it('sets our sidecar CPU, memory and added p99 beside the published figure in the same unit, with its shape and source', () => {
    const { record, results } = runWithMemory();
    const section = anchorsHtml(record, results);

    const cpu = htmlRow(section, 'Istio 1.24: sidecar', 'CPU-s per 1000 requests');
    expect(cpu).toContain('0.200 CPU-s (published: 0.2 vCPU per 1000 rps)');
    expect(cpu).toContain('+0.180 CPU-s (95% CI +0.160 CPU-s … +0.200 CPU-s) — istio-sidecar, latency-vs-rate · 500 rps · 16 conn');
    expect(cpu).toContain('1000 rps (CPU sweeps 10–1000 rps); 16 connections (latency sweeps 2–64); HTTP/1.1, 1 KB payload, mutual TLS');
    expect(cpu).toContain('istio.io performance page — https://istio.io/latest/docs/ops/deployment/performance-and-scalability/');

    const memory = htmlRow(section, 'Istio 1.24: sidecar', 'memory per instance');
    expect(memory).toContain('57.2 MiB (published: 60 MB)');
    expect(memory).toContain('+40.5 MiB (95% CI +39.0 MiB … +42.0 MiB) — istio-sidecar, latency-vs-rate · 500 rps · 16 conn');

    const p99 = htmlRow(section, 'Istio 1.5.4 (telemetry v2, Mixer off): latency added by the sidecars', 'added latency at p99');
    expect(p99).toContain('+2.70 ms');
    expect(p99).toContain('+5.00 ms (95% CI +4.50 ms … +5.50 ms) — istio-sidecar vs baseline, latency-vs-rate · 500 rps · 16 conn');
  });

  it('says so for a figure this run did not measure, and lists measured figures first', () => {
    const { record, results } = runWithMemory();
    const section = anchorsHtml(record, results);
    for (const figure of ['Kubernetes SIG Scalability SLO: pod startup', 'Linkerd 2.11.1: proxy, maximum memory', 'Knative Serving (dataplane-probe SLA)']) {
      const row = section.split('<tr>').find((r) => r.includes(figure));
      expect(row, figure).toContain(`<span class="omitted">${NOT_MEASURED}</span>`);
    }
    const cells = anchorCells(record, results);
    const firstUnmeasured = cells.findIndex((row) => row.ours.length === 0);
    expect(firstUnmeasured).toBeGreaterThan(0);
    expect(cells.slice(firstUnmeasured).every((row) => row.ours.length === 0)).toBe(true);
    // One row per published figure, none dropped.
    expect(cells).toHaveLength(PUBLISHED_FIGURES.length);
  });

  it('reads a Knative cold start against the cold-start median of the run', () => {
    const { record, results } = runWithMemory();
    const kperf = anchorCells(record, results).find((row) => row.figure.startsWith('kperf example'));
    expect(kperf?.published).toBe('12.8 s');
    expect(kperf?.ours).toEqual(['911 ms median of 3 cold start(s) — knative-kourier, scale-from-zero · 1 service(s)']);
  });

  it('puts the section after Overheads in index.html with a nav link and a caption saying these are not limits', async () => {
    const { record, results } = runWithMemory();
    const page = renderHtml(record, results, await renderCharts(record, results));
    expect(page).toContain('<a href="#anchors">Published figures</a>');
    const overheads = page.indexOf('<section id="overheads">');
    const anchors = page.indexOf('<section id="anchors"><h2>Published figures beside ours<a class="permalink" href="#anchors"');
    expect(overheads).toBeGreaterThan(0);
    expect(anchors).toBeGreaterThan(overheads);
    expect(page.indexOf('<section id="cells">')).toBeGreaterThan(anchors);
    expect(page).toContain('Anchors from other test shapes, not limits');
  });

  it('is in summary.md and the terminal summary', () => {
    const { record, results } = runWithMemory();
    const md = renderMarkdown(record, results);
    const section = md.slice(md.indexOf('## Published figures beside ours'));
    expect(section).toContain(
      '| Istio 1.24: sidecar | CPU-s per 1000 requests | 0.200 CPU-s (published: 0.2 vCPU per 1000 rps) | +0.180 CPU-s (95% CI +0.160 CPU-s … +0.200 CPU-s) — istio-sidecar, latency-vs-rate · 500 rps · 16 conn |',
    );
    // The figures this run did not measure are only counted there; index.html lists them.
    expect(section).not.toContain('Kubernetes SIG Scalability SLO');
    const unmeasured = anchorCells(record, results).filter((row) => row.ours.length === 0).length;
    expect(section).toContain(`${unmeasured} more published figure(s) about what this run did not measure are listed in index.html.`);
    expect(renderPlainSummary(record, results)).toContain('## Published figures beside ours');
  });
});

describe('the published figures data file', () => {
  it('gives every figure a unique id, a source with an address, and a shape with its load', () => {
    const ids = PUBLISHED_FIGURES.map((figure) => figure.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const figure of PUBLISHED_FIGURES) {
      expect(figure.source.trim(), figure.id).not.toBe('');
      expect(figure.address.trim(), figure.id).not.toBe('');
      expect(figure.shape.load.trim(), figure.id).not.toBe('');
    }
  });

  it('is what the overhead anchors read: Istio 1.24 today, 1.4.6 for a Mixer-era profile', () => {
    const profile = (mesh: Partial<Profile['mesh']>): Profile => ({
      apiVersion: 'meshbench.dev/v1alpha1', kind: 'Profile', name: 'p',
      mesh: { type: 'istio-sidecar', telemetry: 'default', mtls: 'permissive', ...mesh }, serving: { type: 'deployment' },
    });
    expect(publishedFigure('istio-proxy', 'cpu-per-1000-rps', profile({}))?.id).toBe('istio-1.24-sidecar-cpu');
    expect(publishedFigure('proxy', 'memory-mb', profile({ telemetry: 'mixer' }))?.id).toBe('istio-1.4-sidecar-memory');
    expect(publishedFigure('istio-telemetry', 'cpu-per-1000-rps', profile({ telemetry: 'mixer' }))?.id).toBe('istio-1.4-mixer-cpu');
    expect(publishedFigure('queue-proxy', 'cpu-per-1000-rps', profile({}))).toBeUndefined();
    expect(publishedAnchor('mixer', 'cpu-seconds-per-1000-requests', profile({ telemetry: 'mixer' }))).toEqual({
      value: 0.6,
      source: 'Istio 1.4.6: Mixer (istio-telemetry) 0.60 vCPU per 1000 mesh-wide rps (istio.io v1.4 performance page)',
    });
  });
});
