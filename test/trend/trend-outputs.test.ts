// What `trend` writes and hands on: trend.html (self-contained, one chart per series up to a cap,
// grouped by suite, profile and point), trend.md, trend.json, the CI checks and the terminal
// summary. Real files in a temporary directory, real Vega rendering.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyseTrend, trendExitCode } from '../../src/trend/analyse.ts';
import { trendCiReport } from '../../src/trend/ci-report.ts';
import { MAX_CHARTS } from '../../src/trend/html.ts';
import { trendTerminalSummary } from '../../src/trend/markdown.ts';
import { writeTrend } from '../../src/trend/write.ts';
import { history, step } from './histories.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

function sample() {
  const regressed = history({ runs: 30, level: (run) => (run === 29 ? 130 : run < 12 ? 100 : 110), seed: 2, metric: 'p99' });
  const quiet = history({ runs: 20, seed: 3, metric: 'p50' });
  const short = history({ runs: 3, seed: 4, metric: 'cold_start' });
  const other = { ...history({ runs: 12, seed: 5, metric: 'memory.istio-proxy' }), unit: 'MiB' as const };
  other.key = { ...other.key, profile: 'baseline' };
  return analyseTrend([regressed, quiet, short, other]);
}

describe('trend outputs', () => {
  it('writes trend.html, trend.md and trend.json; the page needs no network and marks changes and the regression', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'trend-'));
    const result = sample();
    const written = await writeTrend(result, path.join(dir, 'reports', 'trend'));
    expect(written.map((file) => path.basename(file))).toEqual(['trend.html', 'trend.md', 'trend.json']);
    const html = await readFile(written[0]!, 'utf8');
    expect(html).not.toMatch(/<script|<link|<img|src=|url\(|@import/i);
    // The only URLs on the page are SVG's namespace names, which are never fetched.
    const namespaces = ['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink'];
    expect([...html.matchAll(/https?:\/\/[^"'\s<]+/g)].map((match) => match[0]).filter((url) => !namespaces.includes(url))).toEqual([]);
    expect(html.match(/<svg/g)).toHaveLength(4);
    expect(html).toContain('The newest run regresses 1 series measurably.');
    expect(html).toContain('<h2>sim</h2>');
    expect(html.indexOf('<h3>istio</h3>')).toBeGreaterThan(0);
    expect(html.indexOf('<h3>baseline</h3>')).toBeGreaterThan(0);
    expect(html).toContain('level 110 ms'); // the segment after the change point, labelled on its chart
    expect(JSON.parse(await readFile(written[2]!, 'utf8'))).toEqual(JSON.parse(JSON.stringify(result)));
    const markdown = await readFile(written[1]!, 'utf8');
    expect(markdown).toContain('4 series: the newest run regresses 1 series measurably; 1 change point(s) in their histories.');
    expect(markdown).toMatch(/\| p99 \| 30 \| 1 \(run-012 ↑ \+10\.\d %\) \| \*\*regression \+/);
    expect(markdown).toContain('insufficient runs: 2 run(s) before the newest at its level; needs 5');
  });

  it('keeps the page bounded: at most MAX_CHARTS charts, the regressions among them, the rest named in the table', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'trend-'));
    const many = Array.from({ length: MAX_CHARTS + 5 }, (_, i) => history({ runs: 8, seed: 100 + i, metric: `cpu_per_1000.c${i}` }));
    const regressed = history({ runs: 8, level: step(7, 100, 140), seed: 1, metric: 'p99' });
    const result = analyseTrend([...many, regressed]);
    expect(result.series.at(-1)!.newest.verdict).toBe('regression');
    const [file] = await writeTrend(result, dir);
    const html = await readFile(file!, 'utf8');
    expect(html.match(/<svg/g)).toHaveLength(MAX_CHARTS);
    expect(html).toMatch(/<figure>\n<h5>p99 <span class="badge bad">regression/);
    expect(html).toContain(`6 series here without a chart (the page shows at most ${MAX_CHARTS}, the worst first)`);
    expect(html.match(/<tr>/g)!.length).toBe(MAX_CHARTS + 6 + 1);
  }, 60_000);

  it('gives one CI check per series: failed for the regression, skipped where it cannot judge', () => {
    const result = sample();
    const report = trendCiReport(result, trendExitCode(result));
    expect(report).toMatchObject({ command: 'trend', exitCode: 1, result });
    expect(report.checks.map((check) => [check.group, check.name, check.outcome])).toEqual([
      ['trend', 'sim / istio / load / 500 rps · 16 conn / p99', 'failed'],
      ['trend', 'sim / istio / load / 500 rps · 16 conn / p50', 'passed'],
      ['trend', 'sim / istio / load / 500 rps · 16 conn / cold_start', 'skipped'],
      ['trend', 'sim / baseline / load / 500 rps · 16 conn / memory.istio-proxy', 'passed'],
    ]);
    expect(report.checks[0]!.message).toMatch(/^regression \+\d+\.\d ms \[\+\d+\.\d ms, \+\d+\.\d ms\] over the 17 runs at its level$/);
    expect(report.checks[0]!.detail).toContain('change points: 1 (run-012 ↑');
    expect(report.checks[0]!.detail).toMatch(/^newest run: run-029 \(2026-01-30T00:00:00\.000Z, git sha29\), median /);
    expect(report.checks[3]!.message).toMatch(/MiB/);
    expect(report.summaryMarkdown).toContain('# meshbench trend');
  });

  it('summarises for a terminal in plain text, user text made safe', () => {
    const result = sample();
    result.series[0]!.key = { ...result.series[0]!.key, suite: 'evil\u001b]0;pwned\u0007' };
    const text = trendTerminalSummary(result);
    expect(text).not.toMatch(/[\u001b\u0007]/);
    expect(text).toContain('REGRESSION: evil\\x1b]0;pwned\\x07 / istio / load / 500 rps · 16 conn / p99 +');
    expect(text).toContain('1 series could not be judged (too few runs or repetitions; see trend.md).');
    expect(text.split('\n')[0]).toBe('4 series: the newest run regresses 1 series measurably; 1 change point(s) in their histories.');
  });
});
