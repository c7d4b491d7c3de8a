// Issue 11 items 10 and 9: `run` printed summary.md's Markdown to the terminal, so a description
// "p99 > 1 ms" read "p99 &gt; 1 ms", and ESC, BEL or CR in suite text reached the terminal raw
// (able to retitle it or overwrite a line). The terminal gets the same summary as plain text.
import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderPlainSummary } from '../../src/report/markdown.ts';
import { terminalSummary } from '../../src/report/render.ts';
import { fixtureRun, SUITE_DESCRIPTION } from './fixtures.ts';
import { writeRunDir } from './run-dir.ts';

describe('the summary run prints', () => {
  it('shows user text as written, where summary.md escapes it', () => {
    const { record, results } = fixtureRun();
    const plain = renderPlainSummary(record, results);
    expect(plain).toContain(SUITE_DESCRIPTION);
    expect(plain).toContain('| knative <b>hop</b> (knative-kourier vs baseline) |');
    expect(plain).not.toMatch(/&(gt|lt|amp);/);
    const md = renderMarkdown(record, results);
    expect(md).toContain('Sidecar tax &lt;script&gt;alert("x")&lt;/script&gt; &amp; cold starts');
  });

  it('is the same summary otherwise: every line of summary.md without escapes is in it', () => {
    const { record, results } = fixtureRun({ partial: { missing: 2 } });
    const plain = renderPlainSummary(record, results).split('\n');
    const md = renderMarkdown(record, results).split('\n');
    expect(plain).toHaveLength(md.length);
    const unchanged = md.filter((line) => !/[&\\]/.test(line));
    expect(unchanged.length).toBeGreaterThan(20);
    for (const line of unchanged) expect(plain).toContain(line);
  });

  it('keeps a pipe in user text from splitting a table cell', () => {
    const { record, results } = fixtureRun();
    const analysis = { ...record.analysis!, thresholds: [{ ...record.analysis!.thresholds[0]!, reason: 'a | b' }] };
    const plain = renderPlainSummary({ ...record, analysis }, results);
    expect(plain).toContain('| a \\| b |');
  });

  it('carries no raw control character: ESC, BEL and CR become visible escapes', () => {
    const { record, results } = fixtureRun();
    const hostile = { ...record, suite: { ...record.suite, description: 'calm\u001b]0;pwned\u0007 text\rPASS \u009b31m' } };
    const plain = renderPlainSummary(hostile, results);
    expect(plain).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(plain).toContain('calm\\x1b]0;pwned\\x07 text\\x0dPASS \\x9b31m');
  });

  it('is rendered from the run directory, as run prints it', async () => {
    const dir = await writeRunDir(fixtureRun());
    try {
      const text = await terminalSummary(dir);
      expect(text).toContain(SUITE_DESCRIPTION);
      expect(text).toContain('## Comparisons');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
