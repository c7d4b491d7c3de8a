// Opens the rendered report in a real browser (Chromium via playwright-core): the page
// must load nothing but itself, show the emulation banner on the first screen, and draw charts.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderRun } from '../../src/report/render.ts';
import { chromiumForTests } from '../support/chromium.ts';
import { fixtureRun, type FixtureRun } from './fixtures.ts';
import { writeRunDir } from './run-dir.ts';

// No skip when chromium is absent: a skipped test verifies nothing. chromiumForTests finds one or
// installs Debian's, hence the beforeAll's time for apt-get.
describe('index.html in a browser', () => {
  let browser: Browser;
  const dirs: string[] = [];
  const requests: string[] = [];
  const opened: string[] = [];

  /** Render a run directory and open its index.html at 1280×800, recording every request. */
  async function open(run: FixtureRun): Promise<Page> {
    const dir = await writeRunDir(run);
    dirs.push(dir);
    await renderRun(dir);
    const url = pathToFileURL(path.join(dir, 'index.html')).href;
    opened.push(url);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(url, { waitUntil: 'load' });
    return page;
  }

  let complete: Page;
  let partial: Page;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: await chromiumForTests(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    complete = await open(fixtureRun());
    partial = await open(fixtureRun({ partial: { missing: 2 } }));
    await complete.screenshot({ path: '/tmp/meshbench-report.png' });
  }, 10 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('requests nothing but the pages themselves', () => {
    expect(requests).toEqual(opened);
  });

  it('shows the emulation banner and the partial status on the first screen', async () => {
    for (const [page, selector] of [[complete, '#emulation-banner'], [partial, '#emulation-banner'], [partial, '#status-banner']] as const) {
      const banner = page.locator(selector);
      await expect(banner.isVisible()).resolves.toBe(true);
      const box = await banner.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.y + box!.height).toBeLessThanOrEqual(800);
    }
    expect(await complete.locator('#emulation-banner').innerText()).toContain('Emulation: the local target runs processes on this machine');
    expect(await partial.locator('#status-banner').innerText()).toContain('PARTIAL run');
    expect(await complete.locator('#status-banner').count()).toBe(0);
  });

  it('draws every chart as an SVG with a size and marks in it', async () => {
    const charts = await complete.locator('figure svg').evaluateAll((svgs) =>
      svgs.map((svg) => {
        const { width, height } = svg.getBoundingClientRect();
        return {
          figure: svg.closest('figure')?.id,
          width,
          height,
          marks: svg.querySelectorAll('path, rect, line').length,
        };
      }),
    );
    expect(charts.map((c) => c.figure)).toEqual(['chart-comparison-forest', 'chart-latency-distribution', 'chart-latency-vs-rate', 'chart-cold-start-phases', 'chart-resources', 'chart-cpu-per-request']);
    for (const chart of charts) {
      expect(chart.width, chart.figure).toBeGreaterThan(100);
      expect(chart.height, chart.figure).toBeGreaterThan(50);
      expect(chart.marks, chart.figure).toBeGreaterThan(10);
    }
  });

  it('runs no script and shows the description as text', async () => {
    expect(await complete.locator('script').count()).toBe(0);
    expect(await complete.locator('.description').innerText()).toContain('<script>alert("x")</script>');
  });
});
