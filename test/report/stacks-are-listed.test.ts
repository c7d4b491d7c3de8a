// A cluster run records what each profile ran on; both reports show it, escaped.
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import type { StackRecord } from '../../src/results/run-record.ts';
import { fixtureRun } from './fixtures.ts';

describe('stacks in the reports', () => {
  const { record, results } = fixtureRun();
  const stacks: StackRecord[] = [
    { profile: 'baseline', dataPath: ['client (host)', 'echo'], facts: { kubernetes: 'v1.34.0', nodes: '1 (8 CPU, 15.6 GiB in total)' } },
    { profile: 'istio-sidecar', dataPath: ['client (host)', 'istio-proxy', 'echo'], facts: { istio: '1.28.3 <sidecar>' } },
  ];
  const onKind = {
    ...record,
    target: 'kind' as const,
    emulation: false,
    stacks,
  };

  it('summary.md lists each profile with its facts', () => {
    const md = renderMarkdown(onKind, results);
    expect(md).toContain('## Stacks');
    expect(md).toContain('- **baseline**: kubernetes v1.34.0 · nodes 1 (8 CPU, 15.6 GiB in total)');
  });

  it('index.html lists them in the header, escaped', () => {
    const html = renderHtml(onKind, results, []);
    expect(html).toContain('<strong>baseline</strong>: kubernetes v1.34.0 · nodes 1 (8 CPU, 15.6 GiB in total)');
    expect(html).toContain('istio 1.28.3 &#60;sidecar&#62;');
  });

  it('a run without stacks (the local target) shows no such section', () => {
    expect(renderMarkdown(record, results)).not.toContain('## Stacks');
  });
});
