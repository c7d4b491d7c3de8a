// Suite and profile names and run paths are user input: compare.html and compare.md must not let
// them form markup, and the terminal must not receive their control characters.
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare-runs.ts';
import { renderCompareHtml } from '../../src/compare/html.ts';
import { renderCompareMarkdown, renderComparePlain } from '../../src/compare/markdown.ts';
import { recordedRun, renamed } from './runs.ts';

describe('compare files', () => {
  it('escape names from the runs', async () => {
    const hostile = '<img src=x onerror=alert(1)>\u001b]0;x\u0007';
    const run = renamed(await recordedRun(`dir-${hostile}`), 'istio-sidecar', hostile);
    run.record.suite.name = hostile;
    const result = compareRuns(run, structuredClone(run), new Map(), []);
    const html = renderCompareHtml(result);
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(renderCompareMarkdown(result)).not.toContain('<img');
    const plain = renderComparePlain(result);
    expect(plain).not.toContain('\u001b');
    expect(plain).toContain('\\x1b]0;x\\x07');
  });
});
