import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { median } from './load';

export interface HtmlResult {
  /** The first-load HTML as the server sends it, uncompressed, and gzipped at the default level. */
  rawBytes: number;
  gzipBytes: number;
  /** Of the raw HTML: the React Server Components payload inlined in `self.__next_f.push` scripts. */
  rscBytes: number;
}

/** The HTML a first load of `url` receives, and how much of it is the inline RSC payload. */
export async function measureHtml(url: string): Promise<HtmlResult> {
  const html = await (await fetch(url)).text();
  const rsc = html.match(/<script>self\.__next_f\.push\(.*?<\/script>/gs) ?? [];
  const bytes = (text: string) => Buffer.byteLength(text);
  return { rawBytes: bytes(html), gzipBytes: gzipSync(html).length, rscBytes: rsc.reduce((sum, script) => sum + bytes(script), 0) };
}

export interface PageResult {
  /** Compressed bytes of every script Chromium fetched for the page, as sent over the wire. */
  jsBytes: number;
  jsFiles: number;
  /** Largest Contentful Paint, median of `loads` cold loads (fresh browser context each). */
  lcpMs: number;
  lcpSamplesMs: number[];
}

/** Loads `url` in headless Chromium (with `cookie` if given) and measures the scripts it transfers and its LCP. */
export async function runPage(url: string, loads: number, executablePath: string | undefined, cookie?: { name: string; value: string }): Promise<PageResult> {
  const browser = await chromium.launch({
    executablePath,
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const samples: { jsBytes: number; jsFiles: number; lcpMs: number }[] = [];
    for (let i = 0; i < loads + 1; i++) {
      const context = await browser.newContext();
      // Secure: a production build's cookie, which its __Host- prefix requires to be.
      if (cookie) await context.addCookies([{ ...cookie, url, secure: true }]);
      const page = await context.newPage();
      const scripts: Promise<number>[] = [];
      page.on('requestfinished', (request) => {
        if (request.resourceType() === 'script') scripts.push(request.sizes().then((sizes) => sizes.responseBodySize));
      });
      await page.goto(url, { waitUntil: 'networkidle' });
      const lcpMs = await page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            new PerformanceObserver((list) => resolve(list.getEntries().at(-1)!.startTime)).observe({
              type: 'largest-contentful-paint',
              buffered: true,
            });
            setTimeout(() => reject(new Error('No largest-contentful-paint entry within 5 s.')), 5000);
          }),
      );
      const sizes = await Promise.all(scripts);
      await context.close();
      if (i === 0) continue; // the first load warms the server
      samples.push({ jsBytes: sizes.reduce((a, b) => a + b, 0), jsFiles: sizes.length, lcpMs });
    }
    return {
      jsBytes: Math.max(...samples.map((s) => s.jsBytes)),
      jsFiles: Math.max(...samples.map((s) => s.jsFiles)),
      lcpMs: median(samples.map((s) => s.lcpMs)),
      lcpSamplesMs: samples.map((s) => Math.round(s.lcpMs)),
    };
  } finally {
    await browser.close();
  }
}
