import { describe, expect, it } from 'vitest';
import { renderCharts } from '../../src/report/charts.ts';
import { renderHtml } from '../../src/report/html.ts';
import { fixtureRun, SUITE_DESCRIPTION } from './fixtures.ts';

async function html(run = fixtureRun()): Promise<string> {
  return renderHtml(run.record, run.results, await renderCharts(run.record, run.results));
}

describe('index.html', () => {
  it('puts the emulation banner before the summary', async () => {
    const page = await html();
    const banner = page.indexOf('<div class="banner emulation"');
    expect(banner).toBeGreaterThan(0);
    expect(page.slice(banner)).toMatch(/^[^\n]*<strong>Emulation:<\/strong> the local target runs processes on this machine that imitate the data path; figures show relative costs of the hops, not Kubernetes numbers\./);
    expect(banner).toBeLessThan(page.indexOf('id="summary"'));
  });

  it('has no emulation banner for a real cluster', async () => {
    const run = fixtureRun();
    expect(await html({ ...run, record: { ...run.record, emulation: false, target: 'kind' } })).not.toContain('banner emulation');
  });

  it('inlines an SVG for each of the four charts', async () => {
    const page = await html();
    for (const id of ['latency-distribution', 'latency-vs-rate', 'cold-start-phases', 'resources']) {
      expect(page).toMatch(new RegExp(`<figure id="chart-${id}"[^]*?</h3>[^]*?<svg[^]*?</svg>\\s*</figure>`));
    }
  });

  it('escapes text from the suite', async () => {
    const page = await html();
    expect(page).not.toContain(SUITE_DESCRIPTION);
    expect(page).toContain('Sidecar tax &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; cold starts');
    expect(page).not.toContain('<b>hop</b>');
    expect(page).not.toMatch(/<script/i);
  });

  it('references no remote resource and loads no script', async () => {
    const page = await html();
    expect(page).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(page).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    expect(page).not.toMatch(/@import/i);
  });

  it('says prominently that a partial run is partial and lists the cells not measured', async () => {
    const page = await html(fixtureRun({ partial: { missing: 2 } }));
    expect(page).toContain('<strong>PARTIAL run:</strong> stopped early by SIGINT; 12 of 14 planned cells measured, 2 not run.');
    expect(page).toContain('<li><code>knative-kourier/scale-from-zero/1svc/r1</code></li>');
    expect(page.indexOf('id="status-banner"')).toBeLessThan(page.indexOf('id="summary"'));
  });

  it('shows a verdict inside the noise as no measurable difference, and failed thresholds', async () => {
    const page = await html();
    expect(page).toContain('<span class="badge neutral">no measurable difference</span>');
    expect(page).toContain('<span class="badge bad">slower by 5.00 ms</span>');
    expect(page).toContain('<span class="badge bad">FAIL</span>');
  });

  it('gives each profile the same colour in tables and charts', async () => {
    const page = await html();
    // istio-sidecar is the second profile: vermillion.
    expect(page).toContain('<span class="swatch" style="background:#D55E00" aria-hidden="true"></span>istio-sidecar');
    const percentiles = page.slice(page.indexOf('id="chart-latency-distribution"'), page.indexOf('id="chart-latency-vs-rate"'));
    expect(percentiles).toMatch(/stroke="#D55E00"/);
  });

  it('lists cell problems: error classes and saturation reasons', async () => {
    const page = await html();
    expect(page).toContain('<strong>3 errors: timeout 1, HTTP 503 2</strong>');
    expect(page).toContain('Saturated: closed model: the rate is whatever 16 clients achieve');
  });
});
