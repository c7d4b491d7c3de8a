import { describe, expect, it } from 'vitest';
import { mdEscape, renderMarkdown } from '../../src/report/markdown.ts';
import { fixtureRun } from './fixtures.ts';

describe('summary.md', () => {
  it('says a partial run is partial, why, and which cells are missing', () => {
    const { record, results } = fixtureRun({ partial: { missing: 2 } });
    const md = renderMarkdown(record, results);
    expect(md).toContain('| Status | **PARTIAL** — stopped early by SIGINT; 12 of 14 planned cells measured, 2 not run. |');
    expect(md).toContain('**Not measured:** knative-kourier/latency-vs-rate/500rps-16c/r2, knative-kourier/scale-from-zero/1svc/r1.');
  });

  it('labels an emulated run at the top', () => {
    const { record, results } = fixtureRun();
    const md = renderMarkdown(record, results);
    expect(md.indexOf('> **Emulation:** the local target runs processes')).toBeLessThan(md.indexOf('| Status |'));
    expect(renderMarkdown({ ...record, emulation: false, target: 'kind' }, results)).not.toContain('Emulation');
  });

  it('shows verdicts in words, and a difference inside the noise as no measurable difference', () => {
    const { record, results } = fixtureRun();
    const md = renderMarkdown(record, results);
    expect(md).toMatch(/\| sidecar tax \(istio-sidecar vs baseline\) \| .* \| \*\*slower by 5\.00 ms\*\* \| \+5\.00 ms \| \+4\.50 ms … \+5\.50 ms \|/);
    expect(md).toMatch(/\| \*\*no measurable difference\*\* \| \+0\.050 ms \(within noise\) \|/);
  });

  it('says which rows had too few repetitions for an interval, apart from an unsampled tail', () => {
    const { record, results } = fixtureRun();
    const [slower, noise] = record.analysis!.comparisons;
    const comparisons = [
      { ...slower!, ci: undefined, verdict: 'insufficient repetitions' as const, repetitions: { baseline: 2, candidate: 2 } },
      { ...noise!, metric: 'p999' as const, ci: undefined, verdict: 'insufficient data' as const },
    ];
    const md = renderMarkdown({ ...record, analysis: { ...record.analysis!, comparisons } }, results);
    expect(md).toMatch(/\| p99 \| .* \| \*\*insufficient repetitions\*\* \| \+5\.00 ms \| – \|/);
    expect(md).toMatch(/\| p99\.9 \| .* \| \*\*insufficient data \(too few tail samples\)\*\* \|/);
    expect(md).toContain('“insufficient repetitions”: too few repetitions a side (fewer than 4) for any 95% interval');
    expect(md).not.toContain('bootstrap');
  });

  it('summarises load cells as medians over repetitions with the saturated flag', () => {
    const { record, results } = fixtureRun();
    const md = renderMarkdown(record, results);
    // istio-sidecar at 500 rps: p50 of repetitions 3.31 and 3.32 → median 3.315.
    expect(md).toContain('| istio-sidecar | 500 | 16 | 2 | 3.31 ms | 4.97 ms | 8.29 ms | 13.3 ms | 500 | 0 | no |');
    expect(md).toContain('| baseline | closed | 16 | 1 |');
    expect(md).toMatch(/\| baseline \| closed .* \| \*\*yes\*\* \(1\/1\) \|/);
  });

  it('summarises cold starts with discarded iterations and median phase offsets', () => {
    const { record, results } = fixtureRun();
    expect(renderMarkdown(record, results)).toContain(
      '| knative-kourier | 1 | 3 | 1 | 0 | 911 ms | 1200 ms | activator-queued 10.0 ms → pod-scheduled 105 ms → pod-ready 700 ms → first-byte 911 ms |',
    );
  });

  it('marks failed thresholds', () => {
    const { record, results } = fixtureRun();
    expect(renderMarkdown(record, results)).toContain('| **FAIL** | sidecar tax | p99 | 1.00 ms | +5.00 ms |');
  });

  it('escapes suite text so it cannot break tables or inject HTML', () => {
    expect(mdEscape('a|b <script>*x*')).toBe('a\\|b &lt;script&gt;\\*x\\*');
    const { record, results } = fixtureRun();
    const md = renderMarkdown(record, results);
    expect(md).not.toContain('<script>');
    expect(md).toContain('knative &lt;b&gt;hop&lt;/b&gt;');
  });
});
