// Issue 10: both reports show the order cells ran in (compactly), each stack's warm-up, and the
// drift check, with a warning on the first screen when the reference cell flagged drift.
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import type { ReferenceDrift, RunRecord } from '../../src/results/run-record.ts';
import { referenceDrift } from '../../src/run/drift.ts';
import { fixtureRun } from './fixtures.ts';

const { record, results } = fixtureRun();
const id = (profile: string, rate: number, rep: number) => `${profile}/latency-vs-rate/${rate}rps-16c/r${rep}`;

const interleaved: RunRecord = {
  ...record,
  schedule: 'interleaved',
  order: [
    id('baseline', 100, 1), id('istio-sidecar', 100, 1), id('knative-kourier', 100, 1),
    id('baseline', 500, 1), id('istio-sidecar', 500, 1), id('knative-kourier', 500, 1),
    id('knative-kourier', 100, 2), id('istio-sidecar', 100, 2), id('baseline', 100, 2),
    id('knative-kourier', 500, 2), id('istio-sidecar', 500, 2), id('baseline', 500, 2),
    'knative-kourier/scale-from-zero/services=1/r1',
  ],
  stacks: [
    { profile: 'baseline', dataPath: [], facts: {}, warmup: { ms: 3_001, requests: 300, errors: 0, rate: 100, connections: 16, driver: 'builtin' } },
    { profile: 'istio-sidecar', dataPath: [], facts: {}, warmup: { failed: 'none of its 300 requests succeeded (300 connect, 0 timeout, 300 in all)' } },
    { profile: 'knative-kourier', dataPath: [], facts: {}, warmup: { skipped: 'no load cells' } },
  ],
  drift: { method: 'interleaved', detail: 'load cells interleaved across profiles' },
};

const start = [0.81, 0.79, 0.84, 0.8, 0.83];
const sequential = (drift: ReferenceDrift): RunRecord => ({
  ...record,
  target: 'kind',
  emulation: false,
  schedule: 'sequential',
  order: [id('baseline', 100, 1), id('baseline', 100, 2), id('istio-sidecar', 100, 1), id('istio-sidecar', 100, 2)],
  drift,
});

describe('run order and drift in the reports', () => {
  it('summary.md writes the interleaved order as rounds, reversed rounds counted, and each warm-up', () => {
    const md = renderMarkdown(interleaved, results);
    expect(md).toContain('## Run order and drift');
    expect(md).toContain('- Run order — interleaved: baseline istio-sidecar knative-kourier ×2 / knative-kourier istio-sidecar baseline ×2 / knative-kourier\n');
    expect(md).toContain('- Stack warm-up — baseline: warmed 3s at 100 rps (300 requests, 0 errors, not recorded)');
    expect(md).toContain('- Stack warm-up — istio-sidecar: WARM-UP FAILED: none of its 300 requests succeeded');
    expect(md).toContain('- drift control: load cells interleaved across profiles');
    expect(md).not.toContain('**Drift:**');
  });

  it('a sequential run with drift beyond the noise gets a warning on the first screen of both reports', () => {
    const drifted = sequential(referenceDrift(start, start.map((value) => value + 0.3)));
    const md = renderMarkdown(drifted, results);
    expect(md).toContain('- Run order — sequential: baseline ×2 / istio-sidecar ×2');
    expect(md).toMatch(/> \*\*Drift:\*\* the reference cell's median latency moved by \+0\.3\d* ms between the start and the end of the run/);
    expect(md.indexOf('**Drift:**')).toBeLessThan(md.indexOf('## Load'));
    expect(md).toMatch(/shift end − start \+0\.3\d* ms \(95% interval \+0\.\d+ ms … \+0\.\d+ ms\): DRIFT larger than the noise/);
    const html = renderHtml(drifted, results, []);
    expect(html).toContain('id="drift-banner"');
    expect(html.indexOf('id="drift-banner"')).toBeLessThan(html.indexOf('id="summary"'));
  });

  it('no warning when the shift is inside the noise, and nothing at all for runs recorded before the order was', () => {
    const calm = sequential(referenceDrift(start, [0.82, 0.78, 0.85, 0.8, 0.81]));
    expect(renderMarkdown(calm, results)).toContain('no drift beyond the noise');
    expect(renderMarkdown(calm, results)).not.toContain('**Drift:**');
    expect(renderHtml(calm, results, [])).not.toContain('drift-banner');
    expect(renderMarkdown(record, results)).not.toContain('## Run order');
    expect(renderHtml(record, results, [])).not.toContain('id="run-order"');
  });
});
