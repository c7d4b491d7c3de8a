// Issue 13: the report an architect forwards, as the quick start writes it, in a real browser
// (Debian's Chromium through playwright-core). The first screen at 1280×800 must hold the findings
// with their intervals; no width from a laptop to a phone may scroll sideways; printing to PDF must
// work without cutting a table. The run directory is kept under reports/ with a screenshot of the
// first screen and the PDF, for people to look at.
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForTests } from '../support/chromium.ts';
import { meshbench, root } from './cli.ts';

const RUN_DIR = path.join(root, 'reports', 'quickstart-browser-test');
const VIEWPORT = { width: 1280, height: 800 };

describe("the quick start's report in a browser", () => {
  let browser: Browser;
  let page: Page;
  let runOutput = '';

  beforeAll(async () => {
    await rm(RUN_DIR, { recursive: true, force: true });
    await mkdir(path.dirname(RUN_DIR), { recursive: true });
    // As `npm start` runs it, with the run directory named so the test can find and keep it.
    const run = await meshbench(['run', 'scenarios/quickstart.yaml', '--out', RUN_DIR]);
    runOutput = `${run.stdout}\n${run.stderr}`;
    expect(run.exitCode, runOutput).toBe(0);
    browser = await chromium.launch({
      executablePath: await chromiumForTests(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(pathToFileURL(path.join(RUN_DIR, 'index.html')).href, { waitUntil: 'load' });
    await page.screenshot({ path: path.join(RUN_DIR, 'first-screen.png') });
  }, 10 * 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('holds the findings, with their intervals, in the first viewport', async () => {
    const findings = page.locator('#findings li');
    const count = await findings.count();
    expect(count, runOutput).toBeGreaterThanOrEqual(3);
    const boxes = await findings.evaluateAll((items) => items.map((item) => ({ text: item.textContent ?? '', bottom: item.getBoundingClientRect().bottom })));
    for (const box of boxes) expect(box.bottom, box.text).toBeLessThanOrEqual(VIEWPORT.height);
    // The latency findings carry their 95% intervals, or say there is no measurable difference.
    const latency = boxes.filter((box) => /adds|removes|no measurable difference/.test(box.text) && / at p\d/.test(box.text));
    expect(latency.length, boxes.map((box) => box.text).join('\n')).toBeGreaterThanOrEqual(1);
    for (const box of latency) expect(box.text).toMatch(/95% CI/);
    // The emulation notice that weakens them all stands above them, on the same screen.
    const banner = await page.locator('#emulation-banner').boundingBox();
    expect(banner!.y + banner!.height).toBeLessThanOrEqual(VIEWPORT.height);
    expect((await stat(path.join(RUN_DIR, 'first-screen.png'))).size).toBeGreaterThan(10_000);
  });

  it('never scrolls sideways, from a laptop to a phone', async () => {
    for (const width of [1280, 768, 390]) {
      await page.setViewportSize({ width, height: 800 });
      const { scroll, client } = await page.locator('html').evaluate((html) => ({ scroll: html.scrollWidth, client: html.clientWidth }));
      expect(scroll, `at ${width} px`).toBeLessThanOrEqual(client);
    }
    await page.setViewportSize(VIEWPORT);
  });

  it('gives every section a permalink', async () => {
    const sections = await page.locator('main section').evaluateAll((all) =>
      all.map((section) => ({ id: section.id, link: section.querySelector(':scope > h2 a[href^="#"]')?.getAttribute('href') })),
    );
    expect(sections.length).toBeGreaterThanOrEqual(6);
    for (const section of sections) {
      expect(section.id, JSON.stringify(section)).not.toBe('');
      expect(section.link).toBe(`#${section.id}`);
    }
  });

  it('prints to PDF without a table wider than the page', async () => {
    await page.emulateMedia({ media: 'print' });
    // A4 at 96 dpi is 794 px wide; the PDF below keeps 12 mm margins each side.
    await page.setViewportSize({ width: 794 - 2 * 45, height: 1123 });
    const pageWidth = await page.locator('html').evaluate((html) => html.clientWidth);
    const overflowing = await page.locator('table').evaluateAll(
      (tables, width) => tables.filter((table) => table.getBoundingClientRect().right > width + 1).map((table) => table.closest('section')?.id ?? '?'),
      pageWidth,
    );
    expect(overflowing).toEqual([]);
    const pdf = await page.pdf({ format: 'A4', margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' }, printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
    await writeFile(path.join(RUN_DIR, 'report.pdf'), pdf);
    await page.emulateMedia({ media: 'screen' });
  });
});
