// Writes trend.html, trend.md and trend.json into a directory: the effectful end of `trend`.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { renderSvg } from '../report/svg.ts';
import { writeAtomic } from '../results/atomic-write.ts';
import { fsFault } from '../results/fs-fault.ts';
import type { SeriesTrend, TrendResult } from './analyse.ts';
import { trendChartSpec } from './chart.ts';
import { chartedSeries, renderTrendHtml } from './html.ts';
import { renderTrendMarkdown } from './markdown.ts';

/** Returns the paths written. */
export async function writeTrend(result: TrendResult, outDir: string): Promise<string[]> {
  const svgs = new Map<SeriesTrend, string>();
  // One at a time: vega views are heavy, and sixty at once would only contend for the same cores.
  for (const series of chartedSeries(result)) svgs.set(series, await renderSvg(trendChartSpec(series)));
  const files: Record<string, string> = {
    'trend.html': renderTrendHtml(result, svgs),
    'trend.md': renderTrendMarkdown(result),
    'trend.json': `${JSON.stringify(result, null, 2)}\n`,
  };
  await mkdir(outDir, { recursive: true }).catch((error: unknown) => {
    throw fsFault('create', outDir, error);
  });
  const written: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(outDir, file);
    await writeAtomic(target, text);
    written.push(target);
  }
  return written;
}
