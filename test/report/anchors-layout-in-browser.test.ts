// The published-figures table holds long prose and addresses: in a real browser it must fit a
// 1280 px window without scrolling sideways, and on a phone keep the page itself from widening.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderRun } from '../../src/report/render.ts';
import { chromiumForTests } from '../support/chromium.ts';
import { fixtureRun } from './fixtures.ts';
import { writeRunDir } from './run-dir.ts';

describe('the published-figures table in a browser', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: await chromiumForTests(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    dir = await writeRunDir(fixtureRun());
    await renderRun(dir);
  }, 10 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Widths at a viewport: the page's, the table's box and how far its content reaches. */
  async function widths(width: number) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(pathToFileURL(path.join(dir, 'index.html')).href, { waitUntil: 'load' });
    const measured = {
      page: await page.locator('html').evaluate((html) => html.scrollWidth),
      ...(await page.locator('#anchors .table-wrap').evaluate((wrap) => ({ wrapBox: wrap.clientWidth, wrapContent: wrap.scrollWidth }))),
    };
    await page.close();
    return measured;
  }

  it('fits a 1280 px window with no sideways scrolling', async () => {
    const at1280 = await widths(1280);
    expect(at1280.page).toBeLessThanOrEqual(1280);
    expect(at1280.wrapContent).toBeLessThanOrEqual(at1280.wrapBox);
  });

  it('keeps a phone-width page from widening: the table scrolls inside its own box', async () => {
    const at390 = await widths(390);
    expect(at390.page).toBeLessThanOrEqual(390);
    expect(at390.wrapBox).toBeLessThanOrEqual(390);
  });
});
